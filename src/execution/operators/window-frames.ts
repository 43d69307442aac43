/**
 * Window frames of one sorted partition: the offsets evaluated once per run (with
 * PostgreSQL's 22004 / 22013 checks), then each row's [start, end) in ROWS (rows), GROUPS
 * (peer groups) or RANGE mode (peers, or the ORDER BY value ± offset through in_range, NULL
 * keys being peers of each other only), and EXCLUDE cutting rows out of it.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { compareValues } from '../../functions/compare.js';
import { checkRangeOffset, inRange } from '../../functions/window/in-range.js';
import type { RowRange } from '../../functions/window/window-types.js';
import type { BoundFrame, BoundFrameBound } from '../../planner/logical/bound-expr.js';
import type { Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { evalConstant } from '../expression/compile-expr.js';

interface EvaluatedBound {
  readonly kind: BoundFrameBound['kind'];
  /** Rows or groups (ROWS, GROUPS); unused in RANGE mode. */
  readonly count: number;
  /** The offset as evaluated (RANGE). */
  readonly value: Value;
}

/** A frame with its offsets evaluated. */
export interface FrameSpec {
  readonly def: BoundFrame;
  readonly start: EvaluatedBound;
  readonly end: EvaluatedBound;
}

/** Per partition position: the RANGE key and the `key ± offset` sums of operator types. */
export interface RangeValues {
  key(position: number): Value;
  startSum(position: number): Value;
  endSum(position: number): Value;
}

async function evalBound(b: BoundFrameBound, which: 'starting' | 'ending', mode: BoundFrame['mode'],
  ctx: ExecContext): Promise<EvaluatedBound> {
  if (!('offset' in b)) return { kind: b.kind, count: 0, value: null };
  const value = await evalConstant(b.offset, ctx);
  if (value === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, `frame ${which} offset must not be null`);
  if (mode === 'RANGE') return { kind: b.kind, count: 0, value };
  if (BigInt(value as bigint) < 0n) {
    throw new SqlError(SQLSTATE.InvalidPrecedingOrFollowingSize, `frame ${which} offset must not be negative`);
  }
  return { kind: b.kind, count: Number(value), value };
}

export async function evalFrame(frame: BoundFrame, ctx: ExecContext): Promise<FrameSpec> {
  return {
    def: frame,
    start: await evalBound(frame.start, 'starting', frame.mode, ctx),
    end: await evalBound(frame.end, 'ending', frame.mode, ctx),
  };
}

/** Frame starts and ends (exclusive) by position, before EXCLUDE. */
export interface FrameBounds {
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** ROWS and GROUPS, and RANGE without offsets: positions from row and peer-group arithmetic. */
function countedBounds(spec: FrameSpec, size: number, peerStart: Int32Array, peerEnd: Int32Array): FrameBounds {
  const mode = spec.def.mode;
  // Peer groups by index, for GROUPS offsets.
  const groupOf = new Int32Array(size);
  const groupStarts: number[] = [];
  for (let i = 0; i < size; i++) {
    if (peerStart[i] === i) groupStarts.push(i);
    groupOf[i] = groupStarts.length - 1;
  }
  const groups = groupStarts.length;
  const groupEnd = (g: number) => (g + 1 < groups ? groupStarts[g + 1]! : size);
  const at = (b: EvaluatedBound, i: number, isEnd: boolean): number => {
    switch (b.kind) {
      case 'UnboundedPreceding': return 0;
      case 'UnboundedFollowing': return size;
      case 'CurrentRow': return mode === 'ROWS' ? i + (isEnd ? 1 : 0) : isEnd ? peerEnd[i]! : peerStart[i]!;
      case 'Preceding': case 'Following': {
        const step = b.kind === 'Preceding' ? -b.count : b.count;
        if (mode === 'ROWS') return i + step + (isEnd ? 1 : 0);
        const g = groupOf[i]! + step;
        if (g < 0) return 0;
        if (g >= groups) return size;
        return isEnd ? groupEnd(g) : groupStarts[g]!;
      }
    }
  };
  const start = new Int32Array(size);
  const end = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    start[i] = Math.max(0, Math.min(size, at(spec.start, i, false)));
    end[i] = Math.max(start[i]!, Math.min(size, at(spec.end, i, true)));
  }
  return { start, end };
}

