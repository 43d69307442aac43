/**
 * gcd, lcm (int4, int8, numeric) and factorial. Results that do not fit the type raise
 * PostgreSQL's out-of-range errors (gcd(-2147483648, 0) has no int4 answer). numeric gcd/lcm
 * work on the values scaled to their larger display scale, so gcd(0.5, 0.25) is 0.25.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { scaleOf, withScale } from '../../types/numeric-codec.js';
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { checkInt8, checkSmallInt } from '../numeric-limits.js';
import { scalar } from '../overload-builders.js';

/** numeric_fac's limit: larger factorials overflow numeric's 131,072 integer digits. */
const FACTORIAL_MAX = 32177;

function bigAbs(n: bigint): bigint {
  return n < 0n ? -n : n;
}

function bigGcd(a: bigint, b: bigint): bigint {
  let x = bigAbs(a);
  let y = bigAbs(b);
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function bigLcm(a: bigint, b: bigint): bigint {
  if (a === 0n || b === 0n) return 0n;
  return bigAbs((a / bigGcd(a, b)) * b);
}

/** The operands as integers at their common scale, and that scale. */
function scaled(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(scaleOf(a), scaleOf(b));
  const toBig = (d: Decimal) => BigInt(d.times(new Decimal(10).pow(scale)).toFixed(0));
  return [toBig(a), toBig(b), scale];
}

function numericPair(a: Decimal, b: Decimal, op: (x: bigint, y: bigint) => bigint): Decimal {
  if (!a.isFinite() || !b.isFinite()) return new Decimal(NaN);
  const [x, y, scale] = scaled(a, b);
  const result = new Decimal(op(x, y).toString()).div(new Decimal(10).pow(scale));
  return withScale(result, scale);
}

function factorial(n: bigint): Decimal {
  if (n < 0n) throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'factorial of a negative number is undefined');
  if (n > BigInt(FACTORIAL_MAX)) throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'value overflows numeric format');
  let product = 1n;
  for (let k = 2n; k <= n; k++) product *= k;
  return withScale(new Decimal(product.toString()), 0);
}

const int4 = (v: Value): bigint => BigInt(v as number);

export const integerMathFunctions: readonly ScalarFunction[] = [
  ...([['gcd', bigGcd], ['lcm', bigLcm]] as const).map(([name, op]) => ({ name, overloads: [
    scalar([T.int4, T.int4], T.int4, ([a, b]) => checkSmallInt(Number(op(int4(a), int4(b))), 'int4')),
    scalar([T.int8, T.int8], T.int8, ([a, b]) => checkInt8(op(a as bigint, b as bigint))),
    scalar([T.numeric, T.numeric], T.numeric, ([a, b]) => numericPair(a as Decimal, b as Decimal, op)),
  ] })),
  { name: 'factorial', overloads: [scalar([T.int8], T.numeric, ([n]) => factorial(n as bigint))] },
];
