/**
 * Assigning into arrays (`SET a[i][j] = v`, `SET a[l:u] = arr`, `INSERT INTO t (a[i]) …`), as
 * PostgreSQL's array_set_element / array_set_slice: a NULL or empty array becomes a new one whose
 * lower bounds are the subscripts; a one-dimensional array grows in either direction, NULL-
 * filled (`SET a[0] = v` on `{1,2}` gives `[0:2]={v,1,2}`); a multidimensional one only takes
 * subscripts inside its bounds. Subscripts are int4; an omitted slice bound arrives as ±Infinity.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { isPlainShape, shapeOf, withShape, type ArrayShape } from '../../types/array-shape.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { arrayItems, makeArray } from '../array-values.js';
import type { ScalarOverload } from '../function-types.js';
import { checkArraySize } from '../value-limits.js';

const INT4_MAX = 2147483647;

function subscriptError(message: string, detail?: string): SqlError {
  return new SqlError(SQLSTATE.ArraySubscriptError, message, detail === undefined ? undefined : { detail });
}

function nullSubscript(): SqlError {
  return new SqlError(SQLSTATE.NullValueNotAllowed, 'array subscript in assignment must not be null');
}

/** The array value for `items` of `shape` (a plain 1-d real[] stays a Float32Array). */
function result(items: Value[], shape: ArrayShape, type: SqlType): Value {
  return isPlainShape(shape) ? makeArray(items, type) : withShape(items, shape);
}

/** Row-major offset of `at` (0-based per dimension) in `dims`. */
function offsetOf(at: readonly number[], dims: readonly number[]): number {
  let offset = 0;
  for (let d = 0; d < dims.length; d++) offset = offset * dims[d]! + at[d]!;
  return offset;
}

/** One dimension grown to cover [lo, hi]: the new items (NULL-filled) and shape. */
function grow1d(items: readonly Value[], lb: number, lo: number, hi: number): { items: Value[]; lb: number } {
  const newLb = Math.min(lb, lo);
  const newUb = Math.max(lb + items.length - 1, hi);
  if (newUb - newLb + 1 > INT4_MAX || newUb > INT4_MAX) {
    throw new SqlError(SQLSTATE.ProgramLimitExceeded, 'array size exceeds the maximum allowed (134217727)');
  }
  checkArraySize(newUb - newLb + 1);
  const out = new Array<Value>(newUb - newLb + 1).fill(null);
  for (let k = 0; k < items.length; k++) out[lb - newLb + k] = items[k]!;
  return { items: out, lb: newLb };
}

/** `array` with the element at `subscripts` set to `value`. */
export function setElement(array: Value, subscripts: readonly Value[], value: Value, type: SqlType): Value {
  if (subscripts.some((s) => s === null)) throw nullSubscript();
  const subs = subscripts as number[];
  const shape = array === null ? undefined : shapeOf(array);
  if (shape === undefined || shape.dims.length === 0) {
    return result([value], { dims: subs.map(() => 1), lbounds: subs }, type);
  }
  if (shape.dims.length !== subs.length) throw subscriptError('wrong number of array subscripts');
  const items = [...arrayItems(array!)];
  if (subs.length === 1) {
    const grown = grow1d(items, shape.lbounds[0]!, subs[0]!, subs[0]!);
    grown.items[subs[0]! - grown.lb] = value;
    return result(grown.items, { dims: [grown.items.length], lbounds: [grown.lb] }, type);
  }
  const at = subs.map((s, d) => s - shape.lbounds[d]!);
  if (at.some((k, d) => k < 0 || k >= shape.dims[d]!)) throw subscriptError('array subscript out of range');
  items[offsetOf(at, shape.dims)] = value;
  return result(items, shape, type);
}

