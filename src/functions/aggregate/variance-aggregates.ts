/**
 * var_pop, var_samp / variance, stddev_pop, stddev_samp / stddev with PostgreSQL 15's types and
 * arithmetic. Integer and numeric inputs are summed exactly in numeric and give numeric
 * (numeric_stddev_internal: (N·Σx² − (Σx)²) / (N·N or N·(N−1)), scaled by select_div_scale, the
 * square root rounded to the same scale). float4/float8 inputs give float8 through the
 * Youngs–Cramer update of float8_accum, so the last digits match PostgreSQL's too.
 */
import { Decimal } from 'decimal.js';
import { T, type SqlType } from '../../types/sql-type.js';
import { withScale } from '../../types/numeric-codec.js';
import type { Value } from '../../types/value.js';
import type { Accumulator, AggregateFunction } from '../function-types.js';
import { divisionScale, numericAdd, numericDiv, numericMul, numericSub } from '../numeric-math.js';
import { numericSqrt } from '../numeric-transcendental.js';
import { aggregate } from '../overload-builders.js';

/** What one aggregate computes: the divisor N or N − 1, and the square root or not. */
interface Kind {
  readonly sample: boolean;
  readonly root: boolean;
}

const ZERO = withScale(new Decimal(0), 0);

function asNumeric(v: Value): Decimal {
  return v instanceof Decimal ? v : withScale(new Decimal(String(v)), 0);
}

function numericVariance({ sample, root }: Kind): () => Accumulator {
  return () => {
    let n = 0;
    let sumX = ZERO;
    let sumX2 = ZERO;
    /** NaN or ±Infinity seen: the result is NaN, as PostgreSQL's NaN/Inf counts make it. */
    let nonFinite = false;
    return {
      add: ([v]) => {
        const x = asNumeric(v!);
        n++;
        if (!x.isFinite()) {
          nonFinite = true;
          return;
        }
        sumX = numericAdd(sumX, x);
        sumX2 = numericAdd(sumX2, numericMul(x, x));
      },
      result: () => {
        if (n === 0 || (sample && n === 1)) return null;
        if (nonFinite) return new Decimal(NaN);
        const count = withScale(new Decimal(n), 0);
        const numerator = numericSub(numericMul(count, sumX2), numericMul(sumX, sumX));
        // Rounding can leave a tiny negative numerator; PostgreSQL answers 0 then (and for 0).
        if (numerator.lte(0)) return ZERO;
        const denominator = numericMul(count, sample ? withScale(new Decimal(n - 1), 0) : count);
        const scale = divisionScale(numerator, denominator);
        const variance = numericDiv(numerator, denominator, scale);
        return root ? numericSqrt(variance, scale) : variance;
      },
    };
  };
}

function floatVariance({ sample, root }: Kind): () => Accumulator {
  return () => {
    let n = 0;
    let sx = 0;
    let sxx = 0;
    return {
      add: ([v]) => {
        const x = Number(v);
        n++;
        sx += x;
        if (n > 1) {
          const tmp = x * n - sx;
          sxx += (tmp * tmp) / (n * (n - 1));
        } else if (!Number.isFinite(x)) sxx = NaN;
      },
      result: () => {
        if (n === 0 || (sample && n === 1)) return null;
        const variance = sxx / (sample ? n - 1 : n);
        return root ? Math.sqrt(variance) : variance;
      },
    };
  };
}

const NUMERIC_INPUTS: readonly SqlType[] = [T.int2, T.int4, T.int8, T.numeric];
const FLOAT_INPUTS: readonly SqlType[] = [T.float4, T.float8];

const KINDS: readonly (readonly [string, Kind])[] = [
  ['var_pop', { sample: false, root: false }], ['var_samp', { sample: true, root: false }],
  ['variance', { sample: true, root: false }], ['stddev_pop', { sample: false, root: true }],
  ['stddev_samp', { sample: true, root: true }], ['stddev', { sample: true, root: true }],
];

export const varianceAggregates: readonly AggregateFunction[] = KINDS.map(([name, kind]) => ({
  name,
  overloads: [
    ...NUMERIC_INPUTS.map((type) => aggregate([type], T.numeric, numericVariance(kind))),
    ...FLOAT_INPUTS.map((type) => aggregate([type], T.float8, floatVariance(kind))),
  ],
}));
