/**
 * Arithmetic operators + - * / % ^ and unary minus over int2/int4/int8 (overflow → 22003,
 * `/` truncates toward zero), float4/float8 (plus the mixed float4/float8 pairs) and numeric.
 * Mixed widths resolve through implicit casts to the wider type, as PostgreSQL's operator
 * resolution does.
 */
import type { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { scaleOf, withScale } from '../../types/numeric-codec.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction, ScalarOverload } from '../function-types.js';
import { checkInt8, checkSmallInt } from '../numeric-limits.js';
import { numericAdd, numericDiv, numericMod, numericMul, numericSub } from '../numeric-math.js';
import { numericPower } from '../numeric-transcendental.js';
import { scalar } from '../overload-builders.js';

type SmallInt = 'int2' | 'int4';
type NumOp = (a: number, b: number) => number;
type BigOp = (a: bigint, b: bigint) => bigint;
type DecOp = (a: Decimal, b: Decimal) => Decimal;

function divisionByZero(): SqlError {
  return new SqlError(SQLSTATE.DivisionByZero, 'division by zero');
}

function floatResult(value: number, a: number, b: number, type: 'float4' | 'float8'): number {
  const result = type === 'float4' ? Math.fround(value) : value;
  if (!Number.isFinite(result) && Number.isFinite(a) && Number.isFinite(b)) {
    throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'value out of range: overflow');
  }
  return result;
}

function family(op: NumOp, big: BigOp, dec: DecOp, floatOp: NumOp = op): ScalarOverload[] {
  const small = (type: SmallInt, sqlType: SqlType) => scalar([sqlType, sqlType], sqlType,
    ([a, b]) => checkSmallInt(op(a as number, b as number), type));
  const float = (type: 'float4' | 'float8', sqlType: SqlType) => scalar([sqlType, sqlType], sqlType,
    ([a, b]) => floatResult(floatOp(a as number, b as number), a as number, b as number, type));
  return [
    small('int2', T.int2), small('int4', T.int4),
    scalar([T.int8, T.int8], T.int8, ([a, b]) => checkInt8(big(a as bigint, b as bigint))),
    scalar([T.numeric, T.numeric], T.numeric, ([a, b]) => dec(a as Decimal, b as Decimal)),
    float('float4', T.float4), float('float8', T.float8),
    // float48/float84: with them real op int resolves to double precision, as in PostgreSQL
    // (same exact-match count as real op real, but float8 is the preferred type).
    ...[[T.float4, T.float8], [T.float8, T.float4]].map((args) => scalar(args, T.float8,
      ([a, b]) => floatResult(floatOp(a as number, b as number), a as number, b as number, 'float8'))),
  ];
}

const intDiv: NumOp = (a, b) => {
  if (b === 0) throw divisionByZero();
  return Math.trunc(a / b);
};
const bigDiv: BigOp = (a, b) => {
  if (b === 0n) throw divisionByZero();
  return a / b;
};
const floatDiv: NumOp = (a, b) => {
  // NaN / 0 is NaN, not an error (float8_div tests the dividend first).
  if (b === 0 && !Number.isNaN(a)) throw divisionByZero();
  return a / b;
};
const intMod: NumOp = (a, b) => {
  if (b === 0) throw divisionByZero();
  return a % b === 0 ? 0 : a % b;
};
const bigMod: BigOp = (a, b) => {
  if (b === 0n) throw divisionByZero();
  return a % b;
};

function negate(value: Value, type: SqlType): Value {
  switch (type.id) {
    case 'int2': case 'int4': return checkSmallInt(-(value as number), type.id);
    case 'int8': return checkInt8(-(value as bigint));
    // The display scale stays: -(463.75000) is -463.75000.
    case 'numeric': return withScale((value as Decimal).negated(), scaleOf(value as Decimal));
    default: return -(value as number);
  }
}

/** float8 ^ float8 / power(float8, float8), with PostgreSQL's dpow errors (2201F). */
export function floatPower(a: number, b: number): number {
  // POSIX: NaN ^ 0 = 1 and 1 ^ NaN = 1 (JavaScript's ** gives NaN for 1 ** NaN and 1 ** ±Infinity).
  if (b === 0 || a === 1) return 1;
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  if (a === 0 && b < 0) {
    throw new SqlError(SQLSTATE.InvalidArgumentForPowerFunction, 'zero raised to a negative power is undefined');
  }
  if (a < 0 && Number.isFinite(b) && !Number.isInteger(b)) {
    throw new SqlError(SQLSTATE.InvalidArgumentForPowerFunction, 'a negative number raised to a non-integer power yields a complex result');
  }
  // (-1) ** ±Infinity is NaN in JavaScript, 1 under POSIX pow.
  if (a === -1 && !Number.isFinite(b)) return 1;
  const result = a ** b;
  if (result === 0 && Number.isFinite(a) && Number.isFinite(b) && a !== 0) {
    throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'value out of range: underflow');
  }
  return floatResult(result, a, b, 'float8');
}

/** The arithmetic operator families, registered under their symbols. */
export const arithmeticOperators: readonly ScalarFunction[] = [
  { name: '+', overloads: family((a, b) => a + b, (a, b) => a + b, numericAdd) },
  { name: '-', overloads: [
    ...family((a, b) => a - b, (a, b) => a - b, numericSub),
    ...[T.int2, T.int4, T.int8, T.numeric, T.float4, T.float8].map((type) =>
      scalar([type], type, ([a]) => negate(a!, type))),
  ] },
  { name: '*', overloads: family((a, b) => a * b, (a, b) => a * b, numericMul) },
  { name: '/', overloads: family(intDiv, bigDiv, numericDiv, floatDiv) },
  { name: '%', overloads: family(intMod, bigMod, numericMod, intMod).filter((o) => o.args[0] !== T.float4 && o.args[0] !== T.float8) },
  { name: '^', overloads: [
    scalar([T.float8, T.float8], T.float8, ([a, b]) => floatPower(a as number, b as number)),
    scalar([T.numeric, T.numeric], T.numeric, ([a, b]) => numericPower(a as Decimal, b as Decimal)),
  ] },
  { name: '+', overloads: [T.int2, T.int4, T.int8, T.numeric, T.float4, T.float8].map((type) =>
    scalar([type], type, ([a]) => a!)) },
];