/**
 * RANGE with an offset bound: the head is the first row whose key reaches `current ∓ offset`,
 * the tail the first past it, both only moving forward as PostgreSQL's update_frameheadpos /
 * update_frametailpos do. A NULL key never compares with a value: a NULL current row's offset
 * bound stops at its NULL peers, a non-NULL one's skips them.
 */
function rangeBounds(spec: FrameSpec, size: number, peerStart: Int32Array, peerEnd: Int32Array,
  values: RangeValues): FrameBounds {
  const range = spec.def.range!;
  const { arithmetic, descending, nullsFirst } = range;
  const start = new Int32Array(size);
  const end = new Int32Array(size);
  const counted = countedBounds(spec, size, peerStart, peerEnd);
  for (const b of [spec.start, spec.end]) {
    if (size > 0 && (b.kind === 'Preceding' || b.kind === 'Following')) checkRangeOffset(arithmetic, b.value);
  }
  // in_range(val, base, offset, sub, less) with `sum` for operator types (sub and less as PostgreSQL flips them).
  const test = (b: EvaluatedBound, val: Value, base: number, isEnd: boolean): boolean => {
    let sub = b.kind === 'Preceding';
    let less = isEnd;
    if (descending) { sub = !sub; less = !less; }
    if (arithmetic !== 'operator') return inRange(arithmetic, val, values.key(base), b.value, sub, less);
    const sum = isEnd ? values.endSum(base) : values.startSum(base);
    const c = compareValues(val, sum);
    return less ? c <= 0 : c >= 0;
  };
  let head = 0;
  let tail = 0;
  for (let i = 0; i < size; i++) {
    const currentNull = values.key(i) === null;
    if (spec.start.kind === 'Preceding' || spec.start.kind === 'Following') {
      for (; head < size; head++) {
        const val = values.key(head);
        if (val === null || currentNull) {
          if (nullsFirst ? val !== null || currentNull : val === null || !currentNull) break;
        } else if (test(spec.start, val, i, false)) break;
      }
      start[i] = head;
    } else start[i] = counted.start[i]!;
    if (spec.end.kind === 'Preceding' || spec.end.kind === 'Following') {
      for (; tail < size; tail++) {
        const val = values.key(tail);
        if (val === null || currentNull) {
          if (nullsFirst ? val !== null : !currentNull) break;
        } else if (!test(spec.end, val, i, true)) break;
      }
      end[i] = Math.max(start[i]!, tail);
    } else end[i] = Math.max(start[i]!, counted.end[i]!);
  }
  return { start, end };
}

export function frameBounds(spec: FrameSpec, size: number, peerStart: Int32Array, peerEnd: Int32Array,
  values: RangeValues | undefined): FrameBounds {
  return spec.def.range && values ? rangeBounds(spec, size, peerStart, peerEnd, values)
    : countedBounds(spec, size, peerStart, peerEnd);
}

/** Row `i`'s frame [start, end) without what EXCLUDE takes out (the row, its peers, or its ties). */
export function framePieces(exclude: BoundFrame['exclude'], start: number, end: number, i: number,
  peers: RowRange): RowRange[] {
  const cut: RowRange[] = exclude === undefined ? []
    : exclude === 'CURRENT ROW' ? [{ start: i, end: i + 1 }]
      : exclude === 'GROUP' ? [peers]
        : [{ start: peers.start, end: i }, { start: i + 1, end: peers.end }];
  const pieces: RowRange[] = [];
  let from = start;
  for (const c of cut) {
    if (c.end <= c.start) continue;
    if (Math.min(end, c.start) > from) pieces.push({ start: from, end: Math.min(end, c.start) });
    from = Math.max(from, c.end);
  }
  if (end > from) pieces.push({ start: from, end });
  return pieces;
}
