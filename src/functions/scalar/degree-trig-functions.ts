/**
 * Trigonometry in degrees (sind, cosd, tand, cotd, asind, acosd, atand, atan2d), the inverse
 * hyperbolic functions, and the |/ (square root) and ||/ (cube root) prefix operators.
 * The degree functions reduce the angle to the first quadrant and scale by the exact values at
 * 30°, 45° and 60°, as PostgreSQL's float.c does, so sind(30) is exactly 0.5 and cosd(90) is 0.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const RADIANS_PER_DEGREE = Math.PI / 180;
const SIN_30 = Math.sin(30 * RADIANS_PER_DEGREE);
const ONE_MINUS_COS_60 = 1 - Math.cos(60 * RADIANS_PER_DEGREE);
const ASIN_0_5 = Math.asin(0.5);
const ACOS_0_5 = Math.acos(0.5);
const ATAN_1_0 = Math.atan(1);

const num = (v: Value): number => v as number;

function outOfRange(): SqlError {
  return new SqlError(SQLSTATE.NumericValueOutOfRange, 'input is out of range');
}

const sind0To30 = (x: number): number => Math.sin(x * RADIANS_PER_DEGREE) / SIN_30 / 2;
const cosd0To60 = (x: number): number => 1 - (1 - Math.cos(x * RADIANS_PER_DEGREE)) / ONE_MINUS_COS_60 / 2;
const sindQ1 = (x: number): number => (x <= 30 ? sind0To30(x) : cosd0To60(90 - x));
const cosdQ1 = (x: number): number => (x <= 60 ? cosd0To60(x) : sind0To30(90 - x));
const TAN_45 = sindQ1(45) / cosdQ1(45);
const COT_45 = cosdQ1(45) / sindQ1(45);

/** Angle folded into [0, 90] with the signs sin/cos/tan pick up on the way. */
function firstQuadrant(degrees: number): { angle: number; sinSign: number; cosSign: number } {
  if (!Number.isFinite(degrees)) throw outOfRange();
  let angle = degrees % 360;
  let sinSign = 1;
  let cosSign = 1;
  if (angle < 0) { angle = -angle; sinSign = -sinSign; }
  if (angle > 180) { angle = 360 - angle; sinSign = -sinSign; }
  if (angle > 90) { angle = 180 - angle; cosSign = -cosSign; }
  return { angle, sinSign, cosSign };
}

function degreeFn(f: (x: number) => number): (x: number) => number {
  return (x) => (Number.isNaN(x) ? NaN : f(x));
}

const sind = degreeFn((x) => { const q = firstQuadrant(x); return q.sinSign * sindQ1(q.angle); });
const cosd = degreeFn((x) => { const q = firstQuadrant(x); return q.cosSign * cosdQ1(q.angle); });
// tand(180) may come out as -0; PostgreSQL prints plain 0 (`+ 0` turns -0 into 0).
const tand = degreeFn((x) => {
  const q = firstQuadrant(x);
  return (q.sinSign * q.cosSign * (sindQ1(q.angle) / cosdQ1(q.angle))) / TAN_45 + 0;
});
const cotd = degreeFn((x) => {
  const q = firstQuadrant(x);
  return (q.sinSign * q.cosSign * (cosdQ1(q.angle) / sindQ1(q.angle))) / COT_45 + 0;
});

const asindQ1 = (x: number): number => (x <= 0.5 ? (Math.asin(x) / ASIN_0_5) * 30 : 90 - (Math.acos(x) / ACOS_0_5) * 60);
const acosdQ1 = (x: number): number => (x <= 0.5 ? 90 - (Math.asin(x) / ASIN_0_5) * 30 : (Math.acos(x) / ACOS_0_5) * 60);

function unit(f: (x: number) => number): (x: number) => number {
  return degreeFn((x) => {
    if (x < -1 || x > 1) throw outOfRange();
    return f(x);
  });
}

const asind = unit((x) => (x >= 0 ? asindQ1(x) : -asindQ1(-x)));
const acosd = unit((x) => (x >= 0 ? acosdQ1(x) : 90 + asindQ1(-x)));

function acosh(x: number): number {
  if (x < 1) throw outOfRange();
  return Math.acosh(x);
}

function atanh(x: number): number {
  if (x < -1 || x > 1) throw outOfRange();
  return Math.atanh(x);
}

function squareRoot(x: number): number {
  if (x < 0) throw new SqlError(SQLSTATE.InvalidArgumentForPowerFunction, 'cannot take square root of a negative number');
  return Math.sqrt(x);
}

const unary: readonly [string, (x: number) => number][] = [
  ['sind', sind], ['cosd', cosd], ['tand', tand], ['cotd', cotd], ['asind', asind], ['acosd', acosd],
  ['atand', degreeFn((x) => (Math.atan(x) / ATAN_1_0) * 45)],
  ['asinh', Math.asinh], ['acosh', acosh], ['atanh', atanh], ['|/', squareRoot], ['||/', Math.cbrt],
];

export const degreeTrigFunctions: readonly ScalarFunction[] = [
  ...unary.map(([name, f]) => ({ name, overloads: [scalar([T.float8], T.float8, ([a]) => f(num(a)))] })),
  { name: 'atan2d', overloads: [scalar([T.float8, T.float8], T.float8,
    ([y, x]) => (Math.atan2(num(y), num(x)) / ATAN_1_0) * 45)] },
];
