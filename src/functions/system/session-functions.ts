/**
 * Session and server information functions drivers call as plumbing: current_schemas,
 * pg_is_in_recovery, txid_current, advisory locks (asyncpg's pool reset calls
 * pg_advisory_unlock_all), backend signalling, to_regclass/to_regtype.
 */
import { SqlError } from '../../common/sql-error.js';
import { sqlType, T } from '../../types/sql-type.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { regclassIn, regtypeIn } from './reg-types.js';
import { userName } from './session-identity.js';

const stable = { volatility: 'stable' } as const;
const volatile = { volatility: 'volatile' } as const;
const NAME_ARRAY = sqlType('name', { array: true });
/** The schemas that exist; search_path entries naming others are skipped, as PostgreSQL does. */
const SCHEMAS = new Set(['public', 'pg_catalog', 'information_schema']);

/** current_schemas(include_implicit): the search path's existing schemas, pg_catalog first if implicit. */
export function currentSchemas(includeImplicit: boolean, ctx: EvalContext): string[] {
  const path = (ctx.setting('search_path') ?? '"$user", public').split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1'));
  const user = userName(ctx.setting);
  const schemas = path.map((s) => (s === '$user' ? user : s)).filter((s) => SCHEMAS.has(s));
  if (includeImplicit && !schemas.includes('pg_catalog')) schemas.unshift('pg_catalog');
  return [...new Set(schemas)];
}

/** A per-process transaction-id stand-in: grows with every call, never reused. */
let lastXid = 1000;

/** to_regclass / to_regtype: the OID, or NULL where the cast would raise. */
function orNull(parse: () => number): number | null {
  try {
    return parse();
  } catch (err) {
    if (err instanceof SqlError) return null;
    throw err;
  }
}

export const sessionFunctions: readonly ScalarFunction[] = [
  { name: 'current_schemas', overloads: [scalar([T.bool], NAME_ARRAY, ([implicit], ctx) => currentSchemas(implicit === true, ctx), stable)] },
  { name: 'pg_is_in_recovery', overloads: [scalar([], T.bool, () => false, volatile)] },
  { name: 'txid_current', overloads: [scalar([], T.int8, () => BigInt(++lastXid), volatile)] },
  { name: 'pg_advisory_unlock_all', overloads: [scalar([], sqlType('void'), () => null, volatile)] },
  ...['pg_advisory_lock', 'pg_advisory_xact_lock'].map((name) => ({
    name, overloads: [scalar([T.int8], sqlType('void'), () => null, volatile)],
  })),
  ...['pg_try_advisory_lock', 'pg_try_advisory_xact_lock', 'pg_advisory_unlock'].map((name) => ({
    name, overloads: [scalar([T.int8], T.bool, () => true, volatile)],
  })),
  // Other sessions cannot be signalled from a statement; PostgreSQL returns false when no signal was sent.
  ...['pg_cancel_backend', 'pg_terminate_backend'].map((name) => ({
    name, overloads: [scalar([T.int4], T.bool, () => false, volatile)],
  })),
  { name: 'to_regclass', overloads: [scalar([T.text], sqlType('regclass'), ([t], ctx) => orNull(() => regclassIn(t as string, ctx.catalog)), stable)] },
  { name: 'to_regtype', overloads: [scalar([T.text], sqlType('regtype'), ([t]) => orNull(() => regtypeIn(t as string)), stable)] },
  { name: 'pg_jit_available', overloads: [scalar([], T.bool, () => false, stable)] },
];
