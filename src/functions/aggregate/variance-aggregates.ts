/**
 * var_pop, var_samp / variance, stddev_pop, stddev_samp / stddev with PostgreSQL 15's types and
 * arithmetic. Integer and numeric inputs are summed exactly in numeric and give numeric
 * (numeric_stddev_internal: (N·Σx² − (Σx)²) / (N·N or N·(N−1)), scaled by select_div_scale, the
 * square root rounded to the same scale). float4/float8 inputs give float8 through the
 * Youngs–Cramer update of float8_accum, so the last digits match PostgreSQL's too.
 *
 * The sums are of x − c, c the first value: N·Σ(x−c)² − (Σ(x−c))² is the same numerator, but
 * its terms stay as short as the values' spread, so it is computed exactly where Σx² would be
 * too wide to (9e131071 + 1 … 9e131071 + 5 has variance 2.5 in PostgreSQL, which keeps every
 * digit).
 */
import { Decimal } from 'decimal.js';
import { T, type SqlType } from '../../types/sql-type.js';
import { scaleOf, withScale } from '../../types/numeric-codec.js';
import type { Value } from '../../types/value.js';
import type { Accumulator, AggregateFunction } from '../function-types.js';
import { decimalWithPrecision } from '../decimal-precision.js';
import { divisionScale, numericDiv } from '../numeric-math.js';
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

/**
 * Significant digits past which a sum or product rounds (PostgreSQL's widest value has 147,455):
 * decimal.js multiplies every digit of its operands, so a square of two 20,000-digit deviations
 * is the most one row costs (tens of ms; 131,073-digit ones took 13 s).
 */
const MAX_EXACT_DIGITS = 40_000;

/** Digits that hold `digits` exactly, at most MAX_EXACT_DIGITS. */
function exact(digits: number): typeof Decimal {
  return decimalWithPrecision(Math.min(Math.max(digits, 1), MAX_EXACT_DIGITS));
}

/** The exponent of the last significant digit of a non-zero value. */
function lastDigit(d: Decimal): number {
  return d.e - d.sd() + 1;
}

function plus(a: Decimal, b: Decimal): Decimal {
  if (a.isZero()) return b;
  if (b.isZero()) return a;
  return new (exact(Math.max(a.e, b.e) - Math.min(lastDigit(a), lastDigit(b)) + 2))(a).plus(b);
}

function times(a: Decimal, b: Decimal): Decimal {
  const [x, y] = [a, b].map((d) => (d.sd() > MAX_EXACT_DIGITS / 2 ? d.toSignificantDigits(MAX_EXACT_DIGITS / 2, Decimal.ROUND_HALF_UP) : d));
  return new (exact(x!.sd() + y!.sd()))(x!).times(y!);
}

function numericVariance({ sample, root }: Kind): () => Accumulator {
  return () => {
    let n = 0;
    let shift: Decimal | undefined;
    let sumD = ZERO;
    let sumD2 = ZERO;
    /** The widest display scale among the inputs: PostgreSQL's numerator has twice it. */
    let scale = 0;
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
        scale = Math.max(scale, scaleOf(x));
        shift ??= x;
        const d = plus(x, shift.neg());
        sumD = plus(sumD, d);
        sumD2 = plus(sumD2, times(d, d));
      },
      result: () => {
        if (n === 0 || (sample && n === 1)) return null;
        if (nonFinite) return new Decimal(NaN);
        const count = new Decimal(n);
        const numerator = withScale(new Decimal(plus(times(count, sumD2), times(sumD, sumD).neg())), 2 * scale);
        // PostgreSQL answers 0 for a numerator that is 0 (or, rounded, negative).
        if (numerator.lte(0)) return ZERO;
        const denominator = withScale(new Decimal(times(count, new Decimal(sample ? n - 1 : n))), 0);
        const rscale = divisionScale(numerator, denominator);
        const variance = numericDiv(numerator, denominator, rscale);
        return root ? numericSqrt(variance, rscale) : variance;
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
