/**
 * numeric arithmetic with PostgreSQL's result scales. decimal.js rounds every operation to a
 * configured number of significant digits (default 20), so exact operations run on a wide
 * clone and results are copied back to the shared Decimal class, tagged with a display scale.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { scaleOf, withScale } from '../types/numeric-codec.js';
import { decimalWithPrecision, truncatingDecimal } from './decimal-precision.js';
import { isSpecialNumeric, specialDiv, specialMod } from './numeric-special-values.js';

/** Significant digits kept by +, -, * (PostgreSQL allows far more; 1000 covers real use). */
const EXACT_PRECISION = 1000;
/**
 * Widest exact sum: PostgreSQL's widest numeric, 131,072 digits before the point and 16,383
 * after (9e131071 + 1 and 4e-500 − 1e-16383 stay exact, as variance() needs them).
 */
const SUM_PRECISION_CAP = 131_072 + 16_383 + 2;
/**
 * Operand digits a product keeps: it keeps EXACT_PRECISION digits, and decimal.js multiplies
 * every digit of its operands before rounding (131,073 × 131,073 digits: 13 s with no cancel
 * point), so wider operands are rounded to this first; the guard digits keep the product's
 * own rounding right.
 */
const PRODUCT_OPERAND_DIGITS = EXACT_PRECISION + 10;
/** Digits a quotient is cut to beyond the ones it keeps, before it is rounded to its scale. */
const DIVISION_GUARD_DIGITS = 4;
/** PostgreSQL's NUMERIC_MIN_SIG_DIGITS: a quotient carries at least this many digits. */
const MIN_SIG_DIGITS = 16;
const MAX_DISPLAY_SCALE = 1000;
/** numeric stores base-10000 digits; result scales are computed in those units. */
const DEC_DIGITS = 4;

const Exact = Decimal.clone({ precision: EXACT_PRECISION, rounding: Decimal.ROUND_HALF_UP });

function back(value: Decimal, scale: number): Decimal {
  return withScale(new Decimal(value as Decimal), scale);
}

/**
 * A class that holds a ± b exactly (digits from the larger leading one to the finer last one),
 * up to SUM_PRECISION_CAP digits. Sums are linear in their digits; products of wide operands are
 * bounded by numericMul.
 */
function sumClass(a: Decimal, b: Decimal): typeof Decimal {
  if (!a.isFinite() || !b.isFinite()) return Exact;
  const digits = Math.max(a.e, b.e) + Math.max(a.decimalPlaces(), b.decimalPlaces()) + 2;
  return digits <= EXACT_PRECISION ? Exact : decimalWithPrecision(Math.min(digits, SUM_PRECISION_CAP));
}

export function numericAdd(a: Decimal, b: Decimal): Decimal {
  return back(new (sumClass(a, b))(a).plus(b), Math.max(scaleOf(a), scaleOf(b)));
}

export function numericSub(a: Decimal, b: Decimal): Decimal {
  return back(new (sumClass(a, b))(a).minus(b), Math.max(scaleOf(a), scaleOf(b)));
}

export function numericMul(a: Decimal, b: Decimal): Decimal {
  return back(new Exact(productOperand(a)).times(productOperand(b)), Math.min(scaleOf(a) + scaleOf(b), MAX_DISPLAY_SCALE));
}

function productOperand(d: Decimal): Decimal {
  return d.isFinite() && d.sd() > PRODUCT_OPERAND_DIGITS ? d.toSignificantDigits(PRODUCT_OPERAND_DIGITS, Decimal.ROUND_HALF_UP) : d;
}

/** Base-10000 weight and leading digit, as PostgreSQL's select_div_scale sees a value. */
function weightAndFirstDigit(d: Decimal): [number, number] {
  if (d.isZero()) return [0, 0];
  const exponent = d.e;
  const weight = Math.floor(exponent / DEC_DIGITS);
  const first = Math.floor(d.abs().div(new Decimal(10).pow(weight * DEC_DIGITS)).toNumber());
  return [weight, first];
}

/** The result scale PostgreSQL picks for a / b. */
export function divisionScale(a: Decimal, b: Decimal): number {
  const [w1, f1] = weightAndFirstDigit(a);
  const [w2, f2] = weightAndFirstDigit(b);
  let qweight = w1 - w2;
  if (f1 <= f2) qweight--;
  const rscale = Math.max(MIN_SIG_DIGITS - qweight * DEC_DIGITS, scaleOf(a), scaleOf(b), 0);
  return Math.min(rscale, MAX_DISPLAY_SCALE);
}

export function numericDiv(a: Decimal, b: Decimal, scale?: number): Decimal {
  if (isSpecialNumeric(a) || isSpecialNumeric(b)) return specialDiv(a, b);
  scale ??= divisionScale(a, b);
  if (b.isZero()) throw new SqlError(SQLSTATE.DivisionByZero, 'division by zero');
  // The quotient is below 10^(a.e − b.e + 1): keep its digits down to `scale` decimals.
  const digits = Math.max(a.e - b.e + 1 + scale, 1) + DIVISION_GUARD_DIGITS;
  const q = new (truncatingDecimal(digits))(a).div(b).toDecimalPlaces(scale, Decimal.ROUND_HALF_UP);
  return back(q, scale);
}

export function numericMod(a: Decimal, b: Decimal): Decimal {
  if (isSpecialNumeric(a) || isSpecialNumeric(b)) return specialMod(a, b);
  if (b.isZero()) throw new SqlError(SQLSTATE.DivisionByZero, 'division by zero');
  return back(new Exact(a).mod(b), Math.max(scaleOf(a), scaleOf(b)));
}

/** Rounds half away from zero to `digits` places (negative digits round left of the point). */
export function numericRound(a: Decimal, digits: number, mode: 'round' | 'trunc'): Decimal {
  if (isSpecialNumeric(a)) return a;
  const rounding = mode === 'round' ? Decimal.ROUND_HALF_UP : Decimal.ROUND_DOWN;
  if (digits >= 0) return back(new Exact(a).toDecimalPlaces(digits, rounding), digits);
  const factor = new Exact(10).pow(-digits);
  return back(new Exact(a).div(factor).toDecimalPlaces(0, rounding).times(factor), 0);
}

/** div(a, b): the quotient truncated toward zero, scale 0. */
export function numericIntDiv(a: Decimal, b: Decimal): Decimal {
  if (isSpecialNumeric(a) || isSpecialNumeric(b)) return specialDiv(a, b);
  if (b.isZero()) throw new SqlError(SQLSTATE.DivisionByZero, 'division by zero');
  return back(new Exact(a).div(b).toDecimalPlaces(0, Decimal.ROUND_DOWN), 0);
}
