/**
 * numeric NaN and ±Infinity in division, modulo, sqrt, exp, ln, log and power, after
 * PostgreSQL 15's numeric.c (which follows POSIX pow(3) for power). Each helper takes the
 * operands when at least one is not finite and returns the result or throws PostgreSQL's
 * error; the finite paths in numeric-math.ts / numeric-transcendental.ts never see them.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { withScale } from '../types/numeric-codec.js';

const nan = (): Decimal => new Decimal(NaN);
const zero = (): Decimal => withScale(new Decimal(0), 0);
const one = (): Decimal => withScale(new Decimal(1), 0);
const infinity = (negative: boolean): Decimal => new Decimal(negative ? -Infinity : Infinity);

/** True when `d` is NaN or ±Infinity. */
export function isSpecialNumeric(d: Decimal): boolean {
  return !d.isFinite();
}

function divisionByZero(): SqlError {
  return new SqlError(SQLSTATE.DivisionByZero, 'division by zero');
}

function logError(d: Decimal): void {
  if (d.isNeg()) throw new SqlError(SQLSTATE.InvalidArgumentForLogarithm, 'cannot take logarithm of a negative number');
  if (d.isZero()) throw new SqlError(SQLSTATE.InvalidArgumentForLogarithm, 'cannot take logarithm of zero');
}

/** a / b and div(a, b) with a special operand. */
export function specialDiv(a: Decimal, b: Decimal): Decimal {
  if (a.isNaN() || b.isNaN()) return nan();
  if (!a.isFinite()) {
    if (!b.isFinite()) return nan();
    if (b.isZero()) throw divisionByZero();
    return infinity(a.isNeg() !== b.isNeg());
  }
  // A finite value over ±Infinity.
  return zero();
}

/** a % b / mod(a, b) with a special operand. */
export function specialMod(a: Decimal, b: Decimal): Decimal {
  if (a.isNaN() || b.isNaN()) return nan();
  if (!a.isFinite()) {
    if (b.isZero()) throw divisionByZero();
    return nan();
  }
  return a;
}

export function specialSqrt(a: Decimal): Decimal {
  if (a.isNeg()) throw new SqlError(SQLSTATE.InvalidArgumentForPowerFunction, 'cannot take square root of a negative number');
  return a;
}

export function specialExp(a: Decimal): Decimal {
  if (a.isNaN()) return nan();
  return a.isNeg() ? zero() : a;
}

export function specialLn(a: Decimal): Decimal {
  if (a.isNaN()) return a;
  logError(a);
  return a;
}

/** log(base, x) with a special operand: log(Inf, finite) is 0, log(finite, Inf) is Inf. */
export function specialLog(base: Decimal, x: Decimal): Decimal {
  if (base.isNaN() || x.isNaN()) return nan();
  logError(base);
  logError(x);
  if (!base.isFinite()) return x.isFinite() ? zero() : nan();
  return infinity(false);
}

function isOddInteger(d: Decimal): boolean {
  return d.isFinite() && d.isInteger() && !d.mod(2).isZero();
}

/** power(a, b) with a special operand, POSIX pow(3) rules as numeric_power applies them. */
export function specialPower(a: Decimal, b: Decimal): Decimal {
  if (a.isNaN()) return b.isFinite() && b.isZero() ? one() : nan();
  if (b.isNaN()) return a.isFinite() && a.eq(1) ? one() : nan();
  if (a.isZero() && b.isNeg()) {
    throw new SqlError(SQLSTATE.InvalidArgumentForPowerFunction, 'zero raised to a negative power is undefined');
  }
  if (a.isNeg() && b.isFinite() && !b.isInteger()) {
    throw new SqlError(SQLSTATE.InvalidArgumentForPowerFunction, 'a negative number raised to a non-integer power yields a complex result');
  }
  if (a.isFinite() && a.eq(1)) return one();
  if (b.isZero()) return one();
  if (a.isZero()) return zero();
  if (!b.isFinite()) {
    if (a.isFinite() && a.eq(-1)) return one();
    const absGreaterThanOne = !a.isFinite() || a.abs().gt(1);
    return absGreaterThanOne === b.isPos() ? infinity(false) : zero();
  }
  if (a.isPos()) return b.isPos() ? infinity(false) : zero();
  if (b.isNeg()) return zero();
  return infinity(isOddInteger(b));
}
