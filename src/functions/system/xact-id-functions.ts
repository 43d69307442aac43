/**
 * Transaction ids as xid8 (PostgreSQL 13's FullTransactionId functions): pg_current_xact_id(),
 * which assigns the transaction its id on first use — the same id txid_current() returns, from
 * the store-wide counter — and pg_current_xact_id_if_assigned(), NULL until then; xid8cmp,
 * the btree comparison of two xid8 values (ordinary comparisons need nothing of their own).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

// Volatile rather than PostgreSQL's stable: folding at plan time would find no transaction.
const volatile = { volatility: 'volatile' } as const;
const immutable = { volatility: 'immutable' } as const;

function currentXactId(ctx: EvalContext): bigint {
  if (!ctx.transactionId) throw new SqlError(SQLSTATE.FeatureNotSupported, 'pg_current_xact_id() needs a running transaction');
  return ctx.transactionId();
}

function assignedXactId(ctx: EvalContext): bigint | null {
  if (!ctx.assignedTransactionId) throw new SqlError(SQLSTATE.FeatureNotSupported, 'pg_current_xact_id_if_assigned() needs a running transaction');
  return ctx.assignedTransactionId() ?? null;
}

function xid8cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const xactIdFunctions: readonly ScalarFunction[] = [
  { name: 'pg_current_xact_id', overloads: [scalar([], T.xid8, (_a, ctx) => currentXactId(ctx), volatile)] },
  { name: 'pg_current_xact_id_if_assigned', overloads: [scalar([], T.xid8, (_a, ctx) => assignedXactId(ctx), volatile)] },
  { name: 'xid8cmp', overloads: [scalar([T.xid8, T.xid8], T.int4, ([a, b]) => xid8cmp(a as bigint, b as bigint), immutable)] },
];
