/**
 * Storage parameters (pg_class.reloptions) as PostgreSQL 15 validates them (reloptions.c):
 * `WITH (…)` at CREATE TABLE and ALTER TABLE | VIEW … SET / RESET (…). Each is stored as
 * `name=value` text, the value as written (`true` when none is given); a change keeps the other
 * options in place and appends new ones. `toast.*` options are checked and then dropped: there is
 * no TOAST relation to carry them. Nothing here changes how rows are stored.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

/** One `[namespace.]name [= value]` of an option list. */
export interface RelOptionChange {
  readonly namespace?: string;
  readonly name: string;
  readonly value?: string;
}

export type RelOptionKind = 'table' | 'view';

type Spec =
  | { readonly type: 'bool' }
  | { readonly type: 'int' | 'real'; readonly min: number; readonly max: number }
  | { readonly type: 'enum'; readonly values: readonly string[]; readonly detail: string };

const INT_MAX = 2147483647;
const bool: Spec = { type: 'bool' };
const int = (min: number, max: number): Spec => ({ type: 'int', min, max });
const real = (min: number, max: number): Spec => ({ type: 'real', min, max });

/** Options a table and its TOAST relation share. */
const HEAP_AND_TOAST: Readonly<Record<string, Spec>> = {
  autovacuum_enabled: bool, vacuum_truncate: bool,
  autovacuum_vacuum_threshold: int(0, INT_MAX), autovacuum_vacuum_insert_threshold: int(-1, INT_MAX),
  autovacuum_vacuum_cost_limit: int(1, 10000), autovacuum_freeze_min_age: int(0, 1000000000),
  autovacuum_freeze_max_age: int(100000, 2000000000), autovacuum_freeze_table_age: int(0, 2000000000),
  autovacuum_multixact_freeze_min_age: int(0, 1000000000), autovacuum_multixact_freeze_max_age: int(10000, 2000000000),
  autovacuum_multixact_freeze_table_age: int(0, 2000000000), log_autovacuum_min_duration: int(-1, INT_MAX),
  autovacuum_vacuum_cost_delay: real(0, 100), autovacuum_vacuum_scale_factor: real(0, 100),
  autovacuum_vacuum_insert_scale_factor: real(0, 100),
  vacuum_index_cleanup: {
    type: 'enum', values: ['auto', 'on', 'off', 'true', 'false', 'yes', 'no', '1', '0'],
    detail: 'Valid values are "on", "off", and "auto".',
  },
};

/** Options of the table itself only. */
const HEAP_ONLY: Readonly<Record<string, Spec>> = {
  fillfactor: int(10, 100), toast_tuple_target: int(128, 8160), parallel_workers: int(0, 1024),
  autovacuum_analyze_threshold: int(0, INT_MAX), autovacuum_analyze_scale_factor: real(0, 100), user_catalog_table: bool,
};

const VIEW: Readonly<Record<string, Spec>> = { security_barrier: bool, security_invoker: bool };

function specOf(change: RelOptionChange, kind: RelOptionKind): Spec | undefined {
  if (kind === 'view') return Object.hasOwn(VIEW, change.name) ? VIEW[change.name] : undefined;
  if (Object.hasOwn(HEAP_AND_TOAST, change.name)) return HEAP_AND_TOAST[change.name];
  return change.namespace === undefined && Object.hasOwn(HEAP_ONLY, change.name) ? HEAP_ONLY[change.name] : undefined;
}

const invalid = (message: string, detail?: string) => new SqlError(SQLSTATE.InvalidParameterValue, message, detail ? { detail } : {});

/** PostgreSQL's parse_bool: true/false/yes/no (any prefix), on/off (two letters at least), 1/0. */
function isBool(value: string): boolean {
  const v = value.toLowerCase();
  if (v === '') return false;
  if ('true'.startsWith(v) || 'false'.startsWith(v) || 'yes'.startsWith(v) || 'no'.startsWith(v)) return true;
  return v === '1' || v === '0' || (v.length >= 2 && ('on'.startsWith(v) || 'off'.startsWith(v)));
}

function checkValue(name: string, value: string, spec: Spec): void {
  switch (spec.type) {
    case 'bool':
      if (!isBool(value)) throw invalid(`invalid value for boolean option "${name}": ${value}`);
      return;
    case 'enum':
      if (!spec.values.includes(value.toLowerCase())) throw invalid(`invalid value for enum option "${name}": ${value}`, spec.detail);
      return;
    default: {
      const integer = spec.type === 'int';
      const ok = integer ? /^\s*[+-]?\d+\s*$/.test(value) : value.trim() !== '' && Number.isFinite(Number(value));
      if (!ok) throw invalid(`invalid value for ${integer ? 'integer' : 'floating point'} option "${name}": ${value}`);
      const n = Number(value);
      if (n < spec.min || n > spec.max) {
        const bound = (b: number) => (integer ? String(b) : b.toFixed(6));
        throw invalid(`value ${value} out of bounds for option "${name}"`, `Valid values are between "${bound(spec.min)}" and "${bound(spec.max)}".`);
      }
    }
  }
}

/** The option list after SET / WITH `changes` (validated) or RESET of their names; undefined when empty. */
export function changeRelOptions(current: readonly string[] | undefined, changes: readonly RelOptionChange[],
  reset: boolean, kind: RelOptionKind): readonly string[] | undefined {
  const named = new Set<string>();
  const added: string[] = [];
  for (const change of changes) {
    if (change.namespace !== undefined && (kind === 'view' || change.namespace !== 'toast')) {
      throw invalid(`unrecognized parameter namespace "${change.namespace}"`);
    }
    const key = `${change.namespace ?? ''}.${change.name}`;
    if (reset) {
      if (change.namespace === undefined) named.add(change.name);
      continue;
    }
    const spec = specOf(change, kind);
    if (!spec) throw invalid(`unrecognized parameter "${change.name}"`);
    if (named.has(key)) throw invalid(`parameter "${change.name}" specified more than once`);
    named.add(key);
    const value = change.value ?? 'true';
    checkValue(change.name, value, spec);
    if (change.namespace === undefined) added.push(`${change.name}=${value}`);
  }
  const kept = (current ?? []).filter((o) => !named.has(reset ? o.slice(0, o.indexOf('=')) : `.${o.slice(0, o.indexOf('='))}`));
  const result = [...kept, ...added];
  return result.length > 0 ? result : undefined;
}
