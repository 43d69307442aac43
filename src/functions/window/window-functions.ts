/**
 * PostgreSQL's window-only functions: ranking (row_number, rank, dense_rank, percent_rank,
 * cume_dist, ntile), offsets within the partition (lag, lead) and values at frame positions
 * (first_value, last_value, nth_value).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { argType } from '../overload-builders.js';
import type { RowRange, WindowFunction, WindowOverload, WindowPartition } from './window-types.js';

function perRow(p: WindowPartition, fn: (position: number) => Value): Value[] {
  return Array.from({ length: p.size }, (_, i) => fn(i));
}

/** Number of distinct peer groups before each position, plus one. */
function denseRanks(p: WindowPartition): Value[] {
  const out: Value[] = [];
  let rank = 0n;
  for (let i = 0; i < p.size; i++) {
    if (p.peers(i).start === i) rank++;
    out.push(rank);
  }
  return out;
}

/** ntile(n): rows split into n buckets as evenly as possible, the larger buckets first. */
function ntile(p: WindowPartition): Value[] {
  return perRow(p, (i) => {
    const n = p.arg(i, 0);
    if (n === null) return null;
    if ((n as number) <= 0) throw new SqlError(SQLSTATE.InvalidArgumentForNtileFunction, 'argument of ntile must be greater than zero');
    const buckets = Math.min(n as number, p.size);
    const small = Math.floor(p.size / buckets);
    const large = p.size % buckets;
    const inLarge = large * (small + 1);
    return i < inLarge ? Math.floor(i / (small + 1)) + 1 : large + Math.floor((i - inLarge) / small) + 1;
  });
}

/** lag/lead: the value `offset` rows before/after in the partition, else the default. */
function shifted(direction: -1 | 1): WindowOverload['evaluate'] {
  return (p) => perRow(p, (i) => {
    const offset = p.argCount > 1 ? p.arg(i, 1) : 1;
    if (offset === null) return null;
    const target = i + direction * (offset as number);
    if (target < 0 || target >= p.size) return p.argCount > 2 ? p.arg(i, 2) : null;
    return p.arg(target, 0);
  });
}

function offsetOverloads(direction: -1 | 1): WindowOverload[] {
  const evaluate = shifted(direction);
  return [
    { args: ['anyelement'], returns: argType(0), evaluate },
    { args: ['anyelement', T.int4], returns: argType(0), evaluate },
    { args: ['anyelement', T.int4, 'anyelement'], returns: argType(0), evaluate },
  ];
}

/** The frame's `n`th row (0-based; negative counts back from its last row), or -1. */
function frameRow(frame: readonly RowRange[], n: number): number {
  const pieces = n < 0 ? [...frame].reverse() : frame;
  let left = n < 0 ? -n - 1 : n;
  for (const piece of pieces) {
    const size = piece.end - piece.start;
    if (left < size) return n < 0 ? piece.end - 1 - left : piece.start + left;
    left -= size;
  }
  return -1;
}

/** first_value / last_value / nth_value: the argument at frame row `pick(…)`, else NULL. */
function frameValue(pick: (p: WindowPartition, i: number) => number | null): WindowOverload['evaluate'] {
  return (p) => perRow(p, (i) => {
    const n = pick(p, i);
    const at = n === null ? -1 : frameRow(p.frame(i), n);
    return at < 0 ? null : p.arg(at, 0);
  });
}

export const windowFunctions: readonly WindowFunction[] = [
  { name: 'row_number', overloads: [{ args: [], returns: T.int8, evaluate: (p) => perRow(p, (i) => BigInt(i + 1)) }] },
  { name: 'rank', overloads: [{ args: [], returns: T.int8, evaluate: (p) => perRow(p, (i) => BigInt(p.peers(i).start + 1)) }] },
  { name: 'dense_rank', overloads: [{ args: [], returns: T.int8, evaluate: denseRanks }] },
  { name: 'percent_rank', overloads: [{
    args: [], returns: T.float8, evaluate: (p) => perRow(p, (i) => (p.size > 1 ? p.peers(i).start / (p.size - 1) : 0)),
  }] },
  { name: 'cume_dist', overloads: [{ args: [], returns: T.float8, evaluate: (p) => perRow(p, (i) => p.peers(i).end / p.size) }] },
  { name: 'ntile', overloads: [{ args: [T.int4], returns: T.int4, evaluate: ntile }] },
  { name: 'lag', overloads: offsetOverloads(-1) },
  { name: 'lead', overloads: offsetOverloads(1) },
  { name: 'first_value', overloads: [{ args: ['anyelement'], returns: argType(0), evaluate: frameValue(() => 0) }] },
  { name: 'last_value', overloads: [{ args: ['anyelement'], returns: argType(0), evaluate: frameValue(() => -1) }] },
  { name: 'nth_value', overloads: [{
    args: ['anyelement', T.int4], returns: argType(0),
    evaluate: frameValue((p, i) => {
      const n = p.arg(i, 1);
      if (n === null) return null;
      if ((n as number) <= 0) throw new SqlError(SQLSTATE.InvalidArgumentForNthValueFunction, 'argument of nth_value must be greater than zero');
      return (n as number) - 1;
    }),
  }] },
];
