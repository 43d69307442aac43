/**
 * Typed run-time parameters (PostgreSQL's bool, integer, real and enum GUCs): reading a SET
 * value as PostgreSQL does (boolean prefixes, memory units, rounding, ranges, enum spellings)
 * and printing it as SHOW does (`on`, `1536kB`, `1e+06`). Errors are PostgreSQL's 22023s.
 */
import { formatDurationMs, parseDurationMs } from '../common/duration-setting.js';
import type { MemoryUnit, SettingType } from '../common/setting-definition.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';

export type { MemoryUnit, SettingType } from '../common/setting-definition.js';

const KB_PER_UNIT: Readonly<Record<string, number>> = { B: 1 / 1024, kB: 1, MB: 1024, GB: 1024 ** 2, TB: 1024 ** 3 };
/** Largest first: SHOW prints the largest unit that holds the value exactly. */
const DISPLAY_UNITS: readonly (readonly [string, number])[] = [['TB', 1024 ** 3], ['GB', 1024 ** 2], ['MB', 1024], ['kB', 1]];
const BLOCK_KB = 8;

/** The SHOW text of `raw` for a parameter of this type, or a 22023 error. */
export function parseTypedSetting(name: string, type: SettingType, raw: string): string {
  switch (type.kind) {
    case 'bool': {
      const b = parseBool(raw);
      if (b === undefined) throw invalid(`parameter "${name}" requires a Boolean value`);
      return b ? 'on' : 'off';
    }
    case 'integer': return formatInteger(parseInteger(name, type, raw), type.unit);
    case 'real': {
      const n = /^\s*[-+]?(\d+\.?\d*(e[-+]?\d+)?|\.\d+(e[-+]?\d+)?|infinity|inf|nan)\s*$/i.test(raw) ? Number(raw.trim().replace(/^([-+]?)inf$/i, '$1Infinity')) : NaN;
      if (Number.isNaN(n)) throw invalidValue(name, raw);
      if (n < type.min || n > type.max) {
        throw invalid(`${formatReal(n)} is outside the valid range for parameter "${name}" (${formatReal(type.min)} .. ${formatReal(type.max)})`);
      }
      return formatReal(n);
    }
    case 'enum': {
      const lower = raw.trim().toLowerCase();
      const found = type.values.find((v) => v === lower) ?? enumAlias(type.values, lower);
      if (found === undefined) {
        throw new SqlError(SQLSTATE.InvalidParameterValue, `invalid value for parameter "${name}": "${raw}"`,
          { hint: `Available values: ${type.values.join(', ')}.` });
      }
      return found;
    }
    case 'duration': {
      const ms = parseDurationMs(raw.trim());
      if (ms === undefined) {
        throw new SqlError(SQLSTATE.InvalidParameterValue, `invalid value for parameter "${name}": "${raw}"`,
          { hint: 'Valid units for this parameter are "us", "ms", "s", "min", "h", and "d".' });
      }
      return formatDurationMs(ms);
    }
    case 'names': return parseNames(name, type.values(), raw);
    case 'url': return parseUrl(name, raw);
  }
}

/** A comma-separated list of known names, lower-cased, blanks dropped; empty is the empty list. */
function parseNames(name: string, known: readonly string[], raw: string): string {
  const items = raw.split(',').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
  const unknown = items.find((item) => !known.includes(item));
  if (unknown !== undefined) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `invalid value for parameter "${name}": "${unknown}"`,
      { hint: `Available values: ${known.join(', ')}.` });
  }
  return [...new Set(items)].join(',');
}

/** Empty, or an absolute http(s) URL (links are built on it, so anything else would make broken ones). */
function parseUrl(name: string, raw: string): string {
  const value = raw.trim();
  if (value === '') return '';
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url && (url.protocol === 'http:' || url.protocol === 'https:')) return value;
  throw new SqlError(SQLSTATE.InvalidParameterValue, `invalid value for parameter "${name}": "${raw}"`,
    { hint: 'Give an absolute http:// or https:// URL, or an empty string.' });
}

