/**
 * Mathematical functions: abs, round/trunc (with digits), ceil/floor, sqrt, cbrt, power,
 * exp, ln, log, mod, div, sign, pi, degrees/radians, random. float8 round() is C's rint
 * (half to even) as in PostgreSQL; numeric round() is half away from zero.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { scaleOf, withScale } from '../../types/numeric-codec.js';
import type { ScalarFunction } from '../function-types.js';
import { checkInt8, checkSmallInt, roundHalfEven } from '../numeric-limits.js';
import { numericIntDiv, numericRound } from '../numeric-math.js';
import { numericExp, numericLn, numericLog, numericPower, numericSqrt } from '../numeric-transcendental.js';
import { arithmeticOperators, floatPower } from '../operators/arithmetic-operators.js';
import { scalar } from '../overload-builders.js';

const num = (v: Value): number => v as number;
const dec = (v: Value): Decimal => v as Decimal;

function checkLog(x: number | Decimal): void {
  const value = typeof x === 'number' ? x : x.toNumber();
  if (value === 0) throw new SqlError(SQLSTATE.InvalidArgumentForLogarithm, 'cannot take logarithm of zero');
  if (value < 0) throw new SqlError(SQLSTATE.InvalidArgumentForLogarithm, 'cannot take logarithm of a negative number');
}

function checkSqrt(x: number): number {
  if (x < 0) throw new SqlError(SQLSTATE.InvalidArgumentForPowerFunction, 'cannot take square root of a negative number');
  return Math.sqrt(x);
}

/** exp(float8): 22003 when a finite argument overflows or underflows to zero, as dexp does. */
function floatExp(x: number): number {
  const result = Math.exp(x);
  if (!Number.isFinite(x)) return result;
  if (!Number.isFinite(result)) throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'value out of range: overflow');
  if (result === 0) throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'value out of range: underflow');
  return result;
}

const absOverloads = [
  scalar([T.int2], T.int2, ([a]) => checkSmallInt(Math.abs(num(a)), 'int2')),
  scalar([T.int4], T.int4, ([a]) => checkSmallInt(Math.abs(num(a)), 'int4')),
  scalar([T.int8], T.int8, ([a]) => checkInt8((a as bigint) < 0n ? -(a as bigint) : (a as bigint))),
  scalar([T.numeric], T.numeric, ([a]) => withScale(dec(a).abs(), scaleOf(dec(a)))),
  scalar([T.float4], T.float4, ([a]) => Math.abs(num(a))),
  scalar([T.float8], T.float8, ([a]) => Math.abs(num(a))),
];

const modOverloads = arithmeticOperators.find((f) => f.name === '%')!.overloads;

export const mathFunctions: readonly ScalarFunction[] = [
  { name: 'abs', overloads: absOverloads },
  // @ x is abs(x).
  { name: '@', overloads: absOverloads },
  { name: 'round', overloads: [
    scalar([T.float8], T.float8, ([a]) => roundHalfEven(num(a))),
    scalar([T.numeric], T.numeric, ([a]) => numericRound(dec(a), 0, 'round')),
    scalar([T.numeric, T.int4], T.numeric, ([a, d]) => numericRound(dec(a), num(d), 'round')),
  ] },
  { name: 'trunc', overloads: [
    scalar([T.float8], T.float8, ([a]) => Math.trunc(num(a))),
    scalar([T.numeric], T.numeric, ([a]) => numericRound(dec(a), 0, 'trunc')),
    scalar([T.numeric, T.int4], T.numeric, ([a, d]) => numericRound(dec(a), num(d), 'trunc')),
  ] },
  ...['ceil', 'ceiling'].map((name) => ({ name, overloads: [
    scalar([T.float8], T.float8, ([a]) => Math.ceil(num(a))),
    scalar([T.numeric], T.numeric, ([a]) => withScale(dec(a).ceil(), 0)),
  ] })),
  { name: 'floor', overloads: [
    scalar([T.float8], T.float8, ([a]) => Math.floor(num(a))),
    scalar([T.numeric], T.numeric, ([a]) => withScale(dec(a).floor(), 0)),
  ] },
  { name: 'sign', overloads: [
    scalar([T.float8], T.float8, ([a]) => Math.sign(num(a))),
    scalar([T.numeric], T.numeric, ([a]) => withScale(new Decimal(dec(a).comparedTo(0)), 0)),
  ] },
  { name: 'sqrt', overloads: [
    scalar([T.float8], T.float8, ([a]) => checkSqrt(num(a))),
    scalar([T.numeric], T.numeric, ([a]) => numericSqrt(dec(a))),
  ] },
  { name: 'cbrt', overloads: [scalar([T.float8], T.float8, ([a]) => Math.cbrt(num(a)))] },
  ...['power', 'pow'].map((name) => ({ name, overloads: [
    scalar([T.float8, T.float8], T.float8, ([a, b]) => floatPower(num(a), num(b))),
    scalar([T.numeric, T.numeric], T.numeric, ([a, b]) => numericPower(dec(a), dec(b))),
  ] })),
  { name: 'exp', overloads: [
    scalar([T.float8], T.float8, ([a]) => floatExp(num(a))),
    scalar([T.numeric], T.numeric, ([a]) => numericExp(dec(a))),
  ] },
  { name: 'ln', overloads: [
    scalar([T.float8], T.float8, ([a]) => { checkLog(num(a)); return Math.log(num(a)); }),
    scalar([T.numeric], T.numeric, ([a]) => numericLn(dec(a))),
  ] },
  ...['log', 'log10'].map((name) => ({ name, overloads: [
    scalar([T.float8], T.float8, ([a]) => { checkLog(num(a)); return Math.log10(num(a)); }),
    scalar([T.numeric], T.numeric, ([a]) => numericLog(new Decimal(10), dec(a))),
    ...(name === 'log' ? [scalar([T.numeric, T.numeric], T.numeric, ([b, x]) => numericLog(dec(b), dec(x)))] : []),
  ] })),
  { name: 'mod', overloads: modOverloads },
  { name: 'div', overloads: [scalar([T.numeric, T.numeric], T.numeric, ([a, b]) => numericIntDiv(dec(a), dec(b)))] },
  { name: 'pi', overloads: [scalar([], T.float8, () => Math.PI)] },
  { name: 'degrees', overloads: [scalar([T.float8], T.float8, ([a]) => (num(a) * 180) / Math.PI)] },
  { name: 'radians', overloads: [scalar([T.float8], T.float8, ([a]) => (num(a) * Math.PI) / 180)] },
  { name: 'random', overloads: [scalar([], T.float8, () => Math.random(), { volatility: 'volatile' })] },
];
