/**
 * decimal.js classes by significant-digit precision. decimal.js rounds every operation to
 * its class's precision, so numeric code picks a class wide enough for the exact or
 * correctly rounded result it needs; classes are cached per precision.
 */
import { Decimal } from 'decimal.js';

const classes = new Map<number, typeof Decimal>();

/** A decimal.js class with `precision` significant digits, rounding half away from zero. */
export function decimalWithPrecision(precision: number): typeof Decimal {
  return decimalClass(precision, Decimal.ROUND_HALF_UP);
}

/**
 * The same, truncating: a result cut to `precision` digits and then rounded half away from zero
 * to fewer is rounded once, as PostgreSQL's div_var / sqrt_var round (rounding twice turns
 * 1.00000000000000149999… into …15 and then …2).
 */
export function truncatingDecimal(precision: number): typeof Decimal {
  return decimalClass(precision, Decimal.ROUND_DOWN);
}

function decimalClass(precision: number, rounding: Decimal.Rounding): typeof Decimal {
  const key = rounding === Decimal.ROUND_DOWN ? -precision : precision;
  let c = classes.get(key);
  if (c === undefined) {
    c = Decimal.clone({ precision, rounding, toExpPos: 9e15, toExpNeg: -9e15 });
    classes.set(key, c);
  }
  return c;
}
