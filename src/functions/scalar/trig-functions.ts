/**
 * Trigonometric functions on double precision: sin, cos, tan, cot, asin, acos, atan, atan2 and
 * the hyperbolic sinh, cosh, tanh. asin/acos outside [-1, 1] raise 22003 as PostgreSQL does.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const num = (v: Value): number => v as number;

function unitDomain(f: (x: number) => number): (x: number) => number {
  return (x) => {
    if (x < -1 || x > 1) throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'input is out of range');
    return f(x);
  };
}

const unary: readonly [string, (x: number) => number][] = [
  ['sin', Math.sin], ['cos', Math.cos], ['tan', Math.tan], ['cot', (x) => 1 / Math.tan(x)],
  ['asin', unitDomain(Math.asin)], ['acos', unitDomain(Math.acos)], ['atan', Math.atan],
  ['sinh', Math.sinh], ['cosh', Math.cosh], ['tanh', Math.tanh],
];

export const trigFunctions: readonly ScalarFunction[] = [
  ...unary.map(([name, f]) => ({ name, overloads: [scalar([T.float8], T.float8, ([a]) => f(num(a)))] })),
  { name: 'atan2', overloads: [scalar([T.float8, T.float8], T.float8, ([y, x]) => Math.atan2(num(y), num(x)))] },
];
