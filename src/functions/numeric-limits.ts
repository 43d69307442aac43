/**
 * Integer range checks shared by casts and arithmetic: PostgreSQL reports overflow of each
 * integer width with its own message (SQLSTATE 22003).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { ScalarTypeId } from '../types/sql-type.js';

const INT2_MIN = -32768;
const INT2_MAX = 32767;
const INT4_MIN = -2147483648;
const INT4_MAX = 2147483647;
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

const OUT_OF_RANGE: Partial<Record<ScalarTypeId, string>> = {
  int2: 'smallint out of range', int4: 'integer out of range', int8: 'bigint out of range',
};

/** The 22003 error PostgreSQL raises for an integer type's overflow. */
export function outOfRange(type: ScalarTypeId): SqlError {
  return new SqlError(SQLSTATE.NumericValueOutOfRange, OUT_OF_RANGE[type] ?? 'value out of range: overflow');
}

/** Checks that an integral number fits int2/int4 (or oid: unsigned 32-bit). */
export function checkSmallInt(value: number, type: 'int2' | 'int4' | 'oid'): number {
  if (!Number.isFinite(value)) throw outOfRange(type);
  if (type === 'int2' && (value < INT2_MIN || value > INT2_MAX)) throw outOfRange(type);
  if (type === 'int4' && (value < INT4_MIN || value > INT4_MAX)) throw outOfRange(type);
  if (type === 'oid' && (value < INT4_MIN || value > 2 * INT4_MAX + 1)) throw outOfRange('int4');
  return value;
}

/** Checks that a bigint fits int8. */
export function checkInt8(value: bigint): bigint {
  if (value < INT8_MIN || value > INT8_MAX) throw outOfRange('int8');
  return value;
}

/** Round half to even (C's rint), which PostgreSQL uses for float → integer casts. */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const diff = value - floor;
  if (diff > 0.5) return floor + 1;
  if (diff < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}
