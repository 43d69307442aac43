/**
 * LIMIT/OFFSET: evaluated once per run (they may be parameters); stops pulling its input
 * as soon as the limit is reached. Negative values are errors, as in PostgreSQL.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { ExecContext } from '../exec-context.js';
import { evalConstant } from '../expression/compile-expr.js';
import type { PhysicalOperator } from '../physical-operator.js';

/** Evaluates a LIMIT/OFFSET expression to a row count (NULL → no limit / 0). */
export async function rowCount(expr: BoundExpr | undefined, ctx: ExecContext, clause: 'LIMIT' | 'OFFSET'): Promise<number> {
  if (!expr) return clause === 'LIMIT' ? Infinity : 0;
  const value = await evalConstant(expr, ctx);
  if (value === null) return clause === 'LIMIT' ? Infinity : 0;
  const n = Number(value);
  if (n < 0) {
    const code = clause === 'LIMIT' ? SQLSTATE.InvalidRowCountInLimitClause : SQLSTATE.InvalidRowCountInResultOffsetClause;
    throw new SqlError(code, `${clause} must not be negative`);
  }
  return n;
}

export function physicalLimit(input: PhysicalOperator, limitExpr?: BoundExpr, offsetExpr?: BoundExpr): PhysicalOperator {
  return {
    columnIds: input.columnIds,
    async *execute(ctx: ExecContext) {
      const limit = await rowCount(limitExpr, ctx, 'LIMIT');
      let skip = await rowCount(offsetExpr, ctx, 'OFFSET');
      let remaining = limit;
      if (remaining <= 0) return;
      for await (const batch of input.execute(ctx)) {
        let rows = batch;
        if (skip > 0) {
          const dropped = Math.min(skip, rows.length);
          rows = rows.slice(dropped);
          skip -= dropped;
        }
        if (rows.length === 0) continue;
        if (rows.length >= remaining) {
          yield rows.slice(0, remaining);
          return;
        }
        remaining -= rows.length;
        yield rows;
      }
    },
  };
}
