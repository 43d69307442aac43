/**
 * Window functions: materialises the input, then per function sorts row positions by
 * PARTITION BY + ORDER BY, splits partitions and peer groups, and computes one value per
 * row (window-only functions read the partition; aggregates run over each row's frame,
 * incrementally while the frame only grows). Rows come out in the last function's order.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { compareValues } from '../../functions/compare.js';
import type { AggregateOverload } from '../../functions/function-types.js';
import type { RowRange, WindowPartition } from '../../functions/window/window-types.js';
import type { BoundFrame, BoundFrameBound, BoundWindowFunction, SortKey } from '../../planner/logical/bound-expr.js';
import type { SqlType } from '../../types/sql-type.js';
import type { Row, Value } from '../../types/value.js';
import { batchTick, reserveMemory, type ExecContext } from '../exec-context.js';
import { compileExpr, evalConstant } from '../expression/compile-expr.js';
import type { CompiledExpr } from '../expression/compiled-expr.js';
import { collectReserved, emitBatches, layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { sortInChunks } from './sort-in-chunks.js';
import { compareKeyed, keyedOverhead, type KeyedRow, type SortSpec } from './sort-keys.js';

/** Aggregate inputs fed between two cancellation checks (frames that slide re-feed rows). */
const FEEDS_PER_TICK = 65536;

interface CompiledWindow {
  readonly def: BoundWindowFunction;
  readonly args: readonly CompiledExpr[];
  readonly filter?: CompiledExpr;
  readonly keys: readonly CompiledExpr[];
  readonly spec: SortSpec;
}

/** Frame bounds with their offsets evaluated. */
interface FrameSpec {
  readonly mode: 'ROWS' | 'RANGE';
  readonly start: { kind: BoundFrameBound['kind']; offset: number };
  readonly end: { kind: BoundFrameBound['kind']; offset: number };
}

async function evalBound(b: BoundFrameBound, ctx: ExecContext): Promise<FrameSpec['start']> {
  if (!('offset' in b)) return { kind: b.kind, offset: 0 };
  const v = await evalConstant(b.offset, ctx);
  if (v === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, 'frame starting offset must not be null');
  if (Number(v) < 0) throw new SqlError(SQLSTATE.InvalidParameterValue, 'frame starting offset must not be negative');
  return { kind: b.kind, offset: Number(v) };
}

async function evalFrame(frame: BoundFrame, ctx: ExecContext): Promise<FrameSpec> {
  return { mode: frame.mode, start: await evalBound(frame.start, ctx), end: await evalBound(frame.end, ctx) };
}

/** [start, end) of row `i`'s frame within a partition of `size` rows. */
function frameOf(frame: FrameSpec, i: number, size: number, peers: RowRange): RowRange {
  const at = (b: FrameSpec['start'], isEnd: boolean): number => {
    switch (b.kind) {
      case 'UnboundedPreceding': return 0;
      case 'UnboundedFollowing': return size;
      case 'CurrentRow': return frame.mode === 'RANGE' ? (isEnd ? peers.end : peers.start) : i + (isEnd ? 1 : 0);
      case 'Preceding': return i - b.offset + (isEnd ? 1 : 0);
      case 'Following': return i + b.offset + (isEnd ? 1 : 0);
    }
  };
  const start = Math.max(0, Math.min(size, at(frame.start, false)));
  const end = Math.max(start, Math.min(size, at(frame.end, true)));
  return { start, end };
}

/**
 * An aggregate over every row's frame; rows skipped by FILTER or strictness never enter.
 * A sliding frame re-feeds rows for each output row (rows × frame width in all), so feeding
 * pauses for cancellation every FEEDS_PER_TICK inputs.
 */
async function aggregateOverFrames(overload: AggregateOverload, argTypes: readonly SqlType[],
  p: WindowPartition, include: (position: number) => boolean, ctx: ExecContext): Promise<Value[]> {
  const out: Value[] = new Array<Value>(p.size);
  let fedSinceTick = 0;
  const feed = (acc: ReturnType<AggregateOverload['create']>, position: number) => {
    fedSinceTick++;
    if (!include(position)) return;
    const args = Array.from({ length: p.argCount }, (_, a) => p.arg(position, a));
    if (overload.strict && args.some((v) => v === null)) return;
    acc.add(args);
  };
  let growing = true;
  for (let i = 0, prevEnd = 0; i < p.size; i++) {
    const f = p.frame(i);
    if (f.start !== 0 || f.end < prevEnd) growing = false;
    prevEnd = f.end;
  }
  if (growing) {
    const acc = overload.create(argTypes);
    let fed = 0;
    for (let i = 0; i < p.size; i++) {
      const { end } = p.frame(i);
      while (fed < end) feed(acc, fed++);
      out[i] = acc.result();
      if (fedSinceTick >= FEEDS_PER_TICK) {
        fedSinceTick = 0;
        await batchTick(ctx);
      }
    }
    return out;
  }
  for (let i = 0; i < p.size; i++) {
    const acc = overload.create(argTypes);
    const { start, end } = p.frame(i);
    for (let r = start; r < end; r++) feed(acc, r);
    out[i] = acc.result();
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
  };
}

/** Values of `w` for every row of `rows`, and the row positions in window order. */
async function computeWindow(w: CompiledWindow, rows: readonly Row[], ctx: ExecContext): Promise<{ values: Value[]; order: number[] }> {
  const keyColumns: Value[][] = [];
  for (const k of w.keys) keyColumns.push(await k(rows, ctx));
  const argColumns: Value[][] = [];
  for (const a of w.args) argColumns.push(await a(rows, ctx));
  const filterColumn = w.filter ? await w.filter(rows, ctx) : undefined;
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
    const peerStart: number[] = new Array<number>(members.length);
    const peerEnd: number[] = new Array<number>(members.length);
    for (let i = 0; i < members.length;) {
      let j = i + 1;
      while (j < members.length && sameKeys(members[i]!, members[j]!, partitionKeys, totalKeys)) j++;
      for (let k = i; k < j; k++) { peerStart[k] = i; peerEnd[k] = j; }
      i = j;
    }
    const partition: WindowPartition = {
      size: members.length,
      argCount: argColumns.length,
      arg: (position, i) => argColumns[i]![members[position]!.seq]!,
      peers: (position) => ({ start: peerStart[position]!, end: peerEnd[position]! }),
      frame: (position) => frameOf(frame, position, members.length,
        { start: peerStart[position]!, end: peerEnd[position]! }),
    };
    const computed = w.def.fn.kind === 'window'
      ? w.def.fn.overload.evaluate(partition, argTypes)
      : await aggregateOverFrames(w.def.fn.overload, argTypes, partition,
        (position) => !filterColumn || filterColumn[members[position]!.seq] === true, ctx);
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
