/**
 * PostgreSQL's in_range support for RANGE … offset PRECEDING / FOLLOWING frames: whether a
 * row's ORDER BY value `val` is at most (`less`) or at least the current row's `base` minus
 * (`sub`) or plus `offset`. Integers and numerics compare exactly (a sum past the type's range
 * cannot wrap), floats and numerics order NaN after everything and settle infinities as
 * PostgreSQL does, time adds the interval's time part without wrapping at midnight.
 */
import type { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Interval, Value } from '../../types/value.js';
import { intervalMicros } from '../datetime/interval-math.js';
import { numericAdd, numericSub } from '../numeric-math.js';

/** How the offset is added; 'operator' types come with `base ± offset` computed per row. */
export type InRangeArithmetic = 'integer' | 'float' | 'numeric' | 'time' | 'operator';

function invalidSize(): SqlError {
  return new SqlError(SQLSTATE.InvalidPrecedingOrFollowingSize, 'invalid preceding or following size in window function');
}

/** 22013 for an offset in_range refuses: negative, NaN (float, numeric), -Infinity. */
export function checkRangeOffset(arithmetic: InRangeArithmetic, offset: Value): void {
  const bad = arithmetic === 'integer' ? BigInt(offset as number | bigint) < 0n
    : arithmetic === 'float' ? Number.isNaN(offset) || (offset as number) < 0
      : arithmetic === 'numeric' ? (offset as Decimal).isNaN() || (offset as Decimal).isNegative()
        : intervalMicros(offset as Interval) < 0;
  if (bad) throw invalidSize();
}

const settle = (val: number, sum: number, less: boolean): boolean => (less ? val <= sum : val >= sum);

function inRangeFloat(val: number, base: number, offset: number, sub: boolean, less: boolean): boolean {
  if (Number.isNaN(val)) return Number.isNaN(base) ? true : !less;
  if (Number.isNaN(base)) return less;
  // +inf infinitely preceding +inf (or -inf following -inf): every value is in the frame.
  if (offset === Infinity && Math.abs(base) === Infinity && (sub ? base > 0 : base < 0)) return true;
  return settle(val, sub ? base - offset : base + offset, less);
}

function inRangeNumeric(val: Decimal, base: Decimal, offset: Decimal, sub: boolean, less: boolean): boolean {
  if (val.isNaN()) return base.isNaN() ? true : !less;
  if (base.isNaN()) return less;
  const posInf = (d: Decimal) => !d.isFinite() && d.isPositive();
  const negInf = (d: Decimal) => !d.isFinite() && d.isNegative();
  if (!offset.isFinite()) {
    if (sub ? posInf(base) : negInf(base)) return true;
    if (sub) return less ? negInf(val) : true;
    return less ? true : posInf(val);
  }
  if (!val.isFinite() || !base.isFinite()) {
    if (posInf(val)) return posInf(base) ? true : !less;
    if (posInf(base)) return less;
    if (negInf(val)) return negInf(base) ? true : less;
    return !less;
  }
  const c = val.cmp(sub ? numericSub(base, offset) : numericAdd(base, offset));
  return less ? c <= 0 : c >= 0;
}

/** in_range(val, base, offset, sub, less) for the arithmetic kinds the executor adds itself. */
export function inRange(arithmetic: Exclude<InRangeArithmetic, 'operator'>, val: Value, base: Value, offset: Value,
  sub: boolean, less: boolean): boolean {
  switch (arithmetic) {
    case 'integer': {
      const b = BigInt(base as number | bigint);
      const o = BigInt(offset as number | bigint);
      const v = BigInt(val as number | bigint);
      const sum = sub ? b - o : b + o;
      return less ? v <= sum : v >= sum;
    }
    case 'float': return inRangeFloat(val as number, base as number, offset as number, sub, less);
    case 'numeric': return inRangeNumeric(val as Decimal, base as Decimal, offset as Decimal, sub, less);
    case 'time': {
      const micros = (offset as Interval).micros;
      return settle(val as number, sub ? (base as number) - micros : (base as number) + micros, less);
    }
  }
}
