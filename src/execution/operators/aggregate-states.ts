/**
 * What hash aggregation keeps per group (one accumulator per aggregate, a seen-set for
 * DISTINCT, a buffer for ORDER BY inside the call) and how rows feed it; shared by plain
 * GROUP BY (physical-hash-aggregate.ts) and grouping sets (physical-grouping-sets.ts).
 */
import { rowKey } from '../../functions/compare.js';
import type { Accumulator } from '../../functions/function-types.js';
import type { BoundAggregate } from '../../planner/logical/bound-expr.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import type { CompiledExpr } from '../expression/compiled-expr.js';
import { rowBytes, type MemoryReservation } from '../memory-budget.js';
import { sortInChunks } from './sort-in-chunks.js';
import { compareKeyed, type KeyedRow, type SortSpec } from './sort-keys.js';
import { compileUserAggregate, UserAggregateRun, type CompiledUserAggregate } from './user-aggregate-run.js';

/** Heap bytes of a group beyond its key values: the map entry, key string header, states. */
export const GROUP_BYTES = 64;
export const STATE_BYTES = 48;

/** A built-in aggregate's accumulator, or a user aggregate's run (its value is awaited). */
export type RunningAggregate = Accumulator | UserAggregateRun;

export interface AggregateState {
  readonly accumulator: RunningAggregate;
  readonly seen?: Set<string>;
  readonly buffered?: KeyedRow[];
}

export interface Group {
  readonly values: readonly Value[];
  readonly states: AggregateState[];
}

export interface CompiledAggregate {
  readonly def: BoundAggregate;
  readonly args: readonly CompiledExpr[];
  readonly filter?: CompiledExpr;
  readonly order?: SortSpec;
  readonly user?: CompiledUserAggregate;
}

export function newStates(aggs: readonly CompiledAggregate[]): AggregateState[] {
  return aggs.map((a) => ({
    accumulator: a.user ? new UserAggregateRun(a.user) : a.def.overload.create(a.def.args.map((e) => e.type), a.def.orderBy),
    ...(a.def.distinct ? { seen: new Set<string>() } : {}),
    ...(a.order ? { buffered: [] } : {}),
  }));
}

export function feed(agg: CompiledAggregate, state: AggregateState, args: Value[], sortKeys: Value[] | undefined, seq: number,
  memory: MemoryReservation): void {
  if (agg.def.overload.strict && args.some((v) => v === null)) return;
  if (state.seen) {
    const key = rowKey(args);
    if (state.seen.has(key)) return;
    state.seen.add(key);
    memory.add(STATE_BYTES + 2 * key.length);
  }
  // Buffered rows, and inputs an accumulator keeps (array_agg …), are held until the end.
  if (state.buffered || agg.def.overload.retainsInput) memory.add(rowBytes(args) + (sortKeys ? rowBytes(sortKeys) : 0));
  if (state.buffered) state.buffered.push({ keys: sortKeys!, row: args, seq });
  else state.accumulator.add(args);
}

export async function finish(agg: CompiledAggregate, state: AggregateState, ctx: ExecContext): Promise<Value> {
  if (state.buffered && agg.order) {
    const sorted = await sortInChunks(state.buffered, (a, b) => compareKeyed(agg.order!, a, b), ctx);
    for (const item of sorted) state.accumulator.add(item.row);
  }
  return valueOf(state.accumulator, ctx);
}

/** The value of a running aggregate. */
export async function valueOf(running: RunningAggregate, ctx: ExecContext): Promise<Value> {
  return running instanceof UserAggregateRun ? running.value(ctx) : running.result();
}

/** Compiles each aggregate's arguments, FILTER and ORDER BY against the input layout. */
export function compileAggregates(aggregates: readonly BoundAggregate[], layout: ReadonlyMap<number, number>): CompiledAggregate[] {
  return aggregates.map((def) => ({
    def,
    args: def.args.map((a) => compileExpr(a, layout)),
    ...(def.filter ? { filter: compileExpr(def.filter, layout) } : {}),
    ...(def.orderBy ? { order: { keys: def.orderBy, compiled: def.orderBy.map((k) => compileExpr(k.expr, layout)) } } : {}),
    ...(def.user ? { user: compileUserAggregate(def.user) } : {}),
  }));
}

/** One batch's aggregate inputs: argument columns, FILTER results, ORDER BY key columns. */
export interface AggregateInputs {
  readonly args: Value[][];
  readonly filter?: Value[];
  readonly order?: Value[][];
}

/** Evaluates every aggregate's inputs over a batch (all before any is fed: the same error first). */
export async function evaluateAggregateInputs(aggs: readonly CompiledAggregate[], batch: Row[], ctx: ExecContext): Promise<AggregateInputs[]> {
  const perAgg: AggregateInputs[] = [];
  for (const agg of aggs) {
    const args: Value[][] = [];
    for (const a of agg.args) args.push(await a(batch, ctx));
    const order: Value[][] = [];
    for (const o of agg.order?.compiled ?? []) order.push(await o(batch, ctx));
    perAgg.push({ args, ...(agg.filter ? { filter: await agg.filter(batch, ctx) } : {}), ...(agg.order ? { order } : {}) });
  }
  return perAgg;
}

/** Row `r` of a batch into its group of `table` (made, and its memory reserved, on first sight). */
export function feedGroup(table: Map<string, Group>, key: string, values: readonly Value[], aggs: readonly CompiledAggregate[],
  perAgg: readonly AggregateInputs[], r: number, seq: number, memory: MemoryReservation): void {
  let group = table.get(key);
  if (!group) {
    table.set(key, (group = { values, states: newStates(aggs) }));
    memory.add(GROUP_BYTES + 2 * key.length + rowBytes(values) + STATE_BYTES * aggs.length);
  }
  for (let a = 0; a < aggs.length; a++) {
    const data = perAgg[a]!;
    if (data.filter && data.filter[r] !== true) continue;
    feed(aggs[a]!, group.states[a]!, data.args.map((c) => c[r]!), data.order?.map((c) => c[r]!), seq + r, memory);
  }
}
