/**
 * Ordering and equality of non-NULL values of one type, used by comparison operators, sort,
 * min/max, DISTINCT, GROUP BY and hash joins. Text compares by UTF-16 code units, which is
 * PostgreSQL's "C" collation except for characters beyond the BMP vs U+E000–U+FFFF.
 * Floats and numerics order NaN above every other value, and NaN equals NaN, as PostgreSQL.
 */
import { Decimal } from 'decimal.js';
import { explicitShape, formatDims, shapeOf } from '../types/array-shape.js';
import { compareJsonb, jsonbHashKey } from '../types/jsonb-order.js';
import { JsonbValue } from '../types/jsonb-value.js';
import { RecordValue, type Interval, type Value } from '../types/value.js';
import { intervalMicros } from './datetime/interval-math.js';

function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSequences(a: ArrayLike<Value>, b: ArrayLike<Value>): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === null || y === null) {
      if (x === y) continue;
      return x === null ? 1 : -1;
    }
    const c = compareValues(x, y);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/**
 * PostgreSQL's array_cmp: elements first, then the element count, then the number of
 * dimensions, their lengths and their lower bounds ('{1,2}' < '[0:1]={1,2}' is false).
 */
function compareArrays(a: Value, b: Value): number {
  const c = compareSequences(a as ArrayLike<Value>, b as ArrayLike<Value>);
  if (c !== 0 || (explicitShape(a) === undefined && explicitShape(b) === undefined)) return c;
  const sa = shapeOf(a);
  const sb = shapeOf(b);
  if (sa.dims.length !== sb.dims.length) return sa.dims.length - sb.dims.length;
  for (let d = 0; d < sa.dims.length; d++) {
    if (sa.dims[d] !== sb.dims[d]) return sa.dims[d]! - sb.dims[d]!;
  }
  for (let d = 0; d < sa.dims.length; d++) {
    if (sa.lbounds[d] !== sb.lbounds[d]) return sa.lbounds[d]! - sb.lbounds[d]!;
  }
  return 0;
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Three-way comparison of two non-NULL values of the same SQL type (-1, 0, 1 or any sign). */
export function compareValues(a: Value, b: Value): number {
  if (typeof a === 'number') return compareNumbers(a, b as number);
  if (typeof a === 'string') return a < (b as string) ? -1 : a > (b as string) ? 1 : 0;
  if (typeof a === 'bigint') return a < (b as bigint) ? -1 : a > (b as bigint) ? 1 : 0;
  if (typeof a === 'boolean') return Number(a) - Number(b as boolean);
  if (a instanceof Decimal) {
    const d = b as Decimal;
    if (a.isNaN()) return d.isNaN() ? 0 : 1;
    if (d.isNaN()) return -1;
    return a.cmp(d);
  }
  if (a instanceof Uint8Array) return compareBytes(a, b as Uint8Array);
  if (a instanceof JsonbValue) return compareJsonb(a.root, (b as JsonbValue).root);
  if (a instanceof Float32Array || Array.isArray(a)) return compareArrays(a, b);
  // Row values compare field by field, NULL fields after the others (PostgreSQL's record_cmp).
  if (a instanceof RecordValue) return compareSequences(a.values, (b as RecordValue).values);
  if (a !== null && typeof a === 'object' && 'months' in a) {
    return compareNumbers(intervalMicros(a as Interval), intervalMicros(b as Interval));
  }
  return 0;
}

/** SQL equality of two non-NULL values of one type. */
export function valuesEqual(a: Value, b: Value): boolean {
  return compareValues(a, b) === 0;
}

/**
 * A string that is equal for SQL-equal values of one type (1.50 and 1.5, 0 and -0, two
 * NaNs), for hash tables in GROUP BY, DISTINCT, set operations and hash joins. NULLs get a
 * key of their own (GROUP BY and DISTINCT treat NULLs as equal).
 */
export function valueKey(value: Value): string {
  if (value === null) return '\u0000';
  switch (typeof value) {
    case 'string': return `s${value}`;
    case 'number': return Object.is(value, -0) ? 'n0' : `n${value}`;
    case 'bigint': return `n${value}`;
    case 'boolean': return value ? 't' : 'f';
    default: break;
  }
  if (value instanceof Decimal) return `n${value.toString()}`;
  if (value instanceof Uint8Array) return `b${Buffer.from(value).toString('base64')}`;
  if (value instanceof Float32Array || Array.isArray(value)) {
    const shape = explicitShape(value);
    const prefix = shape === undefined ? '' : formatDims(shape);
    return `${prefix}[${Array.from(value as ArrayLike<Value>, valueKey).join('\u0001')}]`;
  }
  if (value instanceof RecordValue) return `(${value.values.map(valueKey).join('\u0001')})`;
  if (value instanceof JsonbValue) return `j${jsonbHashKey(value.root)}`;
  return `i${intervalMicros(value as Interval)}`;
}

/** The key of several values (a composite GROUP BY / join key). */
export function rowKey(values: readonly Value[]): string {
  if (values.length === 1) return valueKey(values[0]!);
  let key = '';
  for (const value of values) key += `${valueKey(value)}\u0002`;
  return key;
}
