/** VALUES rows (and the single empty row of a SELECT without FROM). */
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { Row } from '../../types/value.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { BATCH_SIZE, type PhysicalOperator } from '../physical-operator.js';

export function physicalValues(rows: readonly (readonly BoundExpr[])[], columnIds: readonly number[]): PhysicalOperator {
  const compiled = rows.map((row) => row.map((e) => compileExpr(e, new Map())));
  const single: Row[] = [[]];
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      // A VALUES list of 200,000 rows is evaluated a batch at a time, with a tick per batch.
      let out: Row[] = [];
      await batchTick(ctx);
      for (const row of compiled) {
        const values: Row = [];
        for (const c of row) values.push((await c(single, ctx))[0]!);
        out.push(values);
        if (out.length >= BATCH_SIZE) {
          yield out;
          out = [];
          await batchTick(ctx);
        }
      }
      if (out.length > 0) yield out;
    },
  };
}
