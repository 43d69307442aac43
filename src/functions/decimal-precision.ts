/**
 * decimal.js classes by significant-digit precision. decimal.js rounds every operation to
 * its class's precision, so numeric code picks a class wide enough for the exact or
 * correctly rounded result it needs; classes are cached per precision.
 */
import { Decimal } from 'decimal.js';

const classes = new Map<number, typeof Decimal>();

/** A decimal.js class with `precision` significant digits, rounding half away from zero. */
export function decimalWithPrecision(precision: number): typeof Decimal {
  let c = classes.get(precision);
  if (c === undefined) {
    c = Decimal.clone({ precision, rounding: Decimal.ROUND_HALF_UP, toExpPos: 9e15, toExpNeg: -9e15 });
    classes.set(precision, c);
  }
  return c;
}
