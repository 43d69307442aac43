/**
 * Reading arrays through subscripts (PostgreSQL's array_get_element / array_get_slice): `a[i][j]`
 * with one subscript per dimension, and slices `a[l:u][…]`. The binder calls these for anything
 * but the plain `a[i]` (compile-expr's `Subscript`, which shares `elementAt`). Subscripts are
 * already int4; an omitted slice bound arrives as ±Infinity and clamps to the array's own bound.
 */
import { shapeOf, withShape } from '../../types/array-shape.js';
import { elementTypeOf, T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { arrayItems } from '../array-values.js';
import type { ScalarOverload } from '../function-types.js';

/** The element at `subscripts` (one per dimension), or NULL when any is out of range. */
export function elementAt(array: Value, subscripts: readonly number[]): Value {
  const shape = shapeOf(array);
  if (subscripts.length !== shape.dims.length) return null;
  let offset = 0;
  for (let d = 0; d < subscripts.length; d++) {
    const k = subscripts[d]! - shape.lbounds[d]!;
    if (k < 0 || k >= shape.dims[d]!) return null;
    offset = offset * shape.dims[d]! + k;
  }
  return (array as ArrayLike<Value>)[offset] ?? null;
}

/**
 * The slice between `lowers` and `uppers` (one pair per given dimension; later dimensions are
 * taken whole), renumbered from 1. Bounds past the array's are clamped; an empty range, or
 * more subscripts than dimensions, gives the empty array.
 */
export function sliceOf(array: Value, lowers: readonly number[], uppers: readonly number[]): Value[] {
  const shape = shapeOf(array);
  const ndim = shape.dims.length;
  if (ndim === 0 || lowers.length > ndim) return [];
  const from: number[] = [];
  const lengths: number[] = [];
  for (let d = 0; d < ndim; d++) {
    const lb = shape.lbounds[d]!;
    const ub = lb + shape.dims[d]! - 1;
    const lo = d < lowers.length ? Math.max(lowers[d]!, lb) : lb;
    const hi = d < uppers.length ? Math.min(uppers[d]!, ub) : ub;
    if (lo > hi) return [];
    from.push(lo - lb);
    lengths.push(hi - lo + 1);
  }
  const items = arrayItems(array);
  const out: Value[] = [];
  // Walk the result's positions in row-major order with an odometer over the dimensions.
  const at = new Array<number>(ndim).fill(0);
  for (;;) {
    let offset = 0;
    for (let d = 0; d < ndim; d++) offset = offset * shape.dims[d]! + from[d]! + at[d]!;
    out.push(items[offset] ?? null);
    let d = ndim - 1;
    while (d >= 0 && ++at[d]! === lengths[d]) at[d--] = 0;
    if (d < 0) break;
  }
  return withShape(out, { dims: lengths, lbounds: lengths.map(() => 1) });
}

/** `a[i][j]…`: (array, int4 subscripts…) → element. */
export const arrayElementFetch: ScalarOverload = {
  args: ['anyarray', T.int4],
  variadic: T.int4,
  returns: (types) => elementTypeOf(types[0]!),
  volatility: 'immutable',
  strict: true,
  call: ([array, ...subscripts]) => elementAt(array!, subscripts as number[]),
};

/** `a[l:u]…`: (array, lower, upper, lower, upper…) → array. */
export const arraySliceFetch: ScalarOverload = {
  args: ['anyarray', T.int4, T.int4],
  variadic: T.int4,
  returns: (types) => types[0]!,
  volatility: 'immutable',
  strict: true,
  call: ([array, ...bounds]) => {
    const lowers = bounds.filter((_, k) => k % 2 === 0) as number[];
    const uppers = bounds.filter((_, k) => k % 2 === 1) as number[];
    return sliceOf(array!, lowers, uppers);
  },
};
