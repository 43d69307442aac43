/** Set-returning functions in FROM (generate_series, unnest), streamed in batches. */
import type { BoundTableFunction } from '../../planner/logical/bound-expr.js';
import type { Row } from '../../types/value.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import { evalConstant } from '../expression/compile-expr.js';
import { BATCH_SIZE, type PhysicalOperator } from '../physical-operator.js';

export function physicalFunctionScan(fn: BoundTableFunction, columnIds: readonly number[]): PhysicalOperator {
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const args = [];
      for (const a of fn.args) args.push(await evalConstant(a, ctx));
      if (fn.overload.strict && args.some((a) => a === null)) return;
      let batch: Row[] = [];
      const rows = fn.overload.rowsAsync ? await fn.overload.rowsAsync(args, fn.argTypes, ctx) : fn.overload.rows(args, fn.argTypes, fn.fields, ctx);
      for (const row of rows) {
        batch.push(row);
        if (batch.length >= BATCH_SIZE) {
          await batchTick(ctx);
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    },
  };
}
