/**
 * array_cat / `||` and array_append / array_prepend as PostgreSQL 15 does them over any shape:
 * arrays of equal dimensions join along the first one; an array one dimension short joins as
 * one more slice of the other; the other dimensions (lengths and lower bounds) must agree
 * (2202E "cannot concatenate incompatible arrays"). The result keeps the left operand's lower
 * bounds, or the larger operand's when the left one is the short one. Appending an element
 * keeps a 1-d array's lower bound; a multidimensional one is 22000.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { explicitShape, shapeOf, withShape } from '../../types/array-shape.js';
import type { SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { arrayItems, makeArray } from '../array-values.js';
import { checkArraySize } from '../value-limits.js';

function incompatible(detail: string): SqlError {
  return new SqlError(SQLSTATE.ArraySubscriptError, 'cannot concatenate incompatible arrays', { detail });
}

/** `a || b` for two non-NULL arrays of element type `type`. */
export function concatArrays(a: Value, b: Value, type: SqlType): Value {
  const sa = shapeOf(a);
  const sb = shapeOf(b);
  if (sb.dims.length === 0) return a;
  if (sa.dims.length === 0) return b;
  const items = [...arrayItems(a), ...arrayItems(b)];
  checkArraySize(items.length);
  if (explicitShape(a) === undefined && explicitShape(b) === undefined) return makeArray(items, type);
  const na = sa.dims.length;
  const nb = sb.dims.length;
  if (Math.abs(na - nb) > 1) {
    throw incompatible(`Arrays of ${na} and ${nb} dimensions are not compatible for concatenation.`);
  }
  const big = na >= nb ? sa : sb;
  const small = na >= nb ? sb : sa;
  const skip = na === nb ? 1 : 0;
  for (let d = 1; d < big.dims.length; d++) {
    if (big.dims[d] !== small.dims[d - 1 + skip] || big.lbounds[d] !== small.lbounds[d - 1 + skip]) {
      throw incompatible('Arrays with differing dimensions are not compatible for concatenation.');
    }
  }
  const first = na === nb ? sa.dims[0]! + sb.dims[0]! : big.dims[0]! + 1;
  const lbounds = na >= nb ? sa.lbounds : sb.lbounds;
  return withShape(items, { dims: [first, ...big.dims.slice(1)], lbounds: [...lbounds] });
}

/** array_append (`atEnd`) / array_prepend of `element` to a possibly NULL array. */
export function addElement(array: Value, element: Value, type: SqlType, atEnd: boolean): Value {
  if (array === null) return makeArray([element], type);
  const shape = explicitShape(array);
  const items = atEnd ? [...arrayItems(array), element] : [element, ...arrayItems(array)];
  checkArraySize(items.length);
  if (shape === undefined) return makeArray(items, type);
  if (shape.dims.length !== 1) throw new SqlError(SQLSTATE.DataException, 'argument must be empty or one-dimensional array');
  return withShape(items, { dims: [items.length], lbounds: shape.lbounds });
}

/**
 * The lower bound of a one-dimensional (or empty) array, for functions that report or keep
 * subscripts; a multidimensional one is PostgreSQL's 0A000 "<what> multidimensional arrays is
 * not supported" (`what`: "searching for elements in", "removing elements from").
 */
export function oneDimLowerBound(array: Value, what: string): number {
  const shape = explicitShape(array);
  if (shape === undefined) return 1;
  if (shape.dims.length > 1) throw new SqlError(SQLSTATE.FeatureNotSupported, `${what} multidimensional arrays is not supported`);
  return shape.lbounds[0]!;
}
