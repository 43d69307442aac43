/**
 * Session and server information functions drivers call as plumbing: current_schemas,
 * pg_is_in_recovery, txid_current, backend signalling (pg_cancel_backend, pg_terminate_backend),
 * to_regclass/to_regtype. Advisory locks: advisory-lock-functions.ts.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { sqlType, T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { regclassIn, regtypeIn } from './reg-types.js';
import { NAMESPACES } from './catalog-oids.js';
import { searchPathNames } from './search-path.js';

const stable = { volatility: 'stable' } as const;
/** How often pg_terminate_backend(pid, timeout) looks whether the backend is gone. */
const WAIT_SLICE_MS = 20;
const volatile = { volatility: 'volatile' } as const;
const NAME_ARRAY = sqlType('name', { array: true });
/** current_schemas(include_implicit): the search path's existing schemas, pg_catalog first if implicit. */
export function currentSchemas(includeImplicit: boolean, ctx: EvalContext): string[] {
  // Without a catalog (plan time) only the built-in schemas are known to exist.
  const exists = (s: string) => ctx.catalog?.schemaExists?.(s) ?? NAMESPACES.some(([, n]) => n === s);
  const schemas = searchPathNames(ctx.setting).filter(exists);
  if (includeImplicit && !schemas.includes('pg_catalog')) schemas.unshift('pg_catalog');
  return [...new Set(schemas)];
}

/**
 * pg_cancel_backend / pg_terminate_backend: the request goes to the backend's connection
 * (through the main thread); false with PostgreSQL's WARNING when no backend has that pid.
 */
function signal(pid: number, how: 'cancel' | 'terminate', ctx: EvalContext): boolean {
  if (ctx.server?.signalBackend(pid, how)) return true;
  ctx.notice?.({ severity: 'WARNING', code: SQLSTATE.Warning, message: `PID ${pid} is not a PostgreSQL backend process` });
  return false;
}

/** pg_terminate_backend(pid, timeout): with a timeout > 0, true only once the backend is gone. */
async function terminateAndWait(pid: number, timeoutMs: number, ctx: EvalContext): Promise<boolean> {
  if (timeoutMs < 0) throw new SqlError(SQLSTATE.InvalidParameterValue, '"timeout" must not be negative');
  if (!signal(pid, 'terminate', ctx)) return false;
  if (timeoutMs === 0) return true;
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (!ctx.server!.backends().some((b) => b.pid === pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, Math.min(WAIT_SLICE_MS, Math.max(1, end - Date.now()))));
    ctx.checkInterrupts?.();
  }
  ctx.notice?.({ severity: 'WARNING', code: SQLSTATE.Warning, message: `backend with PID ${pid} did not terminate within ${timeoutMs} milliseconds` });
  return false;
}

/** txid_current(): one id per transaction, the same on every call inside it. */
function transactionId(ctx: EvalContext): bigint {
  if (!ctx.transactionId) throw new SqlError(SQLSTATE.FeatureNotSupported, 'txid_current() needs a running transaction');
  return ctx.transactionId();
}

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
  { name: 'txid_current', overloads: [scalar([], T.int8, (_a, ctx) => transactionId(ctx), volatile)] },
  { name: 'pg_cancel_backend', overloads: [scalar([T.int4], T.bool, ([pid], ctx) => signal(pid as number, 'cancel', ctx), volatile)] },
  {
    name: 'pg_terminate_backend',
    overloads: [
      scalar([T.int4], T.bool, ([pid], ctx) => signal(pid as number, 'terminate', ctx), volatile),
      {
        args: [T.int4, T.int8], returns: T.bool, volatility: 'volatile', strict: true,
        async vector(columns, rowCount, ctx) {
          const out: Value[] = [];
          for (let row = 0; row < rowCount; row++) out.push(await terminateAndWait(columns[0]![row] as number, Number(columns[1]![row]), ctx));
          return out;
        },
      },
    ],
  },
  { name: 'to_regclass', overloads: [scalar([T.text], sqlType('regclass'), ([t], ctx) => orNull(() => regclassIn(t as string, ctx.catalog)), stable)] },
  { name: 'to_regtype', overloads: [scalar([T.text], sqlType('regtype'), ([t]) => orNull(() => regtypeIn(t as string)), stable)] },
  { name: 'pg_jit_available', overloads: [scalar([], T.bool, () => false, stable)] },
];
