/**
 * Hash aggregation: one entry per group key holding each aggregate's accumulator (plus a
 * seen-set for DISTINCT and a row buffer for aggregates with ORDER BY). Without GROUP BY an
 * empty input still yields one row (count → 0, sum → NULL), as SQL requires.
 */
import { rowKey } from '../../functions/compare.js';
import { rowKeyFor } from './row-key.js';
import type { Accumulator } from '../../functions/function-types.js';
import type { BoundAggregate } from '../../planner/logical/bound-expr.js';
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import type { CompiledExpr } from '../expression/compiled-expr.js';
import { inBatches, layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { compareKeyed, type KeyedRow, type SortSpec } from './sort-keys.js';

interface AggregateState {
  readonly accumulator: Accumulator;
  readonly seen?: Set<string>;
  readonly buffered?: KeyedRow[];
}

interface Group {
  readonly values: readonly Value[];
  readonly states: AggregateState[];
}

interface CompiledAggregate {
  readonly def: BoundAggregate;
  readonly args: readonly CompiledExpr[];
  readonly filter?: CompiledExpr;
  readonly order?: SortSpec;
}

function newStates(aggs: readonly CompiledAggregate[]): AggregateState[] {
  return aggs.map((a) => ({
    accumulator: a.def.overload.create(a.def.args.map((e) => e.type)),
    ...(a.def.distinct ? { seen: new Set<string>() } : {}),
    ...(a.order ? { buffered: [] } : {}),
  }));
}

function feed(agg: CompiledAggregate, state: AggregateState, args: Value[], sortKeys: Value[] | undefined, seq: number): void {
  if (agg.def.overload.strict && args.some((v) => v === null)) return;
  if (state.seen) {
    const key = rowKey(args);
    if (state.seen.has(key)) return;
    state.seen.add(key);
  }
  if (state.buffered) state.buffered.push({ keys: sortKeys!, row: args, seq });
  else state.accumulator.add(args);
}

function finish(agg: CompiledAggregate, state: AggregateState): Value {
  if (state.buffered && agg.order) {
    state.buffered.sort((a, b) => compareKeyed(agg.order!, a, b));
    for (const item of state.buffered) state.accumulator.add(item.row);
  }
  return state.accumulator.result();
}

export function physicalHashAggregate(input: PhysicalOperator, groups: readonly BoundExpr[],
  aggregates: readonly BoundAggregate[], columnIds: readonly number[]): PhysicalOperator {
  const layout = layoutOf(input.columnIds);
  const groupExprs = groups.map((g) => compileExpr(g, layout));
  const groupKey = rowKeyFor(groups.map((g) => g.type));
  const aggs: CompiledAggregate[] = aggregates.map((def) => ({
    def,
    args: def.args.map((a) => compileExpr(a, layout)),
    ...(def.filter ? { filter: compileExpr(def.filter, layout) } : {}),
    ...(def.orderBy ? { order: { keys: def.orderBy, compiled: def.orderBy.map((k) => compileExpr(k.expr, layout)) } } : {}),
  }));
  if (groups.length === 0 && aggs.every((a) => !a.def.distinct && !a.order)) {
    const direct = directColumns(input, aggregates, layout);
    if (direct) return ungroupedOverColumns(input, direct, aggs, columnIds);
    return ungrouped(input, aggs, columnIds);
  }
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const table = new Map<string, Group>();
      let seq = 0;
      for await (const batch of input.execute(ctx)) {
        const keyColumns: Value[][] = [];
        for (const g of groupExprs) keyColumns.push(await g(batch, ctx));
        const perAgg: { args: Value[][]; filter?: Value[]; order?: Value[][] }[] = [];
        for (const agg of aggs) {
          const args: Value[][] = [];
          for (const a of agg.args) args.push(await a(batch, ctx));
          const order: Value[][] = [];
          for (const o of agg.order?.compiled ?? []) order.push(await o(batch, ctx));
          perAgg.push({ args, ...(agg.filter ? { filter: await agg.filter(batch, ctx) } : {}), ...(agg.order ? { order } : {}) });
        }
        for (let r = 0; r < batch.length; r++) {
          const values = keyColumns.map((c) => c[r]!);
          const key = groupKey(values);
          let group = table.get(key);
          if (!group) table.set(key, (group = { values, states: newStates(aggs) }));
          for (let a = 0; a < aggs.length; a++) {
            const data = perAgg[a]!;
            if (data.filter && data.filter[r] !== true) continue;
            feed(aggs[a]!, group.states[a]!, data.args.map((c) => c[r]!), data.order?.map((c) => c[r]!), seq + r);
          }
        }
        seq += batch.length;
      }
      if (table.size === 0 && groups.length === 0) table.set('', { values: [], states: newStates(aggs) });
      const rows: Row[] = [];
      for (const group of table.values()) {
        rows.push([...group.values, ...aggs.map((agg, a) => finish(agg, group.states[a]!))]);
      }
      yield* inBatches(rows);
    },
  };
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
          feedColumns(states[a]!.accumulator, columns, filter, aggs[a]!.def.overload.strict, batch.length);
        }
      }
      yield [aggs.map((agg, a) => finish(agg, states[a]!))];
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
      for await (const batch of input.executeColumns!(ctx)) {
        for (let a = 0; a < aggs.length; a++) {
          const columns = sources[a]!.map((s) =>
            'position' in s ? batch.columns[s.position]! : new Array<Value>(batch.rowCount).fill(s.constant));
          feedColumns(states[a]!.accumulator, columns, undefined, aggs[a]!.def.overload.strict, batch.rowCount);
        }
      }
      yield [aggs.map((agg, a) => finish(agg, states[a]!))];
    },
  };
}

function feedColumns(accumulator: Accumulator, columns: readonly (readonly Value[])[], filter: readonly Value[] | undefined,
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
