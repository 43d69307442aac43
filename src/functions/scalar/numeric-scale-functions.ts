/**
 * numeric's scale functions (scale, min_scale, trim_scale), width_bucket over float8, numeric
 * and a sorted thresholds array, and float4send / float8send (the binary wire form as bytea).
 * NaN and infinities have no scale (NULL), as in PostgreSQL.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { scaleOf, withScale } from '../../types/numeric-codec.js';
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { compareValues } from '../compare.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const INT4_MAX = 2147483647;
const Exact = Decimal.clone({ precision: 1000 });

/** Digits after the point once trailing zeros are dropped. */
function minScale(d: Decimal): number {
  return Math.max(d.decimalPlaces(), 0);
}

function bucketError(message: string): SqlError {
  return new SqlError(SQLSTATE.InvalidArgumentForWidthBucketFunction, message);
}

/** count + 1, which overflows int4 at the top as PostgreSQL's checked add does. */
function overflowBucket(count: number): number {
  if (count >= INT4_MAX) throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'integer out of range');
  return count + 1;
}

/** width_bucket(float8, float8, float8, int4): PostgreSQL 15's width_bucket_float8. */
function widthBucketFloat(operand: number, low: number, high: number, count: number): number {
  if (count <= 0) throw bucketError('count must be greater than zero');
  if (Number.isNaN(operand) || Number.isNaN(low) || Number.isNaN(high)) {
    throw bucketError('operand, lower bound, and upper bound cannot be NaN');
  }
  if (!Number.isFinite(low) || !Number.isFinite(high)) throw bucketError('lower and upper bounds must be finite');
  if (low === high) throw bucketError('lower bound cannot equal upper bound');
  const ascending = low < high;
  if (ascending ? operand < low : operand > low) return 0;
  if (ascending ? operand >= high : operand <= high) return overflowBucket(count);
  // PostgreSQL 15's order of operations (count × offset ÷ span), so rounding lands in the same bucket.
  const bucket = Math.trunc((count * (operand - low)) / (high - low));
  if (Number.isFinite(bucket)) return Math.min(bucket, count - 1) + 1;
  // The span or product overflowed: halve everything so the quotient stays finite.
  return Math.min(Math.trunc((count * (operand / 2 - low / 2)) / (high / 2 - low / 2)), count - 1) + 1;
}

/** width_bucket(numeric, numeric, numeric, int4), exact. */
function widthBucketNumeric(operand: Decimal, low: Decimal, high: Decimal, count: number): number {
  if (count <= 0) throw bucketError('count must be greater than zero');
  if (operand.isNaN() || low.isNaN() || high.isNaN()) throw bucketError('operand, lower bound, and upper bound cannot be NaN');
  if (!low.isFinite() || !high.isFinite()) throw bucketError('lower and upper bounds must be finite');
  const order = low.cmp(high);
  if (order === 0) throw bucketError('lower bound cannot equal upper bound');
  const ascending = order < 0;
  if (ascending ? operand.lt(low) : operand.gt(low)) return 0;
  if (ascending ? operand.gte(high) : operand.lte(high)) return overflowBucket(count);
  const fraction = new Exact(operand).minus(low).times(count).div(new Exact(high).minus(low));
  return fraction.floor().toNumber() + 1;
}

/** width_bucket(operand, thresholds): how many thresholds are ≤ operand (binary search, NULLs refused). */
function widthBucketArray(operand: Value, thresholds: readonly Value[]): number {
  if (thresholds.some((t) => t === null)) {
    throw new SqlError(SQLSTATE.NullValueNotAllowed, 'thresholds array must not contain NULLs');
  }
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareValues(operand, thresholds[mid]!) >= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function floatBytes(value: number, width: 4 | 8): Uint8Array {
  const bytes = Buffer.alloc(width);
  if (width === 4) bytes.writeFloatBE(value);
  else bytes.writeDoubleBE(value);
  return bytes;
}

export const numericScaleFunctions: readonly ScalarFunction[] = [
  { name: 'scale', overloads: [scalar([T.numeric], T.int4, ([a]) => ((a as Decimal).isFinite() ? scaleOf(a as Decimal) : null))] },
  { name: 'min_scale', overloads: [scalar([T.numeric], T.int4, ([a]) => ((a as Decimal).isFinite() ? minScale(a as Decimal) : null))] },
  { name: 'trim_scale', overloads: [scalar([T.numeric], T.numeric, ([a]) => {
    const d = a as Decimal;
    return d.isFinite() ? withScale(new Decimal(d), minScale(d)) : d;
  })] },
  { name: 'width_bucket', overloads: [
    scalar([T.float8, T.float8, T.float8, T.int4], T.int4,
      ([x, l, h, n]) => widthBucketFloat(x as number, l as number, h as number, n as number)),
    scalar([T.numeric, T.numeric, T.numeric, T.int4], T.int4,
      ([x, l, h, n]) => widthBucketNumeric(x as Decimal, l as Decimal, h as Decimal, n as number)),
    scalar(['anyelement', 'anyarray'], T.int4, ([x, a]) => widthBucketArray(x, Array.from(a as ArrayLike<Value>))),
  ] },
  { name: 'float4send', overloads: [scalar([T.float4], T.bytea, ([a]) => floatBytes(a as number, 4))] },
  { name: 'float8send', overloads: [scalar([T.float8], T.bytea, ([a]) => floatBytes(a as number, 8))] },
];
