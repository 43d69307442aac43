/**
 * A session's run-time parameters: SET / SHOW / RESET with PostgreSQL's validation and
 * normalisation (client_encoding `'utf-8'` → UTF8, DateStyle `ISO` → `ISO, MDY`), custom
 * dotted names, and change notification for the ParameterStatus messages clients rely on.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { isValidTimeZone } from '../types/datetime-codec-zone.js';
import { dateStyleOf, formatDateStyle, parseDateStyle, parseIntervalStyle } from '../types/datetime-style.js';
import { DURATION_SETTINGS, formatDurationMs, parseDurationMs } from '../common/duration-setting.js';
import { CORE_SETTINGS, type SettingDefinition, type SettingsCatalog } from './settings-catalog.js';
import type { SettingInfo } from '../catalog/system/system-table.js';
import { baseUnitText, formatReal, parseTypedSetting } from './setting-types.js';
import { TRANSACTION_SETTINGS } from './transaction-characteristics.js';
import { SettingLevels } from './setting-levels.js';

/**
 * The current transaction's characteristics (transaction_isolation, transaction_read_only,
 * transaction_deferrable) live in the session's transaction, not here: SET and SHOW of them
 * go through this (absent: plain settings, as in a Settings of its own).
 */
export interface TransactionSettings {
  get(name: string): string;
  set(name: string, value: string): void;
}

/** Called with the canonical name and new value of a reported setting that changed. */
export type ReportListener = (name: string, value: string) => void;

const EXTRA_FLOAT_DIGITS_MIN = -15;
const EXTRA_FLOAT_DIGITS_MAX = 3;

export class Settings {
  private readonly values = new Map<string, string>();
  /** Per-session defaults (startup parameters override the server's). */
  private readonly sessionDefaults = new Map<string, string>();
  onReport: ReportListener = () => {};
  transactionSettings: TransactionSettings | undefined;
  /** Undo records per transaction and savepoint (TransactionState drives them). */
  readonly levels = new SettingLevels((key, value) => {
    const before = this.get(key);
    if (value === undefined) this.values.delete(key);
    else this.values.set(key, value);
    this.report(key, before);
  });

  /** `catalog`: the parameters this Database knows (the core's and its extensions'). */
  constructor(overrides: ReadonlyMap<string, string> = new Map(), private readonly catalog: SettingsCatalog = CORE_SETTINGS) {
    for (const [name, value] of overrides) this.sessionDefaults.set(name.toLowerCase(), value);
  }

  /** Applies a startup parameter (it also becomes the value RESET returns to). */
  setStartup(name: string, value: string): void {
    const key = name.toLowerCase();
    // The login role is whatever authentication accepted; SET checks against it later.
    const normalised = key === 'session_authorization' ? value : this.validate(key, value, false);
    this.sessionDefaults.set(key, normalised);
  }

  /** Current value by any spelling, or undefined for unknown names. */
  get(name: string): string | undefined {
    const key = name.toLowerCase();
    if (this.transactionSettings && TRANSACTION_SETTINGS.has(key)) return this.transactionSettings.get(key);
    return this.values.get(key) ?? this.sessionDefaults.get(key) ?? this.catalog.definitions.get(key)?.defaultValue;
  }

  /** SHOW: the value or 42704. Returns the canonical name for the column header. */
  show(name: string): { name: string; value: string } {
    const key = name.toLowerCase();
    const value = this.get(key);
    if (value === undefined) throw unrecognized(name);
    return { name: this.catalog.definitions.get(key)?.name ?? key, value };
  }

  /** SET [LOCAL] name = value; `undefined` value means DEFAULT. */
  set(name: string, value: string | undefined, local = false): void {
    const key = name.toLowerCase();
    if (value === undefined) return this.reset(key, local);
    const normalised = this.validate(key, value, true);
    if (this.transactionSettings && TRANSACTION_SETTINGS.has(key)) return this.transactionSettings.set(key, normalised);
    const before = this.get(key);
    this.levels.touch(key, this.values.get(key), local);
    this.values.set(key, normalised);
    this.report(key, before);
  }

