/**
 * The dimensions and lower bounds of an array value. An array is always its elements in one
 * flat list, row-major (PostgreSQL's own storage order); a one-dimensional array starting at 1
 * — nearly every array, embeddings included — carries nothing more. Any other shape
 * (`{{1,2},{3,4}}`, `[0:1]={7,8}`) rides on the list as a hidden, non-enumerable property, so
 * code that only walks the elements (unnest, array_to_string, = ANY) keeps working unchanged.
 *
 * @example
 *   const m = withShape([1, 2, 3, 4], { dims: [2, 2], lbounds: [1, 1] });
 *   shapeOf(m)        // { dims: [2, 2], lbounds: [1, 1] }
 *   shapeOf([5, 6])   // { dims: [2], lbounds: [1] }
 *   shapeOf([])       // { dims: [], lbounds: [] }
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Value } from './value.js';

/** Per dimension, its length and its first subscript. Zero dimensions: the empty array. */
export interface ArrayShape {
  readonly dims: readonly number[];
  readonly lbounds: readonly number[];
}

/** PostgreSQL's MAXDIM. */
export const MAX_ARRAY_DIMS = 6;

const SHAPE = Symbol('array shape');
const EMPTY: ArrayShape = { dims: [], lbounds: [] };

/** The shape attached to an array, if it is not one-dimensional from 1. */
export function explicitShape(value: Value): ArrayShape | undefined {
  return (value as { [SHAPE]?: ArrayShape })[SHAPE];
}

/** The shape of any array value (a plain list is one-dimensional from 1, or empty). */
export function shapeOf(value: Value): ArrayShape {
  const shape = explicitShape(value);
  if (shape) return shape;
  const length = (value as ArrayLike<Value>).length;
  return length === 0 ? EMPTY : { dims: [length], lbounds: [1] };
}

/** True when `shape` needs no annotation: empty, or one dimension starting at 1. */
export function isPlainShape(shape: ArrayShape): boolean {
  return shape.dims.length === 0 || (shape.dims.length === 1 && shape.lbounds[0] === 1);
}

/** The element count a shape describes. */
export function shapeSize(shape: ArrayShape): number {
  return shape.dims.length === 0 ? 0 : shape.dims.reduce((a, b) => a * b, 1);
}

/**
 * `items` as an array of `shape` (the caller guarantees items.length = shapeSize). Plain shapes
 * return the list as it is; any dimension of length 0 makes the empty array.
 */
export function withShape<T extends Value[]>(items: T, shape: ArrayShape): T {
  if (isPlainShape(shape)) return items;
  if (items.length === 0) return items;
  Object.defineProperty(items, SHAPE, { value: shape, enumerable: false });
  return items;
}

/** 54000 as PostgreSQL raises it past MAXDIM. */
export function tooManyDims(ndim: number): SqlError {
  return new SqlError(SQLSTATE.ProgramLimitExceeded,
    `number of array dimensions (${ndim}) exceeds the maximum allowed (${MAX_ARRAY_DIMS})`);
}

/** Equal dimensions and lower bounds. */
export function sameShape(a: ArrayShape, b: ArrayShape): boolean {
  if (a.dims.length !== b.dims.length) return false;
  for (let i = 0; i < a.dims.length; i++) {
    if (a.dims[i] !== b.dims[i] || a.lbounds[i] !== b.lbounds[i]) return false;
  }
  return true;
}

/** array_dims' text: `[1:2][0:3]`; null for the empty array. */
export function formatDims(shape: ArrayShape): string | null {
  if (shape.dims.length === 0) return null;
  return shape.dims.map((d, i) => `[${shape.lbounds[i]}:${shape.lbounds[i]! + d - 1}]`).join('');
}

/** The (length, lower bound) of dimension `dim` (1-based), or undefined when the shape has none. */
export function dimensionOf(shape: ArrayShape, dim: number): { length: number; lower: number } | undefined {
  const d = dim - 1;
  if (d < 0 || d >= shape.dims.length) return undefined;
  return { length: shape.dims[d]!, lower: shape.lbounds[d]! };
}
