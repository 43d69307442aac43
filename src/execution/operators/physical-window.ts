/**
 * Window functions: materialises the input, then per function sorts row positions by
 * PARTITION BY + ORDER BY, splits partitions and peer groups, and computes one value per
 * row (window-only functions read the partition; aggregates run over each row's frame —
 * window-frames.ts — incrementally while the frame only grows). Rows come out in the last
 * function's order.
 */
import { compareValues } from '../../functions/compare.js';
import type { AggregateOverload } from '../../functions/function-types.js';
import type { RowRange, WindowPartition } from '../../functions/window/window-types.js';
import type { BoundWindowFunction, SortKey } from '../../planner/logical/bound-expr.js';
import type { SqlType } from '../../types/sql-type.js';
import type { Row, Value } from '../../types/value.js';
import { batchTick, reserveMemory, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import type { CompiledExpr } from '../expression/compiled-expr.js';
import { collectReserved, emitBatches, layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { valueOf, type RunningAggregate } from './aggregate-states.js';
import { sortInChunks } from './sort-in-chunks.js';
import { compileUserAggregate, UserAggregateRun, type CompiledUserAggregate } from './user-aggregate-run.js';
import { compareKeyed, keyedOverhead, type KeyedRow, type SortSpec } from './sort-keys.js';
import { evalFrame, frameBounds, framePieces, type FrameBounds, type RangeValues } from './window-frames.js';

/** Aggregate inputs fed between two cancellation checks (frames that slide re-feed rows). */
const FEEDS_PER_TICK = 65536;

interface CompiledWindow {
  readonly def: BoundWindowFunction;
  readonly args: readonly CompiledExpr[];
  readonly filter?: CompiledExpr;
  readonly keys: readonly CompiledExpr[];
  readonly spec: SortSpec;
  /** RANGE offset frames: the ORDER BY key as in_range compares it, and `key ± offset` sums. */
  readonly range?: readonly [CompiledExpr, CompiledExpr?, CompiledExpr?];
  /** A user aggregate's support functions. */
  readonly user?: CompiledUserAggregate;
}

/**
 * An aggregate over every row's frame; rows skipped by FILTER or strictness never enter.
 * A sliding frame re-feeds rows for each output row (rows × frame width in all), so feeding
 * pauses for cancellation every FEEDS_PER_TICK inputs.
 */
async function aggregateOverFrames(overload: AggregateOverload, argTypes: readonly SqlType[],
  p: WindowPartition, include: (position: number) => boolean, ctx: ExecContext, user?: CompiledUserAggregate): Promise<Value[]> {
  const out: Value[] = new Array<Value>(p.size);
  let fedSinceTick = 0;
  const create = (): RunningAggregate => (user ? new UserAggregateRun(user) : overload.create(argTypes));
  const feed = (acc: RunningAggregate, position: number) => {
    fedSinceTick++;
    if (!include(position)) return;
    const args = Array.from({ length: p.argCount }, (_, a) => p.arg(position, a));
    if (overload.strict && args.some((v) => v === null)) return;
    acc.add(args);
  };
  let growing = true;
  for (let i = 0, prevEnd = 0; i < p.size && growing; i++) {
    const f = p.frame(i);
    const end = f.length === 0 ? 0 : f[f.length - 1]!.end;
    if (f.length > 1 || (f.length === 1 && f[0]!.start !== 0) || end < prevEnd) growing = false;
    prevEnd = end;
  }
  if (growing) {
    const acc = create();
    let fed = 0;
    for (let i = 0; i < p.size; i++) {
      const f = p.frame(i);
      const end = f.length === 0 ? 0 : f[f.length - 1]!.end;
      while (fed < end) feed(acc, fed++);
      out[i] = await valueOf(acc, ctx);
      if (fedSinceTick >= FEEDS_PER_TICK) {
        fedSinceTick = 0;
        await batchTick(ctx);
      }
    }
    return out;
  }
  for (let i = 0; i < p.size; i++) {
    const acc = create();
    for (const { start, end } of p.frame(i)) for (let r = start; r < end; r++) feed(acc, r);
    out[i] = await valueOf(acc, ctx);
    if (fedSinceTick >= FEEDS_PER_TICK) {
      fedSinceTick = 0;
      await batchTick(ctx);
    }
  }
  return out;
}

function compileWindow(def: BoundWindowFunction, layout: ReadonlyMap<number, number>): CompiledWindow {
  const sortKeys: SortKey[] = [...def.partitionBy.map((expr) => ({ expr, descending: false, nullsFirst: false })), ...def.orderBy];
  return {
    def,
    args: def.args.map((a) => compileExpr(a, layout)),
    ...(def.filter ? { filter: compileExpr(def.filter, layout) } : {}),
    keys: sortKeys.map((k) => compileExpr(k.expr, layout)),
    spec: { keys: sortKeys, compiled: [] },
    ...(def.frame.range ? { range: [compileExpr(def.frame.range.key, layout),
      def.frame.range.startSum && compileExpr(def.frame.range.startSum, layout),
      def.frame.range.endSum && compileExpr(def.frame.range.endSum, layout)] as const } : {}),
    ...(def.fn.kind === 'aggregate' && def.fn.user ? { user: compileUserAggregate(def.fn.user) } : {}),
  };
}

/** Values of `w` for every row of `rows`, and the row positions in window order. */
async function computeWindow(w: CompiledWindow, rows: readonly Row[], ctx: ExecContext): Promise<{ values: Value[]; order: number[] }> {
  const keyColumns: Value[][] = [];
  for (const k of w.keys) keyColumns.push(await k(rows, ctx));
  const argColumns: Value[][] = [];
  for (const a of w.args) argColumns.push(await a(rows, ctx));
  const filterColumn = w.filter ? await w.filter(rows, ctx) : undefined;
  const rangeColumns: (Value[] | undefined)[] = [];
  for (const e of w.range ?? []) rangeColumns.push(e && await e(rows, ctx));
  let keyed: KeyedRow[] = rows.map((row, r) => ({ row, seq: r, keys: keyColumns.map((c) => c[r]!) }));
  keyed = await sortInChunks(keyed, (a, b) => compareKeyed(w.spec, a, b), ctx);
  const partitionKeys = w.def.partitionBy.length;
  const sameKeys = (a: KeyedRow, b: KeyedRow, from: number, to: number): boolean => {
    for (let k = from; k < to; k++) {
      const x = a.keys[k]!;
      const y = b.keys[k]!;
      if (x === null || y === null ? x !== y : compareValues(x, y) !== 0) return false;
    }
    return true;
  };
  const frame = await evalFrame(w.def.frame, ctx);
  const values: Value[] = new Array<Value>(rows.length);
  const argTypes = w.def.args.map((a) => a.type);
  const totalKeys = w.spec.keys.length;
  for (let start = 0; start < keyed.length;) {
    let end = start + 1;
    while (end < keyed.length && sameKeys(keyed[start]!, keyed[end]!, 0, partitionKeys)) end++;
    const members = keyed.slice(start, end);
    const peerStart = new Int32Array(members.length);
    const peerEnd = new Int32Array(members.length);
    for (let i = 0; i < members.length;) {
      let j = i + 1;
      while (j < members.length && sameKeys(members[i]!, members[j]!, partitionKeys, totalKeys)) j++;
      peerStart.fill(i, i, j);
      peerEnd.fill(j, i, j);
      i = j;
    }
    const peers = (position: number): RowRange => ({ start: peerStart[position]!, end: peerEnd[position]! });
    const column = (c: Value[] | undefined) => (position: number): Value => c?.[members[position]!.seq] ?? null;
    const rangeValues: RangeValues | undefined = w.range
      ? { key: column(rangeColumns[0]), startSum: column(rangeColumns[1]), endSum: column(rangeColumns[2]) } : undefined;
    let bounds: FrameBounds | undefined;
    const partition: WindowPartition = {
      size: members.length,
      argCount: argColumns.length,
      arg: (position, i) => argColumns[i]![members[position]!.seq]!,
      peers,
      frame: (position) => {
        bounds ??= frameBounds(frame, members.length, peerStart, peerEnd, rangeValues);
        return framePieces(w.def.frame.exclude, bounds.start[position]!, bounds.end[position]!, position, peers(position));
      },
    };
    const computed = w.def.fn.kind === 'window'
      ? w.def.fn.overload.evaluate(partition, argTypes)
      : await aggregateOverFrames(w.def.fn.overload, argTypes, partition,
        (position) => !filterColumn || filterColumn[members[position]!.seq] === true, ctx, w.user);
    for (let i = 0; i < members.length; i++) values[members[i]!.seq] = computed[i]!;
    start = end;
    await batchTick(ctx);
  }
  return { values, order: keyed.map((k) => k.seq) };
}

export function physicalWindow(input: PhysicalOperator, functions: readonly BoundWindowFunction[],
  columnIds: readonly number[]): PhysicalOperator {
  const layout = layoutOf(input.columnIds);
  const compiled = functions.map((f) => compileWindow(f, layout));
  return {
    columnIds,
    async *execute(ctx: ExecContext) {
      const memory = reserveMemory(ctx, 'WindowAgg');
      try {
        const rows = await collectReserved(input, ctx, memory);
        const results: Value[][] = [];
        let order = rows.map((_, i) => i);
        for (const w of compiled) {
          memory.add(rows.length * keyedOverhead(w.spec));
          const computed = await computeWindow(w, rows, ctx);
          results.push(computed.values);
          order = computed.order;
        }
        yield* emitBatches(order.map((r) => [...rows[r]!, ...results.map((values) => values[r]!)]), ctx);
      } finally {
        memory.release();
      }
    },
  };
}
