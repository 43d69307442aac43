/**
 * PostgreSQL's advisory lock functions, each with a bigint key or two integer keys:
 * pg_[try_]advisory[_xact]_lock[_shared], pg_advisory_unlock[_shared], pg_advisory_unlock_all.
 * The locks are server-wide (every engine thread's sessions share them, ServerAccess.advisory);
 * a blocking call waits without holding its engine thread and stops on a cancel, a
 * statement_timeout or a deadlock (40P01).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { sqlType, T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { VOID_RESULT, type EvalContext, type ScalarFunction, type ScalarOverload } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import type { AdvisoryKey, AdvisoryLevel, AdvisoryLocks, AdvisoryMode } from './server-access.js';

const VOID = sqlType('void');
const UINT32 = 2n ** 32n;
/** The two key forms: one bigint, or two integers. */
const KEY_FORMS = [[T.int8], [T.int4, T.int4]] as const;

function keyOf(args: readonly Value[]): AdvisoryKey {
  if (args.length === 1) {
    const unsigned = BigInt.asUintN(64, BigInt(args[0] as bigint | number));
    return { objsubid: 1, high: Number(unsigned / UINT32) | 0, low: Number(unsigned % UINT32) | 0 };
  }
  return { objsubid: 2, high: args[0] as number, low: args[1] as number };
}

function locksOf(ctx: EvalContext): AdvisoryLocks {
  if (!ctx.server) throw new SqlError(SQLSTATE.FeatureNotSupported, 'advisory locks need a running server');
  return ctx.server.advisory;
}

/** A lock function over every row of the batch (each may wait, so rows go one at a time). */
function lockOverloads(mode: AdvisoryMode, level: AdvisoryLevel, wait: boolean): ScalarOverload[] {
  return KEY_FORMS.map((args) => ({
    args, returns: wait ? VOID : T.bool, volatility: 'volatile' as const, strict: true,
    async vector(columns: readonly (readonly Value[])[], rowCount: number, ctx: EvalContext) {
      const out: Value[] = [];
      for (let row = 0; row < rowCount; row++) {
        const key = keyOf(columns.map((c) => c[row]!));
        const got = await locksOf(ctx).acquire(key, mode, level, wait, () => ctx.checkInterrupts?.());
        out.push(wait ? VOID_RESULT : got);
      }
      return out;
    },
  }));
}

function unlockOverloads(mode: AdvisoryMode): ScalarOverload[] {
  return KEY_FORMS.map((args) => scalar(args, T.bool, (values, ctx) => {
    if (locksOf(ctx).release(keyOf(values), mode)) return true;
    ctx.notice?.({ severity: 'WARNING', code: SQLSTATE.Warning, message: `you don't own a lock of type ${mode === 'exclusive' ? 'ExclusiveLock' : 'ShareLock'}` });
    return false;
  }, { volatility: 'volatile' }));
}

const LOCK_FUNCTIONS: readonly [string, AdvisoryMode, AdvisoryLevel, boolean][] = [
  ['pg_advisory_lock', 'exclusive', 'session', true],
  ['pg_advisory_lock_shared', 'share', 'session', true],
  ['pg_advisory_xact_lock', 'exclusive', 'transaction', true],
  ['pg_advisory_xact_lock_shared', 'share', 'transaction', true],
  ['pg_try_advisory_lock', 'exclusive', 'session', false],
  ['pg_try_advisory_lock_shared', 'share', 'session', false],
  ['pg_try_advisory_xact_lock', 'exclusive', 'transaction', false],
  ['pg_try_advisory_xact_lock_shared', 'share', 'transaction', false],
];

export const advisoryLockFunctions: readonly ScalarFunction[] = [
  ...LOCK_FUNCTIONS.map(([name, mode, level, wait]) => ({ name, overloads: lockOverloads(mode, level, wait) })),
  { name: 'pg_advisory_unlock', overloads: unlockOverloads('exclusive') },
  { name: 'pg_advisory_unlock_shared', overloads: unlockOverloads('share') },
  // Drivers' pool resets call it (asyncpg): never an error, even where no server shares locks.
  { name: 'pg_advisory_unlock_all', overloads: [scalar([], VOID, (_a, ctx) => { ctx.server?.advisory.releaseAll(); return VOID_RESULT; }, { volatility: 'volatile' })] },
];