/** pg_settings.setting: an integer in its base unit (`work_mem` 4MB → `4096`); others as SHOW prints them. */
export function baseUnitText(type: SettingType | undefined, shown: string): string {
  if (type?.kind !== 'integer' || !type.unit) return shown;
  const match = /^(-?\d+)(\w*)$/.exec(shown);
  if (!match) return shown;
  const kb = Number(match[1]) * (KB_PER_UNIT[match[2] || 'kB'] ?? 1);
  return String(type.unit === '8kB' ? kb / BLOCK_KB : kb);
}

/** PostgreSQL's parse_bool: on/off, true/false, yes/no, 1/0 and their unambiguous prefixes. */
function parseBool(raw: string): boolean | undefined {
  const v = raw.trim().toLowerCase();
  if (v === '') return undefined;
  const prefixOf = (word: string, min = 1) => v.length >= min && word.startsWith(v);
  if (prefixOf('true') || prefixOf('yes') || prefixOf('on', 2) || v === '1') return true;
  if (prefixOf('false') || prefixOf('no') || prefixOf('off', 2) || v === '0') return false;
  return undefined;
}

/** Enums with on/off values also take PostgreSQL's hidden boolean spellings. */
function enumAlias(values: readonly string[], lower: string): string | undefined {
  if (!values.includes('on') || !values.includes('off')) return undefined;
  if (['true', 'yes', '1'].includes(lower)) return 'on';
  if (['false', 'no', '0'].includes(lower)) return 'off';
  return undefined;
}

function parseInteger(name: string, type: Extract<SettingType, { kind: 'integer' }>, raw: string): number {
  const match = /^\s*([-+]?(?:0x[0-9a-f]+|\d+\.?\d*(?:e[-+]?\d+)?|\.\d+))\s*([a-zA-Z]*)\s*$/i.exec(raw);
  if (!match) throw invalidValue(name, raw);
  let value = Number(match[1]);
  const unit = match[2]!;
  if (unit !== '') {
    const kb = type.unit ? KB_PER_UNIT[unit] : undefined;
    if (kb === undefined) {
      const hint = type.unit ? 'Valid units for this parameter are "B", "kB", "MB", "GB", and "TB".' : undefined;
      throw new SqlError(SQLSTATE.InvalidParameterValue, `invalid value for parameter "${name}": "${raw}"`, hint ? { hint } : {});
    }
    value = (value * kb) / (type.unit === '8kB' ? BLOCK_KB : 1);
  }
  value = roundHalfEven(value);
  if (!Number.isFinite(value) || value < type.min || value > type.max) {
    const unitText = type.unit ? ` ${type.unit}` : '';
    throw invalid(`${value}${unitText} is outside the valid range for parameter "${name}" (${type.min} .. ${type.max})`);
  }
  return value;
}

/** C's rint(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function formatInteger(value: number, unit: MemoryUnit | undefined): string {
  if (!unit || value === 0) return String(value);
  const kb = unit === '8kB' ? value * BLOCK_KB : value;
  const [name, size] = DISPLAY_UNITS.find(([, size]) => kb % size === 0)!;
  return `${kb / size}${name}`;
}

/** C's `%g`: six significant digits, exponent form below 1e-4 or from 1e6. */
export function formatReal(x: number): string {
  if (x === 0) return '0';
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'nan' : x > 0 ? 'inf' : '-inf';
  const [mantissa, exponentText] = x.toExponential(5).split('e') as [string, string];
  const exponent = Number(exponentText);
  const strip = (s: string) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exponent < -4 || exponent >= 6) {
    return `${strip(mantissa)}e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return strip(x.toFixed(Math.max(0, 5 - exponent)));
}

function invalid(message: string): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, message);
}

function invalidValue(name: string, value: string): SqlError {
  return invalid(`invalid value for parameter "${name}": "${value}"`);
}
