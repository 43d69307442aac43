/**
 * numeric sqrt, exp, ln, log and power with PostgreSQL 15's result scales (numeric.c:
 * numeric_sqrt, numeric_exp, numeric_ln, numeric_log, power_var): at least
 * NUMERIC_MIN_SIG_DIGITS significant digits, never fewer decimals than the inputs show.
 * Values are computed by decimal.js with guard digits and rounded half away from zero.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { scaleOf, withScale } from '../types/numeric-codec.js';
import { decimalWithPrecision, truncatingDecimal } from './decimal-precision.js';
import { isSpecialNumeric, specialExp, specialLn, specialLog, specialPower, specialSqrt } from './numeric-special-values.js';

/** PostgreSQL's NUMERIC_MIN_SIG_DIGITS. */
const MIN_SIG_DIGITS = 16;
const MAX_DISPLAY_SCALE = 1000;
/** numeric stores base-10000 digits (NBASE); weights are counted in them. */
const DEC_DIGITS = 4;
const NBASE = 10000;
/** Extra working digits beyond the ones the result keeps. */
const GUARD_DIGITS = 12;
/** log10(e): turns a natural-log estimate into a decimal weight. */
const LOG10_E = 0.434294481903252;
const LN_10 = 2.302585092994046;
/** PostgreSQL's NUMERIC_MAX_RESULT_SCALE; exp_var overflows past 3× it. */
const MAX_RESULT_SCALE = 2000;
/** (NUMERIC_MAX_WEIGHT + 1) × DEC_DIGITS: decimal digits before the point numeric can hold. */
const MAX_WEIGHT_DIGITS = 32768 * DEC_DIGITS;

const working = decimalWithPrecision;

/** Digits needed to keep `scale` decimals of a value whose decimal exponent is about `exponent`. */
function precisionFor(scale: number, exponent: number): number {
  return Math.max(scale + Math.max(exponent, 0) + 1, 1) + GUARD_DIGITS;
}

function clampScale(scale: number): number {
  return Math.min(Math.max(scale, 0), MAX_DISPLAY_SCALE);
}

function result(value: Decimal, scale: number): Decimal {
  return withScale(new Decimal(value.toDecimalPlaces(scale, Decimal.ROUND_HALF_UP)), scale);
}

/** Base-NBASE weight of a non-zero value (PostgreSQL's NumericVar.weight). */
function weightOf(d: Decimal): number {
  return d.isZero() ? 0 : Math.floor(d.e / DEC_DIGITS);
}

/** The base-NBASE digits of |d| from the most significant one (at most `count`). */
function leadingDigits(d: Decimal, count: number): number[] {
  const w = weightOf(d);
  const out: number[] = [];
  let rest = new (working(precisionFor(0, d.e + count * DEC_DIGITS)))(d).abs();
  for (let k = 0; k < count && !rest.isZero(); k++) {
    const unit = new Decimal(NBASE).pow(w - k);
    const digit = rest.div(unit).floor();
    out.push(digit.toNumber());
    rest = rest.minus(digit.times(unit));
  }
  return out;
}

/** PostgreSQL's estimate_ln_dweight: the decimal weight of ln(d), roughly. */
function lnWeight(d: Decimal): number {
  if (d.lte(0)) return 0;
  if (d.gte('0.9') && d.lte('1.1')) {
    const x = new (working(precisionFor(0, d.e) + d.decimalPlaces()))(d).minus(1);
    return x.isZero() ? 0 : x.e;
  }
  const digits = leadingDigits(d, 2);
  let dweight = weightOf(d) * DEC_DIGITS;
  let lead = digits[0]!;
  if (digits.length > 1) {
    lead = lead * NBASE + digits[1]!;
    dweight -= DEC_DIGITS;
  }
  return Math.trunc(Math.log10(Math.abs(Math.log(lead) + dweight * LN_10)));
}

function checkLog(d: Decimal): void {
  if (d.isZero()) throw new SqlError(SQLSTATE.InvalidArgumentForLogarithm, 'cannot take logarithm of zero');
  if (d.isNeg()) throw new SqlError(SQLSTATE.InvalidArgumentForLogarithm, 'cannot take logarithm of a negative number');
}

/**
 * sqrt(numeric); scale from the input's weight (2 → 1.414213562373095), or `rscale` when the
 * caller fixed it (stddev rounds to its variance's scale, as numeric_stddev_internal does).
 */
export function numericSqrt(a: Decimal, rscale?: number): Decimal {
  if (isSpecialNumeric(a)) return specialSqrt(a);
  if (a.isNeg()) throw new SqlError(SQLSTATE.InvalidArgumentForPowerFunction, 'cannot take square root of a negative number');
  const sweight = ((weightOf(a) + 1) * DEC_DIGITS) / 2 - 1;
  const scale = rscale ?? clampScale(Math.max(MIN_SIG_DIGITS - sweight, scaleOf(a)));
  const W = truncatingDecimal(precisionFor(scale, Math.ceil(a.e / 2) + 1));
  return result(new W(a).sqrt(), scale);
}