  reset(name: string, local = false): void {
    const key = name.toLowerCase();
    if (key === 'all') return this.resetAll();
    const def = this.catalog.definitions.get(key);
    if (!def && !key.includes('.')) throw unrecognized(name);
    if (!def) this.placeholder(key, '');
    if (def?.readOnly) throw readOnly(def);
    if (this.transactionSettings && TRANSACTION_SETTINGS.has(key)) return this.transactionSettings.set(key, this.get(`default_${key}`)!);
    const before = this.get(key);
    this.levels.touch(key, this.values.get(key), local);
    this.values.delete(key);
    this.report(key, before);
  }

  resetAll(): void {
    for (const key of [...this.values.keys()]) {
      // PostgreSQL's GUC_NO_RESET_ALL: RESET ALL keeps the role and session authorization.
      if (this.catalog.definitions.get(key)?.readOnly || NO_RESET_ALL.has(key)) continue;
      const before = this.get(key);
      this.levels.touch(key, this.values.get(key), false);
      this.values.delete(key);
      this.report(key, before);
    }
  }

  /** SHOW ALL rows: name, setting, description (sorted by name as PostgreSQL does). */
  all(): { name: string; value: string; description: string }[] {
    return [...this.catalog.definitions.values()]
      .map((d) => ({ name: d.name, value: this.get(d.name) ?? '', description: d.description }))
      .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()));
  }

  /** pg_settings rows: every parameter with its current value and, when typed, its type and bounds. */
  describe(): SettingInfo[] {
    return [...this.catalog.definitions.values()].map((d) => {
      const type = d.type;
      const base = (text: string) => baseUnitText(type, text);
      const info: SettingInfo = {
        name: d.name, setting: base(this.get(d.name) ?? d.defaultValue), description: d.description, readOnly: d.readOnly === true,
        bootVal: base(d.defaultValue), resetVal: base(this.sessionDefaults.get(d.name.toLowerCase()) ?? d.defaultValue),
        ...(d.category ? { category: d.category } : {}),
      };
      if (!type) return info;
      switch (type.kind) {
        case 'bool': return { ...info, vartype: 'bool' };
        case 'enum': return { ...info, vartype: 'enum', enumVals: type.values };
        case 'integer': return { ...info, vartype: 'integer', minVal: String(type.min), maxVal: String(type.max), ...(type.unit ? { unit: type.unit } : {}) };
        case 'real': return { ...info, vartype: 'real', minVal: formatReal(type.min), maxVal: formatReal(type.max) };
        case 'duration': case 'names': case 'url': return { ...info, vartype: 'string' };
      }
    });
  }

  /** Canonical names and values of every reported setting (startup ParameterStatus). */
  reported(): { name: string; value: string }[] {
    return [...this.catalog.definitions.values()].filter((d) => d.reported).map((d) => ({ name: d.name, value: this.get(d.name)! }));
  }

  private report(key: string, before: string | undefined): void {
    const def = this.catalog.definitions.get(key);
    const after = this.get(key);
    if (def?.reported && after !== undefined && after !== before) this.onReport(def.name, after);
  }

  private placeholder(key: string, raw: string): string {
    const prefix = key.slice(0, key.indexOf('.'));
    if (!this.catalog.reservedPrefixes.has(prefix)) return raw;
    const known = [...this.catalog.definitions.values()].filter((d) => d.name.toLowerCase().startsWith(`${prefix}.`)).map((d) => d.name);
    throw new SqlError(SQLSTATE.InvalidName, `invalid configuration parameter name "${key}"`, {
      detail: `"${prefix}" is a reserved prefix.`,
      ...(known.length > 0 ? { hint: `Parameters under it: ${known.join(', ')}.` } : {}),
    });
  }

  private validate(key: string, raw: string, userSet: boolean): string {
    const def = this.catalog.definitions.get(key);
    if (!def) {
      // PostgreSQL accepts any two-part name as a custom (placeholder) setting, except under a
      // prefix an extension reserved: there a typo must fail rather than be kept silently.
      if (key.includes('.')) return this.placeholder(key, raw);
      throw unrecognized(key);
    }
    if (userSet && def.readOnly) throw readOnly(def);
    const value = unquote(raw);
    if (def.type) return parseTypedSetting(def.name, def.type, value);
    switch (key) {
      case 'role':
      case 'session_authorization': {
        // The server has one role: the session's login role (and SET ROLE NONE).
        const login = this.sessionDefaults.get('session_authorization') ?? def.defaultValue;
        if (key === 'role' && value.toLowerCase() === 'none') return 'none';
        if (value === login) return value;
        throw new SqlError(SQLSTATE.InvalidParameterValue, `role "${value}" does not exist`);
      }
      case 'client_encoding': {
        const enc = value.toUpperCase().replace(/[-_]/g, '');
        if (enc === 'UTF8' || enc === 'UNICODE') return 'UTF8';
        throw new SqlError(SQLSTATE.FeatureNotSupported, `conversion between ${value} and UTF8 is not supported`);
      }
      case 'datestyle': return normaliseDateStyle(value, this.get(key));
      case 'timezone': {
        if (value.toLowerCase() === 'local' || value.toLowerCase() === 'default') return def.defaultValue;
        if (!isValidTimeZone(value)) throw invalidValue(def.name, value);
        return value;
      }
      case 'intervalstyle': {
        const style = parseIntervalStyle(value);
        if (!style) {
          throw new SqlError(SQLSTATE.InvalidParameterValue, `invalid value for parameter "${key}": "${value}"`,
            { hint: 'Available values: postgres, postgres_verbose, sql_standard, iso_8601.' });
        }
        return style;
      }
      case 'extra_float_digits': {
        const n = Number(value);
        if (!Number.isInteger(n) || n < EXTRA_FLOAT_DIGITS_MIN || n > EXTRA_FLOAT_DIGITS_MAX) throw invalidValue(def.name, value);
        return String(n);
      }
      default: {
        if (DURATION_SETTINGS.has(key)) {
          const ms = parseDurationMs(value);
          if (ms === undefined) throw invalidValue(def.name, value);
          return formatDurationMs(ms);
        }
        return value;
      }
    }
  }
}

