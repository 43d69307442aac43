/**
 * LATERAL join: the right side reads columns of the left one (a LATERAL derived table, or a
 * function in FROM whose arguments name earlier items), so it runs again for every left row,
 * with that row as its outer row. INNER/CROSS keep the pairs that pass the condition; LEFT
 * also keeps each left row that found none, NULL-padded (the binder allows no other type).
 */
import type { JoinType } from '../../planner/logical/logical-plan.js';
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { Row } from '../../types/value.js';
import { batchTick, withOuterRow, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { BATCH_SIZE, collectRows, layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { combine, nulls } from './join-rows.js';

export function physicalLateralJoin(joinType: JoinType, left: PhysicalOperator, right: PhysicalOperator,
  condition: BoundExpr | undefined): PhysicalOperator {
  const columnIds = [...left.columnIds, ...right.columnIds];
  const leftLayout = layoutOf(left.columnIds);
  const test = condition ? compileExpr(condition, layoutOf(columnIds)) : undefined;
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      for await (const batch of left.execute(ctx)) {
        const out: Row[] = [];
        for (const l of batch) {
          const pairs = (await collectRows(right, withOuterRow(ctx, leftLayout, l))).map((r) => combine(l, r));
          const keep = test && pairs.length > 0 ? await test(pairs, ctx) : undefined;
          const matched = keep ? pairs.filter((_, i) => keep[i] === true) : pairs;
          out.push(...matched);
          if (matched.length === 0 && joinType === 'LEFT') out.push(combine(l, nulls(right.columnIds.length)));
          if (out.length >= BATCH_SIZE) {
            yield out.splice(0, out.length);
            await batchTick(ctx);
          }
        }
        if (out.length > 0) yield out;
      }
    },
  };
}
