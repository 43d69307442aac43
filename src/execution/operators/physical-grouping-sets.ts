/**
 * GROUPING SETS / ROLLUP / CUBE: one pass over the input feeds a hash table per grouping set
 * (the input is read once, however many sets there are). A set's rows carry NULL in the group
 * columns it leaves out, and each GROUPING() call's bit mask for that set. A set with no
 * columns yields its one row even over an empty input, as an aggregate without GROUP BY does.
 */
import type { BoundAggregate, BoundExpr } from '../../planner/logical/bound-expr.js';
import type { LogicalGroupingCall } from '../../planner/logical/logical-plan.js';
import type { Row, Value } from '../../types/value.js';
import { checkCancelled, reserveMemory, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import type { MemoryReservation } from '../memory-budget.js';
import { emitBatches, layoutOf, type PhysicalOperator } from '../physical-operator.js';
import {
  compileAggregates, evaluateAggregateInputs, feedGroup, finish, newStates, type Group,
} from './aggregate-states.js';
import { directArgsPerSet, withDirectArgs } from './grouping-set-direct-args.js';
import { rowKeyFor } from './row-key.js';

export function physicalGroupingSets(input: PhysicalOperator, groups: readonly BoundExpr[],
  sets: readonly (readonly number[])[], aggregates: readonly BoundAggregate[],
  groupingCalls: readonly LogicalGroupingCall[], columnIds: readonly number[]): PhysicalOperator {
  const layout = layoutOf(input.columnIds);
  const groupExprs = groups.map((g) => compileExpr(g, layout));
  const aggs = compileAggregates(aggregates, layout);
  const setKeys = sets.map((set) => rowKeyFor(set.map((i) => groups[i]!.type)));
  const groupingValues = sets.map((set) => groupingCalls.map((call) => groupingMask(call.args, set)));
  const directArgs = directArgsPerSet(aggregates, groups, sets, layout);

  async function aggregateSets(ctx: ExecContext, memory: MemoryReservation): Promise<Row[]> {
    const tables = sets.map(() => new Map<string, Group>());
    let seq = 0;
    for await (const batch of input.execute(ctx)) {
      const keyColumns: Value[][] = [];
      for (const g of groupExprs) keyColumns.push(await g(batch, ctx));
      const perAgg = await evaluateAggregateInputs(aggs, batch, ctx);
      for (let s = 0; s < sets.length; s++) {
        const set = sets[s]!;
        const table = tables[s]!;
        const inputs = await withDirectArgs(perAgg, directArgs[s]!, batch, ctx);
        for (let r = 0; r < batch.length; r++) {
          const values = set.map((i) => keyColumns[i]![r]!);
          feedGroup(table, setKeys[s]!(values), values, aggs, inputs, r, seq, memory);
        }
        // Up to 4,096 sets per batch: check for a cancel between them.
        checkCancelled(ctx);
      }
      seq += batch.length;
    }
    const rows: Row[] = [];
    for (let s = 0; s < sets.length; s++) {
      const set = sets[s]!;
      const table = tables[s]!;
      if (table.size === 0 && set.length === 0) table.set('', { values: [], states: newStates(aggs) });
      for (const group of table.values()) {
        const row: Row = new Array<Value>(groups.length).fill(null);
        set.forEach((g, j) => { row[g] = group.values[j]!; });
        for (let a = 0; a < aggs.length; a++) row.push(await finish(aggs[a]!, group.states[a]!, ctx));
        row.push(...groupingValues[s]!);
        rows.push(row);
      }
      checkCancelled(ctx);
    }
    return rows;
  }

  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const memory = reserveMemory(ctx, 'GroupingSetsAggregate');
      try {
        yield* emitBatches(await aggregateSets(ctx, memory), ctx);
      } finally {
        memory.release();
      }
    },
  };
}

/** GROUPING(args) in a set: one bit per argument, first argument most significant, 1 = left out. */
function groupingMask(args: readonly number[], set: readonly number[]): number {
  let mask = 0;
  for (const arg of args) mask = (mask << 1) | (set.includes(arg) ? 0 : 1);
  return mask;
}
