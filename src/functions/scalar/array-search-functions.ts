/**
 * More array functions: array_positions, array_replace, trim_array and array_fill.
 * Arrays are one-dimensional with lower bound 1 here (see types/array-text-codec.ts), so
 * array_fill refuses more than one dimension or another lower bound with 0A000.
 * NULL matches NULL in array_positions / array_replace (IS NOT DISTINCT FROM), as in PostgreSQL.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { sqlType, T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { shapeOf } from '../../types/array-shape.js';
import { arrayItems, makeArray } from '../array-values.js';
import { oneDimLowerBound } from './array-concat.js';
import { valuesEqual } from '../compare.js';
import type { ScalarFunction } from '../function-types.js';
import { argType, arrayOf, scalar } from '../overload-builders.js';

const INT4_ARRAY = sqlType('int4', { array: true });

function notDistinct(item: Value, target: Value): boolean {
  return item === null ? target === null : target !== null && valuesEqual(item, target);
}

function positions(array: Value, target: Value): Value {
  if (array === null) return null;
  const found: number[] = [];
  const lb = oneDimLowerBound(array, 'searching for elements in');
  arrayItems(array).forEach((item, i) => { if (notDistinct(item, target)) found.push(i + lb); });
  return found;
}

function trimArray(array: Value, count: number): Value[] {
  if (shapeOf(array).dims.length > 1) throw new SqlError(SQLSTATE.FeatureNotSupported, 'trim_array of a multidimensional array is not supported');
  const items = arrayItems(array);
  if (count < 0 || count > items.length) {
    throw new SqlError(SQLSTATE.ArraySubscriptError, `number of elements to trim must be between 0 and ${items.length}`);
  }
  return items.slice(0, items.length - count);
}

function subscriptError(detail: string): SqlError {
  return new SqlError(SQLSTATE.ArraySubscriptError, 'wrong number of array subscripts', { detail });
}

function fill(value: Value, dims: Value, lowerBounds: Value | undefined): Value[] {
  if (dims === null || lowerBounds === null) {
    throw new SqlError(SQLSTATE.NullValueNotAllowed, 'dimension array or low bound array cannot be null');
  }
  const lengths = arrayItems(dims);
  const lows = lowerBounds === undefined ? undefined : arrayItems(lowerBounds);
  if (lows !== undefined && lows.length !== lengths.length) {
    throw subscriptError('Low bound array has different size than dimensions array.');
  }
  if (lengths.some((n) => n === null) || lows?.some((n) => n === null)) {
    throw new SqlError(SQLSTATE.NullValueNotAllowed, 'dimension values cannot be null');
  }
  if (lengths.length === 0 || lengths.some((n) => (n as number) <= 0)) return [];
  if (lengths.length > 1) throw new SqlError(SQLSTATE.FeatureNotSupported, 'multidimensional arrays are not supported');
  if (lows !== undefined && lows[0] !== 1) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'array lower bounds other than 1 are not supported');
  }
  return new Array<Value>(lengths[0] as number).fill(value);
}

export const arraySearchFunctions: readonly ScalarFunction[] = [
  { name: 'array_positions', overloads: [scalar(['anyarray', 'anyelement'], INT4_ARRAY, ([a, e]) => positions(a!, e!), { strict: false })] },
  { name: 'array_replace', overloads: [scalar(['anyarray', 'anyelement', 'anyelement'], argType(0), ([a, from, to], _c, types) => {
    if (a === null) return null;
    return makeArray(arrayItems(a).map((item) => (notDistinct(item, from!) ? to! : item)), types[0]!, a);
  }, { strict: false })] },
  { name: 'trim_array', overloads: [scalar(['anyarray', T.int4], argType(0),
    ([a, n], _c, types) => makeArray(trimArray(a!, n as number), types[0]!))] },
  { name: 'array_fill', overloads: [
    scalar(['anyelement', INT4_ARRAY], arrayOf(0), ([v, d]) => fill(v!, d!, undefined), { strict: false }),
    scalar(['anyelement', INT4_ARRAY, INT4_ARRAY], arrayOf(0), ([v, d, l]) => fill(v!, d!, l!), { strict: false }),
  ] },
];
