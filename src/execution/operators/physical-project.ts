/** Projection: computes one value per output column for each input row. */
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { layoutOf, type PhysicalOperator } from '../physical-operator.js';

export function physicalProject(input: PhysicalOperator, exprs: readonly BoundExpr[], columnIds: readonly number[]): PhysicalOperator {
  const layout = layoutOf(input.columnIds);
  const compiled = exprs.map((e) => compileExpr(e, layout));
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      for await (const batch of input.execute(ctx)) {
        const columns: Value[][] = [];
        for (const c of compiled) columns.push(await c(batch, ctx));
        const rows: Row[] = new Array<Row>(batch.length);
        for (let r = 0; r < batch.length; r++) {
          const row: Row = new Array(columns.length);
          for (let c = 0; c < columns.length; c++) row[c] = columns[c]![r]!;
          rows[r] = row;
        }
        yield rows;
      }
    },
  };
}
