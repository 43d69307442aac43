/** Filter: keeps the rows whose predicate is true (not false, not NULL). */
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { layoutOf, type PhysicalOperator } from '../physical-operator.js';

export function physicalFilter(input: PhysicalOperator, predicate: BoundExpr): PhysicalOperator {
  const test = compileExpr(predicate, layoutOf(input.columnIds));
  return {
    columnIds: input.columnIds,
    async *execute(ctx: ExecContext) {
      for await (const batch of input.execute(ctx)) {
        const keep = await test(batch, ctx);
        const kept = batch.filter((_, i) => keep[i] === true);
        if (kept.length > 0) yield kept;
      }
    },
  };
}