/** Settings RESET ALL leaves alone (PostgreSQL's GUC_NO_RESET_ALL). */
const NO_RESET_ALL: ReadonlySet<string> = new Set(['role', 'session_authorization']);

function unquote(value: string): string {
  const v = value.trim();
  if (v.length >= 2 && v.startsWith("'") && v.endsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  return v;
}

/** DateStyle as PostgreSQL's check hook normalises it: `iso` → `ISO, MDY`, `dmy` keeps the style. */
function normaliseDateStyle(value: string, current: string | undefined): string {
  const words = value.split(/[\s,]+/).filter(Boolean);
  const parsed = parseDateStyle(value, dateStyleOf(current));
  if (!parsed) {
    const unknown = words.find((w) => parseDateStyle(w) === undefined);
    throw new SqlError(SQLSTATE.InvalidParameterValue, `invalid value for parameter "DateStyle": "${value}"`, {
      detail: unknown !== undefined ? `Unrecognized key word: "${unknown}".` : 'Conflicting "datestyle" specifications.',
    });
  }
  return formatDateStyle(parsed);
}

function unrecognized(name: string): SqlError {
  return new SqlError(SQLSTATE.UndefinedObject, `unrecognized configuration parameter "${name}"`);
}

function invalidValue(name: string, value: string): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, `invalid value for parameter "${name}": "${value}"`);
}

function readOnly(def: SettingDefinition): SqlError {
  return new SqlError(SQLSTATE.CantChangeRuntimeParam, `parameter "${def.name}" cannot be changed`);
}
