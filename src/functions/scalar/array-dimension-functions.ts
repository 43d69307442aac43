/**
 * What an array's shape says (types/array-shape.ts): array_dims, array_ndims, array_lower,
 * array_upper, array_length, cardinality. A dimension the array does not have, and every
 * dimension of the empty array, is NULL, as in PostgreSQL.
 */
import { dimensionOf, formatDims, shapeOf, shapeSize } from '../../types/array-shape.js';
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const dimension = (array: Value, dim: Value) => dimensionOf(shapeOf(array), dim as number);

export const arrayDimensionFunctions: readonly ScalarFunction[] = [
  { name: 'array_dims', overloads: [scalar(['anyarray'], T.text, ([a]) => formatDims(shapeOf(a!)))] },
  { name: 'array_ndims', overloads: [scalar(['anyarray'], T.int4, ([a]) => shapeOf(a!).dims.length || null)] },
  { name: 'array_length', overloads: [scalar(['anyarray', T.int4], T.int4, ([a, d]) => dimension(a!, d!)?.length ?? null)] },
  { name: 'array_lower', overloads: [scalar(['anyarray', T.int4], T.int4, ([a, d]) => dimension(a!, d!)?.lower ?? null)] },
  { name: 'array_upper', overloads: [scalar(['anyarray', T.int4], T.int4, ([a, d]) => {
    const dim = dimension(a!, d!);
    return dim === undefined ? null : dim.lower + dim.length - 1;
  })] },
  { name: 'cardinality', overloads: [scalar(['anyarray'], T.int4, ([a]) => shapeSize(shapeOf(a!)))] },
];
