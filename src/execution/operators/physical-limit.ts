/**
 * LIMIT/OFFSET: evaluated once per run (they may be parameters); stops pulling its input
 * as soon as the limit is reached. Negative values are errors, as in PostgreSQL. With WITH
 * TIES (`ties`: the ORDER BY keys) the rows after the limit that equal the last counted row
 * on every key (NULLs equal) are passed too.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { valuesEqual } from '../../functions/compare.js';
import type { BoundExpr, SortKey } from '../../planner/logical/bound-expr.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { evalConstant } from '../expression/compile-expr.js';
import { layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { compileSortKeys, keyBatch, type SortSpec } from './sort-keys.js';

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

export function physicalLimit(input: PhysicalOperator, limitExpr?: BoundExpr, offsetExpr?: BoundExpr, ties?: readonly SortKey[]): PhysicalOperator {
  const spec = ties ? compileSortKeys(ties, layoutOf(input.columnIds)) : undefined;
  return {
    columnIds: input.columnIds,
    async *execute(ctx: ExecContext) {
      const limit = await rowCount(limitExpr, ctx, 'LIMIT');
      let skip = await rowCount(offsetExpr, ctx, 'OFFSET');
      let remaining = limit;
      if (remaining <= 0) return;
      let last: Row | undefined;
      for await (const batch of input.execute(ctx)) {
        let rows = batch;
        if (skip > 0) {
          const dropped = Math.min(skip, rows.length);
          rows = rows.slice(dropped);
          skip -= dropped;
        }
        if (rows.length === 0) continue;
        if (last !== undefined) {
          const tied = await tiesWith(spec!, last, rows, ctx);
          if (tied > 0) yield rows.slice(0, tied);
          if (tied < rows.length) return;
          continue;
        }
        if (rows.length >= remaining) {
          if (!spec) {
            yield rows.slice(0, remaining);
            return;
          }
          last = rows[remaining - 1]!;
          const tied = remaining + await tiesWith(spec, last, rows.slice(remaining), ctx);
          yield rows.slice(0, tied);
          if (tied < rows.length) return;
          continue;
        }
        remaining -= rows.length;
        yield rows;
      }
    },
  };
}

/** How many of `rows`, from the first, equal `last` on every sort key. */
async function tiesWith(spec: SortSpec, last: Row, rows: readonly Row[], ctx: ExecContext): Promise<number> {
  if (rows.length === 0) return 0;
  const [lastKeys, ...keyed] = await keyBatch(spec, [last, ...rows], ctx, 0);
  const same = (a: readonly Value[], b: readonly Value[]) => a.every((x, i) => (x === null ? b[i] === null : b[i] !== null && valuesEqual(x, b[i]!)));
  const n = keyed.findIndex((k) => !same(lastKeys!.keys, k.keys));
  return n < 0 ? keyed.length : n;
}
