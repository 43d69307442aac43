/**
 * Hash aggregation: one entry per group key holding each aggregate's accumulator (plus a
 * seen-set for DISTINCT and a row buffer for aggregates with ORDER BY). Without GROUP BY an
 * empty input still yields one row (count → 0, sum → NULL), as SQL requires.
 */
import { rowKey } from '../../functions/compare.js';
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
  const aggs: CompiledAggregate[] = aggregates.map((def) => ({
    def,
    args: def.args.map((a) => compileExpr(a, layout)),
    ...(def.filter ? { filter: compileExpr(def.filter, layout) } : {}),
    ...(def.orderBy ? { order: { keys: def.orderBy, compiled: def.orderBy.map((k) => compileExpr(k.expr, layout)) } } : {}),
  }));
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
          const key = rowKey(values);
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
