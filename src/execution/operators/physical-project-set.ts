/**
 * Set-returning functions in the select list (PostgreSQL 10+ ProjectSet): for each input row
 * every function is run with that row's arguments; the functions advance in lockstep and
 * shorter ones are padded with NULL; a row where all of them return nothing is dropped.
 * Functions are iterated lazily, so `SELECT generate_series(1, 1e9) LIMIT 5` stops after five
 * rows instead of materialising the series.
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
          const iterators: (Iterator<Value[]> | undefined)[] = compiled.map((f, i) => {
            const args = argColumns[i]!.map((c) => c[r]!);
            if (f.def.fn.overload.strict && args.some((a) => a === null)) return undefined;
            return f.def.fn.overload.rows(args, f.def.fn.argTypes, f.def.fn.fields, ctx)[Symbol.iterator]();
          });
          try {
            for (;;) {
              const produced = iterators.map((it, i) => {
                if (!it) return undefined;
                const step = it.next();
                if (!step.done) return step.value;
                iterators[i] = undefined;
                return undefined;
              });
              if (produced.every((p) => p === undefined)) break;
              const row: Row = [...batch[r]!];
              produced.forEach((values, i) => {
                for (let c = 0; c < compiled[i]!.def.ids.length; c++) row.push(values ? values[c]! : null);
              });
              out.push(row);
              if (out.length >= BATCH_SIZE) {
                await batchTick(ctx);
                yield out;
                out = [];
              }
            }
          } finally {
            // A consumer that stops early (LIMIT) closes generators still open.
            for (const it of iterators) it?.return?.();
          }
        }
      }
      if (out.length > 0) yield out;
    },
  };
}