/** `array` with the slice between `lowers` and `uppers` replaced by `source`'s first elements. */
export function setSlice(array: Value, lowers: readonly Value[], uppers: readonly Value[], source: Value, type: SqlType): Value {
  if (lowers.some((s) => s === null) || uppers.some((s) => s === null)) throw nullSubscript();
  // PostgreSQL leaves the array as it was when the replacement is NULL.
  if (source === null) return array;
  const los = lowers as number[];
  const his = uppers as number[];
  const sourceItems = arrayItems(source);
  const shape = array === null ? undefined : shapeOf(array);
  if (shape === undefined || shape.dims.length === 0) {
    if (los.some((l) => !Number.isFinite(l)) || his.some((u) => !Number.isFinite(u))) {
      throw subscriptError('array slice subscript must provide both boundaries',
        'When assigning to a slice of an empty array value, slice boundaries must be fully specified.');
    }
    if (los.some((l, d) => his[d]! < l)) throw subscriptError('upper bound cannot be less than lower bound');
    const dims = los.map((l, d) => his[d]! - l + 1);
    const count = dims.reduce((a, b) => a * b, 1);
    checkArraySize(count);
    if (sourceItems.length < count) throw subscriptError('source array too small');
    return result(sourceItems.slice(0, count), { dims, lbounds: los }, type);
  }
  if (shape.dims.length < los.length) throw subscriptError('wrong number of array subscripts');
  const ndim = shape.dims.length;
  const lo = shape.lbounds.map((lb, d) => (d < los.length && Number.isFinite(los[d]!) ? los[d]! : lb));
  const hi = shape.lbounds.map((lb, d) => (d < his.length && Number.isFinite(his[d]!) ? his[d]! : lb + shape.dims[d]! - 1));
  if (lo.some((l, d) => hi[d]! < l)) throw subscriptError('upper bound cannot be less than lower bound');
  if (ndim === 1) {
    const grown = grow1d(arrayItems(array!), shape.lbounds[0]!, lo[0]!, hi[0]!);
    const count = hi[0]! - lo[0]! + 1;
    if (sourceItems.length < count) throw subscriptError('source array too small');
    for (let k = 0; k < count; k++) grown.items[lo[0]! - grown.lb + k] = sourceItems[k]!;
    return result(grown.items, { dims: [grown.items.length], lbounds: [grown.lb] }, type);
  }
  const start = lo.map((l, d) => l - shape.lbounds[d]!);
  const lengths = lo.map((l, d) => hi[d]! - l + 1);
  if (start.some((k, d) => k < 0 || k + lengths[d]! > shape.dims[d]!)) throw subscriptError('array subscript out of range');
  const count = lengths.reduce((a, b) => a * b, 1);
  if (sourceItems.length < count) throw subscriptError('source array too small');
  const items = [...arrayItems(array!)];
  const at = new Array<number>(ndim).fill(0);
  for (let k = 0; k < count; k++) {
    items[offsetOf(at.map((a, d) => a + start[d]!), shape.dims)] = sourceItems[k]!;
    let d = ndim - 1;
    while (d >= 0 && ++at[d]! === lengths[d]) at[d--] = 0;
  }
  return result(items, shape, type);
}

/** (array, element, int4 subscripts…) → array; not strict: a NULL array or element is valid. */
export const arrayAssignElement: ScalarOverload = {
  args: ['anyarray', 'anyelement', T.int4],
  variadic: T.int4,
  returns: (types: readonly SqlType[]) => types[0]!,
  volatility: 'immutable',
  strict: false,
  call: ([array, value, ...subscripts], _ctx, types) => setElement(array!, subscripts, value ?? null, types[1]!),
};

/** (array, source array, lower, upper, lower, upper…) → array; not strict. */
export const arrayAssignSlice: ScalarOverload = {
  args: ['anyarray', 'anyarray', T.int4, T.int4],
  variadic: T.int4,
  returns: (types: readonly SqlType[]) => types[0]!,
  volatility: 'immutable',
  strict: false,
  call: ([array, source, ...bounds], _ctx, types) => setSlice(array!, bounds.filter((_, k) => k % 2 === 0),
    bounds.filter((_, k) => k % 2 === 1), source ?? null, types[1]!),
};
