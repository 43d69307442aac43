/**
 * ARRAY[…] over arrays (`ARRAY[ARRAY[1,2], ARRAY[3,4]]`, `ARRAY[[1,2],[3,4]]`): one more
 * dimension in front of the sub-arrays', which must all have the same dimensions and lower
 * bounds (2202E otherwise, as PostgreSQL's ExecEvalArrayExpr). NULL and empty sub-arrays are
 * allowed only when every sub-array is: the result is then the empty array.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { MAX_ARRAY_DIMS, sameShape, shapeOf, tooManyDims, withShape, type ArrayShape } from '../../types/array-shape.js';
import type { Value } from '../../types/value.js';
import { arrayItems } from '../array-values.js';
import { checkArraySize } from '../value-limits.js';

function mismatch(): SqlError {
  return new SqlError(SQLSTATE.ArraySubscriptError, 'multidimensional arrays must have array expressions with matching dimensions');
}

/** The array whose first dimension runs over `subArrays`. */
export function buildNestedArray(subArrays: readonly Value[]): Value {
  let inner: ArrayShape | undefined;
  let sawEmpty = false;
  const items: Value[] = [];
  for (const sub of subArrays) {
    const shape = sub === null ? undefined : shapeOf(sub);
    if (shape === undefined || shape.dims.length === 0) { sawEmpty = true; continue; }
    if (inner === undefined) {
      if (shape.dims.length + 1 > MAX_ARRAY_DIMS) throw tooManyDims(shape.dims.length + 1);
      inner = shape;
    } else if (!sameShape(inner, shape)) throw mismatch();
    for (const item of arrayItems(sub!)) items.push(item);
    checkArraySize(items.length);
  }
  if (inner === undefined) return [];
  if (sawEmpty) throw mismatch();
  return withShape(items, { dims: [subArrays.length, ...inner.dims], lbounds: [1, ...inner.lbounds] });
}

/**
 * array_agg over arrays (PostgreSQL's accumArrayResultArr): each input must be a non-NULL,
 * non-empty array of the first one's dimensions and lower bounds.
 */
export class NestedArrayBuilder {
  private inner: ArrayShape | undefined;
  private count = 0;
  private readonly items: Value[] = [];

  add(sub: Value): void {
    if (sub === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, 'cannot accumulate null arrays');
    const shape = shapeOf(sub);
    if (shape.dims.length === 0) {
      throw new SqlError(SQLSTATE.ArraySubscriptError,
        this.inner === undefined ? 'cannot accumulate empty arrays' : 'cannot accumulate arrays of different dimensionality');
    }
    if (this.inner === undefined) {
      if (shape.dims.length + 1 > MAX_ARRAY_DIMS) throw tooManyDims(shape.dims.length + 1);
      this.inner = shape;
    } else if (!sameShape(this.inner, shape)) {
      throw new SqlError(SQLSTATE.ArraySubscriptError, 'cannot accumulate arrays of different dimensionality');
    }
    for (const item of arrayItems(sub)) this.items.push(item);
    checkArraySize(this.items.length);
    this.count++;
  }

  /** The stacked array, or NULL when nothing was added. */
  result(): Value {
    if (this.inner === undefined) return null;
    return withShape([...this.items], { dims: [this.count, ...this.inner.dims], lbounds: [1, ...this.inner.lbounds] });
  }
}
