/**
 * Helpers for array values: a real[] without NULLs is a Float32Array (value.ts), every other
 * array a plain Value[] (with its shape when not one-dimensional from 1, types/array-shape.ts);
 * these convert between the forms.
 */
import { arrayTypeOf as arrayOfType, elementTypeOf, type SqlType } from '../types/sql-type.js';
import { explicitShape, withShape } from '../types/array-shape.js';
import type { Value } from '../types/value.js';

/** The elements of an array value as a list. */
export function arrayItems(value: Value): readonly Value[] {
  if (value instanceof Float32Array) return Array.from(value);
  return value as readonly Value[];
}

/**
 * Builds an array value of element type `type`, using Float32Array for a one-dimensional real[]
 * without NULLs. With `shapeOf`, the result takes that array's dimensions and lower bounds
 * (element-wise functions and casts keep the shape).
 */
export function makeArray(items: readonly Value[], type: SqlType, shapeFrom?: Value): Value {
  const shape = shapeFrom === undefined || shapeFrom === null ? undefined : explicitShape(shapeFrom);
  if (shape !== undefined) return withShape([...items], shape);
  if (type.id === 'float4' && items.every((item) => item !== null)) return Float32Array.from(items as number[]);
  return items;
}

/** The element type of an array type. */
export function elementType(type: SqlType): SqlType {
  return elementTypeOf(type);
}

/** The array type whose elements are `type`. */
export function arrayTypeOf(type: SqlType): SqlType {
  return arrayOfType(type);
}
