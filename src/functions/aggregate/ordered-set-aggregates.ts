/**
 * The ordered-set aggregates of PostgreSQL 15, called as `agg(direct…) WITHIN GROUP (ORDER BY
 * x…)`: percentile_cont, percentile_disc (a fraction or an array of fractions) and mode. The
 * executor sorts each group's inputs by the WITHIN GROUP keys and feeds them in that order, the
 * direct arguments first in every row; these accumulators keep the sorted values and pick at the
 * end, with PostgreSQL's row arithmetic (orderedsetaggs.c): percentile_disc takes row
 * ceil(p·N), percentile_cont interpolates between rows floor and ceil of p·(N − 1).
 * Hypothetical-set aggregates (rank … WITHIN GROUP) are in hypothetical-set-aggregates.ts.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { arrayTypeOf, T } from '../../types/sql-type.js';
import type { Interval, Value } from '../../types/value.js';
import { arrayItems, makeArray } from '../array-values.js';
import { compareValues } from '../compare.js';
import { intervalAdd, intervalScale } from '../datetime/interval-math.js';
import type { Accumulator, AggregateFunction, AggregateOverload } from '../function-types.js';
import { argType, arrayOf } from '../overload-builders.js';
import { checkArraySize } from '../value-limits.js';

/** Picks one result from the sorted non-NULL inputs for a fraction in [0, 1]. */
type Pick = (sorted: readonly Value[], fraction: number) => Value;

function checkFraction(fraction: number): number {
  if (!(fraction >= 0 && fraction <= 1)) {
    throw new SqlError(SQLSTATE.NumericValueOutOfRange, `percentile value ${fraction} is not between 0 and 1`);
  }
  return fraction;
}

const pickDiscrete: Pick = (sorted, fraction) => sorted[Math.max(Math.ceil(fraction * sorted.length), 1) - 1]!;

/** percentile_cont: `lerp(lo, hi, p)` is float8_lerp / interval_lerp (lo + (hi − lo) · p). */
function pickContinuous(lerp: (lo: Value, hi: Value, p: number) => Value): Pick {
  return (sorted, fraction) => {
    const position = fraction * (sorted.length - 1);
    const first = Math.floor(position);
    const second = Math.ceil(position);
    if (first === second) return sorted[first]!;
    return lerp(sorted[first]!, sorted[second]!, position - first);
  };
}

const floatLerp = (lo: Value, hi: Value, p: number): Value => (lo as number) + ((hi as number) - (lo as number)) * p;
const intervalLerp = (lo: Value, hi: Value, p: number): Value =>
  intervalAdd(lo as Interval, intervalScale(intervalAdd(hi as Interval, lo as Interval, -1), p));

/**
 * An accumulator over rows (fraction-or-fractions, sorted value). NULL sorted values are not
 * counted; a NULL fraction gives NULL, a NULL element of a fraction array a NULL element.
 */
function percentile(pick: Pick, many: boolean): AggregateOverload['create'] {
  return (argTypes) => {
    const sorted: Value[] = [];
    let fractions: Value = null;
    let seen = false;
    return {
      add: ([direct, value]) => {
        if (!seen) {
          fractions = direct!;
          seen = true;
        }
        if (value === null || value === undefined) return;
        checkArraySize(sorted.length + 1);
        sorted.push(value);
      },
      result: () => {
        if (fractions === null) return null;
        if (!many) {
          const fraction = checkFraction(fractions as number);
          return sorted.length === 0 ? null : pick(sorted, fraction);
        }
        const wanted = arrayItems(fractions).map((f) => (f === null ? null : checkFraction(Number(f))));
        if (sorted.length === 0) return null;
        return makeArray(wanted.map((f) => (f === null ? null : pick(sorted, f))), argTypes[1]!);
      },
    };
  };
}

/** mode(): the most frequent sorted value, the first in sort order among equally frequent ones. */
function mode(): Accumulator {
  let best: Value = null;
  let bestCount = 0;
  let current: Value = null;
  let count = 0;
  return {
    add: ([value]) => {
      if (value === null || value === undefined) return;
      if (count > 0 && compareValues(value, current!) === 0) count++;
      else {
        current = value;
        count = 1;
      }
      if (count > bestCount) {
        best = current;
        bestCount = count;
      }
    },
    result: () => best,
  };
}

function ordered(args: AggregateOverload['args'], returns: AggregateOverload['returns'],
  create: AggregateOverload['create']): AggregateOverload {
  // Not strict: a NULL sorted value is skipped, but a NULL fraction still decides the result.
  return { args, returns, create, strict: false, retainsInput: true, orderedSet: 'ordered' };
}

const FLOAT8_ARRAY = arrayTypeOf(T.float8);

export const orderedSetAggregates: readonly AggregateFunction[] = [
  {
    name: 'percentile_cont', overloads: [
      ordered([T.float8, T.float8], T.float8, percentile(pickContinuous(floatLerp), false)),
      ordered([T.float8, T.interval], T.interval, percentile(pickContinuous(intervalLerp), false)),
      ordered([FLOAT8_ARRAY, T.float8], FLOAT8_ARRAY, percentile(pickContinuous(floatLerp), true)),
      ordered([FLOAT8_ARRAY, T.interval], arrayTypeOf(T.interval), percentile(pickContinuous(intervalLerp), true)),
    ],
  },
  {
    name: 'percentile_disc', overloads: [
      ordered([T.float8, 'anyelement'], argType(1), percentile(pickDiscrete, false)),
      ordered([FLOAT8_ARRAY, 'anyelement'], arrayOf(1), percentile(pickDiscrete, true)),
    ],
  },
  { name: 'mode', overloads: [ordered(['anyelement'], argType(0), mode)] },
];
