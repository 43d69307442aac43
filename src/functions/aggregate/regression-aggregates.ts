/**
 * The two-argument statistics of PostgreSQL 15 — corr, covar_pop/samp and regr_count, sxx, syy,
 * sxy, avgx, avgy, r2, slope, intercept, all `f(Y, X)` over float8 — plus the state functions
 * float8_regr_accum / float8_regr_combine that expose their transition state. The state is
 * float8_regr_accum's six sums {N, Sx, Sxx, Sy, Syy, Sxy}, updated with the Youngs–Cramer step
 * written as float.c writes it (scale = 1 / (N · N_old)), so the last digits match PostgreSQL.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { arrayTypeOf, T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { arrayItems } from '../array-values.js';
import type { AggregateFunction, ScalarFunction } from '../function-types.js';
import { aggregate, scalar } from '../overload-builders.js';

/** {N, Sx, Sxx, Sy, Syy, Sxy}. */
type RegrState = [number, number, number, number, number, number];

/** float8_regr_accum: adds the pair (y, x) to the sums. */
function accumulate(s: RegrState, y: number, x: number): RegrState {
  const [oldN, oldSx, oldSxx, oldSy, oldSyy, oldSxy] = s;
  const n = oldN + 1;
  const sx = oldSx + x;
  const sy = oldSy + y;
  let [sxx, syy, sxy] = [oldSxx, oldSyy, oldSxy];
  if (oldN > 0) {
    const tmpX = x * n - sx;
    const tmpY = y * n - sy;
    const scale = 1 / (n * oldN);
    sxx += tmpX * tmpX * scale;
    syy += tmpY * tmpY * scale;
    sxy += tmpX * tmpY * scale;
  } else {
    // A first input that is NaN or infinite makes the dependent sums NaN, as in PostgreSQL.
    if (!Number.isFinite(x)) sxx = sxy = NaN;
    if (!Number.isFinite(y)) syy = sxy = NaN;
  }
  return [n, sx, sxx, sy, syy, sxy];
}

/** float8_regr_combine: the sums of two disjoint sets of pairs. */
function combine(a: RegrState, b: RegrState): RegrState {
  const [n1, sx1, sxx1, sy1, syy1, sxy1] = a;
  const [n2, sx2, sxx2, sy2, syy2, sxy2] = b;
  if (n1 === 0) return b;
  if (n2 === 0) return a;
  const n = n1 + n2;
  const tmp1 = sx1 / n1 - sx2 / n2;
  const tmp2 = sy1 / n1 - sy2 / n2;
  return [n, sx1 + sx2, sxx1 + sxx2 + (n1 * n2 * tmp1 * tmp1) / n, sy1 + sy2,
    syy1 + syy2 + (n1 * n2 * tmp2 * tmp2) / n, sxy1 + sxy2 + (n1 * n2 * tmp1 * tmp2) / n];
}

function stateOf(v: Value, fn: string): RegrState {
  const items = arrayItems(v);
  if (items.length !== 6 || items.some((i) => i === null)) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `${fn}: expected 6-element float8 array`);
  }
  return items.map(Number) as RegrState;
}

/** Each final function: NULL below its minimum N (and where PostgreSQL's answer is NULL). */
const FINALS: readonly (readonly [string, (s: RegrState) => Value])[] = [
  ['regr_count', ([n]) => BigInt(n)],
  ['regr_sxx', ([n, , sxx]) => (n < 1 ? null : sxx)],
  ['regr_syy', ([n, , , , syy]) => (n < 1 ? null : syy)],
  ['regr_sxy', ([n, , , , , sxy]) => (n < 1 ? null : sxy)],
  ['regr_avgx', ([n, sx]) => (n < 1 ? null : sx / n)],
  ['regr_avgy', ([n, , , sy]) => (n < 1 ? null : sy / n)],
  ['covar_pop', ([n, , , , , sxy]) => (n < 1 ? null : sxy / n)],
  ['covar_samp', ([n, , , , , sxy]) => (n < 2 ? null : sxy / (n - 1))],
  ['corr', ([n, , sxx, , syy, sxy]) => (n < 1 || sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy))],
  ['regr_r2', ([n, , sxx, , syy, sxy]) => (n < 1 || sxx === 0 ? null : syy === 0 ? 1 : (sxy * sxy) / (sxx * syy))],
  ['regr_slope', ([n, , sxx, , , sxy]) => (n < 1 || sxx === 0 ? null : sxy / sxx)],
  ['regr_intercept', ([n, sx, sxx, sy, , sxy]) => (n < 1 || sxx === 0 ? null : (sy - (sx * sxy) / sxx) / n)],
];

export const regressionAggregates: readonly AggregateFunction[] = FINALS.map(([name, final]) => ({
  name,
  overloads: [aggregate([T.float8, T.float8], name === 'regr_count' ? T.int8 : T.float8, () => {
    let state: RegrState = [0, 0, 0, 0, 0, 0];
    return {
      add: ([y, x]) => { state = accumulate(state, y as number, x as number); },
      // regr_count of no rows is 0 (its state starts at N = 0, and count finals are not NULL).
      result: () => final(state),
    };
  })],
}));

const FLOAT8_ARRAY = arrayTypeOf(T.float8);

export const regressionStateFunctions: readonly ScalarFunction[] = [
  {
    name: 'float8_regr_accum', overloads: [scalar([FLOAT8_ARRAY, T.float8, T.float8], FLOAT8_ARRAY,
      ([s, y, x]) => accumulate(stateOf(s!, 'float8_regr_accum'), y as number, x as number))],
  },
  {
    name: 'float8_regr_combine', overloads: [scalar([FLOAT8_ARRAY, FLOAT8_ARRAY], FLOAT8_ARRAY,
      ([a, b]) => combine(stateOf(a!, 'float8_regr_combine'), stateOf(b!, 'float8_regr_combine')))],
  },
];
