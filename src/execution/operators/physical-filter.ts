/**
 * Filter: keeps the rows whose predicate is true (not false, not NULL). The parts of the
 * predicate that read none of the input's columns (only an outer query's values, or nothing,
 * and nothing volatile) are PostgreSQL's one-time filter: evaluated once per run, before the
 * input is read, and when not true the input is never read. A correlated subquery such as
 * `EXISTS (SELECT 1 FROM c WHERE c.x = b.x AND NOT EXISTS (… outer.y …))` then scans `c` only for
 * outer rows whose gate holds (pg-regress subselect's nested EXISTS over tenk1 ran 16 s).
 */
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import { conjunction, conjuncts } from '../../planner/logical/conjuncts.js';
import { referencedIds } from '../../planner/logical/map-expr.js';
import { isVolatileExpr } from '../../planner/logical/volatile-expr.js';
import type { Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { layoutOf, type PhysicalOperator } from '../physical-operator.js';

/** Splits `predicate` into the one-time part (reads no input column, not volatile) and the per-row rest. */
function splitGate(predicate: BoundExpr, inputIds: readonly number[]): { gate?: BoundExpr; perRow?: BoundExpr } {
  const own = new Set(inputIds);
  const gate: BoundExpr[] = [];
  const perRow: BoundExpr[] = [];
  for (const part of conjuncts(predicate)) {
    const readsInput = [...referencedIds(part)].some((id) => own.has(id));
    (readsInput || isVolatileExpr(part) ? perRow : gate).push(part);
  }
  const g = conjunction(gate);
  const r = conjunction(perRow);
  return { ...(g ? { gate: g } : {}), ...(r ? { perRow: r } : {}) };
}

export function physicalFilter(input: PhysicalOperator, predicate: BoundExpr): PhysicalOperator {
  const layout = layoutOf(input.columnIds);
  const { gate, perRow } = splitGate(predicate, input.columnIds);
  const holds = gate ? compileExpr(gate, layout) : undefined;
  const test = perRow ? compileExpr(perRow, layout) : undefined;
  // The gate reads no input column: any row of the input's width evaluates it.
  const blankRow: Value[] = input.columnIds.map(() => null);
  return {
    columnIds: input.columnIds,
    async *execute(ctx: ExecContext) {
      if (holds && (await holds([blankRow], ctx))[0] !== true) return;
      for await (const batch of input.execute(ctx)) {
        if (!test) {
          yield batch;
          continue;
        }
        const keep = await test(batch, ctx);
        const kept = batch.filter((_, i) => keep[i] === true);
        if (kept.length > 0) yield kept;
      }
    },
  };
}
