/**
 * Hash aggregation: one entry per group key holding each aggregate's accumulator (plus a
 * seen-set for DISTINCT and a row buffer for aggregates with ORDER BY). Without GROUP BY an
 * empty input still yields one row (count → 0, sum → NULL), as SQL requires.
 */
import type { BoundAggregate, BoundExpr } from '../../planner/logical/bound-expr.js';
import type { Row, Value } from '../../types/value.js';
import { reserveMemory, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { rowBytes, type MemoryReservation } from '../memory-budget.js';
import { emitBatches, layoutOf, type PhysicalOperator } from '../physical-operator.js';
import {
  compileAggregates, evaluateAggregateInputs, feedGroup, finish, newStates,
  type AggregateState, type CompiledAggregate, type Group, type RunningAggregate,
} from './aggregate-states.js';
import { rowKeyFor } from './row-key.js';

export function physicalHashAggregate(input: PhysicalOperator, groups: readonly BoundExpr[],
  aggregates: readonly BoundAggregate[], columnIds: readonly number[]): PhysicalOperator {
  const layout = layoutOf(input.columnIds);
  const groupExprs = groups.map((g) => compileExpr(g, layout));
  const groupKey = rowKeyFor(groups.map((g) => g.type));
  const aggs = compileAggregates(aggregates, layout);
  if (groups.length === 0 && aggs.every((a) => !a.def.distinct && !a.order)) {
    const direct = directColumns(input, aggregates, layout);
    if (direct) return ungroupedOverColumns(input, direct, aggs, columnIds);
    return ungrouped(input, aggs, columnIds);
  }
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const memory = reserveMemory(ctx, 'HashAggregate');
      try {
        yield* emitBatches(await aggregateGroups(ctx, memory), ctx);
      } finally {
        memory.release();
      }
    },
  };

  async function aggregateGroups(ctx: ExecContext, memory: MemoryReservation): Promise<Row[]> {
    const table = new Map<string, Group>();
    let seq = 0;
    for await (const batch of input.execute(ctx)) {
      const keyColumns: Value[][] = [];
      for (const g of groupExprs) keyColumns.push(await g(batch, ctx));
      const perAgg = await evaluateAggregateInputs(aggs, batch, ctx);
      for (let r = 0; r < batch.length; r++) {
        const values = keyColumns.map((c) => c[r]!);
        feedGroup(table, groupKey(values), values, aggs, perAgg, r, seq, memory);
      }
      seq += batch.length;
    }
    if (table.size === 0 && groups.length === 0) table.set('', { values: [], states: newStates(aggs) });
    const rows: Row[] = [];
    for (const group of table.values()) {
      const row: Row = [...group.values];
      for (let a = 0; a < aggs.length; a++) row.push(await finish(aggs[a]!, group.states[a]!, ctx));
      rows.push(row);
    }
    return rows;
  }
}

/**
 * Without GROUP BY, DISTINCT or ordered aggregates there is one group: feed each aggregate a
 * column at a time, reusing one argument array, with no group key per row (the general path
 * builds a key string and two arrays per row and aggregate).
 */
function ungrouped(input: PhysicalOperator, aggs: readonly CompiledAggregate[], columnIds: readonly number[]): PhysicalOperator {
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const states = newStates(aggs);
      const memory = reserveMemory(ctx, 'Aggregate');
      try {
        for await (const batch of input.execute(ctx)) {
          // Evaluate every argument before feeding any, as the general path does (same error first).
          const inputs: { columns: Value[][]; filter: Value[] | undefined }[] = [];
          for (const agg of aggs) {
            const columns: Value[][] = [];
            for (const arg of agg.args) columns.push(await arg(batch, ctx));
            inputs.push({ columns, filter: agg.filter ? await agg.filter(batch, ctx) : undefined });
          }
          for (let a = 0; a < aggs.length; a++) {
            const { columns, filter } = inputs[a]!;
            if (aggs[a]!.def.overload.retainsInput) memory.add(columnsBytes(columns));
            feedColumns(states[a]!.accumulator, columns, filter, aggs[a]!.def.overload.strict, batch.length);
          }
        }
        yield await finishAll(aggs, states, ctx);
      } finally {
        memory.release();
      }
    },
  };
}

/** Where each aggregate argument comes from in a column batch: a position, or a constant. */
type ArgSource = { readonly position: number } | { readonly constant: Value };

/**
 * Argument sources when every aggregate reads only plain columns or constants (no FILTER) and
 * the input can stream columns: then no row is ever built.
 */
function directColumns(input: PhysicalOperator, aggregates: readonly BoundAggregate[],
  layout: ReadonlyMap<number, number>): ArgSource[][] | undefined {
  if (!input.executeColumns || aggregates.some((a) => a.filter)) return undefined;
  const sources: ArgSource[][] = [];
  for (const agg of aggregates) {
    const args: ArgSource[] = [];
    for (const arg of agg.args) {
      const position = arg.kind === 'ColumnRef' ? layout.get(arg.id) : undefined;
      if (position !== undefined) args.push({ position });
      else if (arg.kind === 'Constant') args.push({ constant: arg.value });
      else return undefined;
    }
    sources.push(args);
  }
  return sources;
}

function ungroupedOverColumns(input: PhysicalOperator, sources: readonly ArgSource[][],
  aggs: readonly CompiledAggregate[], columnIds: readonly number[]): PhysicalOperator {
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const states = newStates(aggs);
      const memory = reserveMemory(ctx, 'Aggregate');
      try {
        for await (const batch of input.executeColumns!(ctx)) {
          for (let a = 0; a < aggs.length; a++) {
            const columns = sources[a]!.map((s) =>
              'position' in s ? batch.columns[s.position]! : new Array<Value>(batch.rowCount).fill(s.constant));
            if (aggs[a]!.def.overload.retainsInput) memory.add(columnsBytes(columns));
            feedColumns(states[a]!.accumulator, columns, undefined, aggs[a]!.def.overload.strict, batch.rowCount);
          }
        }
        yield await finishAll(aggs, states, ctx);
      } finally {
        memory.release();
      }
    },
  };
}

function feedColumns(accumulator: RunningAggregate, columns: readonly (readonly Value[])[], filter: readonly Value[] | undefined,
  strict: boolean, rowCount: number): void {
  const width = columns.length;
  // Accumulators read their arguments during add() and keep none of the array, so one suffices.
  const args: Value[] = new Array<Value>(width);
  rows: for (let r = 0; r < rowCount; r++) {
    if (filter && filter[r] !== true) continue;
    for (let i = 0; i < width; i++) {
      const v = columns[i]![r]!;
      if (strict && v === null) continue rows;
      args[i] = v;
    }
    accumulator.add(args);
  }
}

/** The one output row of an ungrouped aggregate. */
async function finishAll(aggs: readonly CompiledAggregate[], states: readonly AggregateState[], ctx: ExecContext): Promise<Row[]> {
  const row: Row = [];
  for (let a = 0; a < aggs.length; a++) row.push(await finish(aggs[a]!, states[a]!, ctx));
  return [row];
}

/** Estimated bytes of argument columns an accumulator keeps. */
function columnsBytes(columns: readonly (readonly Value[])[]): number {
  let total = 0;
  for (const column of columns) total += rowBytes(column);
  return total;
}
