/**
 * Set-returning functions in the select list (PostgreSQL 10+ ProjectSet): for each input row
 * every function is run with that row's arguments; the functions advance in lockstep and
 * shorter ones are padded with NULL; a row where all of them return nothing is dropped.
 */
import type { BoundSetFunction } from '../../planner/logical/bound-expr.js';
import type { Row, Value } from '../../types/value.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { BATCH_SIZE, layoutOf, type PhysicalOperator } from '../physical-operator.js';

export function physicalProjectSet(input: PhysicalOperator, functions: readonly BoundSetFunction[],
  columnIds: readonly number[]): PhysicalOperator {
  const layout = layoutOf(input.columnIds);
  const compiled = functions.map((f) => ({ def: f, args: f.fn.args.map((a) => compileExpr(a, layout)) }));
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      let out: Row[] = [];
      for await (const batch of input.execute(ctx)) {
        const argColumns: Value[][][] = [];
        for (const f of compiled) {
          const columns: Value[][] = [];
          for (const a of f.args) columns.push(await a(batch, ctx));
          argColumns.push(columns);
        }
        for (let r = 0; r < batch.length; r++) {
          const results = compiled.map((f, i) => {
            const args = argColumns[i]!.map((c) => c[r]!);
            if (f.def.fn.overload.strict && args.some((a) => a === null)) return [];
            return [...f.def.fn.overload.rows(args, f.def.fn.argTypes)];
          });
          const count = Math.max(0, ...results.map((rows) => rows.length));
          for (let k = 0; k < count; k++) {
            const row: Row = [...batch[r]!];
            results.forEach((rows, i) => {
              const produced = rows[k];
              for (let c = 0; c < compiled[i]!.def.ids.length; c++) row.push(produced ? produced[c]! : null);
            });
            out.push(row);
            if (out.length >= BATCH_SIZE) {
              await batchTick(ctx);
              yield out;
              out = [];
            }
          }
        }
      }
      if (out.length > 0) yield out;
    },
  };
}