/** exp(numeric). */
export function numericExp(a: Decimal): Decimal {
  if (isSpecialNumeric(a)) return specialExp(a);
  const x = a.toNumber();
  if (x >= MAX_RESULT_SCALE * 3) throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'value overflows numeric format');
  const weight = Math.trunc(Math.max(x, -MAX_RESULT_SCALE) * LOG10_E);
  const scale = clampScale(Math.max(MIN_SIG_DIGITS - weight, scaleOf(a)));
  const W = working(precisionFor(scale, weight + 1));
  return result(new W(a).exp(), scale);
}

/** ln(numeric). */
export function numericLn(a: Decimal): Decimal {
  if (isSpecialNumeric(a)) return specialLn(a);
  checkLog(a);
  const scale = clampScale(Math.max(MIN_SIG_DIGITS - lnWeight(a), scaleOf(a)));
  const W = working(precisionFor(scale, 4));
  return result(new W(a).ln(), scale);
}

/** log(base, x); log(x) is log(10, x), as PostgreSQL defines it. */
export function numericLog(base: Decimal, x: Decimal): Decimal {
  if (isSpecialNumeric(base) || isSpecialNumeric(x)) return specialLog(base, x);
  checkLog(base);
  checkLog(x);
  const weight = lnWeight(x) - lnWeight(base);
  const scale = clampScale(Math.max(MIN_SIG_DIGITS - weight, scaleOf(base), scaleOf(x)));
  const W = working(precisionFor(scale, Math.max(weight, 0) + 4) + GUARD_DIGITS);
  const lnBase = new W(base).ln();
  if (lnBase.isZero()) throw new SqlError(SQLSTATE.DivisionByZero, 'division by zero');
  return result(new W(x).ln().div(lnBase), scale);
}

/** numeric ^ numeric / power(numeric, numeric), PostgreSQL 15 scales (power_var). */
export function numericPower(a: Decimal, b: Decimal): Decimal {
  if (isSpecialNumeric(a) || isSpecialNumeric(b)) return specialPower(a, b);
  if (a.isZero() && b.isNeg()) {
    throw new SqlError(SQLSTATE.InvalidArgumentForPowerFunction, 'zero raised to a negative power is undefined');
  }
  if (a.isNeg() && !b.isInteger()) {
    throw new SqlError(SQLSTATE.InvalidArgumentForPowerFunction, 'a negative number raised to a non-integer power yields a complex result');
  }
  if (b.isInteger() && b.gte(-2147483648) && b.lte(2147483647)) {
    // power_var_int: the exponent's own scale does not count.
    const scale = clampScale(Math.max(MIN_SIG_DIGITS, scaleOf(a)));
    const n = b.toNumber();
    if (n === 0) return withScale(new Decimal(1), scale);
    // power_var_int's estimate of the result's decimal weight, and its overflow/underflow tests.
    const weight = n * new (working(GUARD_DIGITS))(a).abs().log(10).toNumber();
    if (weight > MAX_WEIGHT_DIGITS) throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'value overflows numeric format');
    if (weight + 1 < -scale) return withScale(new Decimal(0), scale);
    // Repeated squaring loses about one digit per doubling of the exponent: keep that many more.
    const squaringDigits = Math.ceil(Math.log10(Math.abs(n) + 1));
    const W = working(precisionFor(scale, Math.ceil(weight)) + GUARD_DIGITS + squaringDigits);
    const p = new W(a).pow(Math.abs(n));
    return result(n < 0 ? new W(1).div(p) : p, scale);
  }
  if (a.isZero()) return withScale(new Decimal(0), MIN_SIG_DIGITS);
  // A negative base has an integral exponent here (beyond int4): |a| ^ b, negated when b is odd.
  const negate = a.isNeg() && !b.mod(2).isZero();
  const base = a.abs();
  const lnApprox = new (working(GUARD_DIGITS))(base).ln().times(b).toNumber();
  // PostgreSQL's early overflow test, with its fuzz factor.
  if (Math.abs(lnApprox) > MAX_RESULT_SCALE * 3.01) {
    throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'value overflows numeric format');
  }
  const weight = Math.trunc(lnApprox * LOG10_E);
  const scale = clampScale(Math.max(MIN_SIG_DIGITS - weight, scaleOf(a), scaleOf(b)));
  const W = working(precisionFor(scale, weight + 1) + GUARD_DIGITS);
  const power = new W(b).times(new W(base).ln()).exp();
  return result(negate ? power.neg() : power, scale);
}
