/**
 * Hypothetical-set aggregates: `rank(v…) WITHIN GROUP (ORDER BY x…)` and dense_rank,
 * percent_rank, cume_dist — the rank the row (v…) would have if it were added to the group.
 * Each input row carries the k direct values then the k sorted values, and arrives in sort
 * order; the hypothetical row is compared with it under the WITHIN GROUP keys' directions
 * (NULLs placed as the keys say). As in PostgreSQL, the hypothetical row sorts before its peers
 * for rank / dense_rank / percent_rank and after them for cume_dist.
 */
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { compareValues } from '../compare.js';
import type { Accumulator, AggregateFunction, AggregateOverload, SortDirection } from '../function-types.js';

/** Compares one input row's sorted values with another's (or the hypothetical row's). */
function compareUnder(order: readonly SortDirection[], a: readonly Value[], b: readonly Value[]): number {
  for (let i = 0; i < order.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === null && y === null) continue;
    const { descending, nullsFirst } = order[i]!;
    if (x === null) return nullsFirst ? -1 : 1;
    if (y === null) return nullsFirst ? 1 : -1;
    const c = compareValues(x, y);
    if (c !== 0) return descending ? -c : c;
  }
  return 0;
}

/** What the rows seen say about the hypothetical row: counts of rows before it, peers, and all. */
interface Tally {
  readonly before: number;
  readonly peers: number;
  /** Distinct sort values among the rows before it. */
  readonly distinctBefore: number;
  readonly total: number;
}

function hypothetical(finish: (t: Tally) => Value): AggregateOverload['create'] {
  return (_argTypes, order = []): Accumulator => {
    const k = order.length;
    let before = 0;
    let peers = 0;
    let distinctBefore = 0;
    let total = 0;
    let previous: readonly Value[] | undefined;
    return {
      add: (args) => {
        const row = args.slice(k);
        const c = compareUnder(order, row, args.slice(0, k));
        total++;
        if (c < 0) {
          before++;
          if (!previous || compareUnder(order, previous, row) !== 0) distinctBefore++;
          previous = row;
        } else if (c === 0) peers++;
      },
      result: () => finish({ before, peers, distinctBefore, total }),
    };
  };
}

function overload(returns: typeof T.int8, finish: (t: Tally) => Value): AggregateOverload {
  // Argument types are unified by the binder (one direct argument per sort key), not listed here.
  return { args: [], returns, create: hypothetical(finish), strict: false, orderedSet: 'hypothetical' };
}

export const hypotheticalSetAggregates: readonly AggregateFunction[] = [
  { name: 'rank', overloads: [overload(T.int8, (t) => BigInt(t.before + 1))] },
  { name: 'dense_rank', overloads: [overload(T.int8, (t) => BigInt(t.distinctBefore + 1))] },
  // (rank − 1) / N over the N input rows, 0 for an empty group (no division by zero).
  { name: 'percent_rank', overloads: [overload(T.float8, (t) => (t.total === 0 ? 0 : t.before / t.total))] },
  { name: 'cume_dist', overloads: [overload(T.float8, (t) => (t.before + t.peers + 1) / (t.total + 1))] },
];
