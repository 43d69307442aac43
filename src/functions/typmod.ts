/**
 * Type modifiers applied to values: varchar(n)/char(n) length, numeric(p,s) precision, and
 * interval's fields qualifier and seconds precision.
 * Explicit casts truncate strings; assignment (INSERT/UPDATE) raises 22001 instead, except
 * that trailing spaces may be dropped, as in PostgreSQL.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { withScale } from '../types/numeric-codec.js';
import { formatTypeName, type SqlType } from '../types/sql-type.js';
import { adjustInterval } from '../types/interval-typmod.js';
import { roundTime, roundTimestamp } from '../types/datetime-codec.js';
import type { Interval, Value } from '../types/value.js';

/** PostgreSQL stores typmods with a 4-byte header offset (VARHDRSZ). */
const VARHDRSZ = 4;
const NUMERIC_SCALE_BITS = 16;
const NUMERIC_SCALE_MASK = 0xffff;

/** Applies `type.typmod` to a value already of `type.id`. */
export function applyTypmod(value: Value, type: SqlType, explicit: boolean): Value {
  if (value === null || type.typmod < 0 || type.array) return value;
  if (type.id === 'varchar' || type.id === 'bpchar') {
    return applyLength(value as string, type.typmod - VARHDRSZ, type, explicit);
  }
  if (type.id === 'numeric') return applyNumeric(value as Decimal, type.typmod - VARHDRSZ);
  if (type.id === 'interval') return adjustInterval(value as Interval, type.typmod);
  if (type.id === 'timestamp' || type.id === 'timestamptz') return roundTimestamp(value as number, type.typmod);
  if (type.id === 'time') return roundTime(value as number, type.typmod);
  return value;
}

function applyLength(text: string, max: number, type: SqlType, explicit: boolean): string {
  const chars = Array.from(text);
  if (chars.length > max) {
    const rest = chars.slice(max).join('');
    if (!explicit && rest.trim() !== '' ) {
      throw new SqlError(SQLSTATE.StringDataRightTruncation,
        `value too long for type ${formatTypeName({ ...type, typmod: type.typmod })}`);
    }
    return chars.slice(0, max).join('');
  }
  if (type.id === 'bpchar' && chars.length < max) return text + ' '.repeat(max - chars.length);
  return text;
}

function applyNumeric(value: Decimal, packed: number): Decimal {
  const precision = (packed >> NUMERIC_SCALE_BITS) & NUMERIC_SCALE_MASK;
  const scale = packed & NUMERIC_SCALE_MASK;
  if (!value.isFinite()) return value;
  const rounded = value.toDecimalPlaces(scale, Decimal.ROUND_HALF_UP);
  const integerDigits = rounded.abs().lt(1) ? 0 : rounded.abs().truncated().toFixed(0).length;
  if (integerDigits > precision - scale) {
    throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'numeric field overflow', {
      detail: `A field with precision ${precision}, scale ${scale} must round to an absolute value less than 10^${precision - scale}.`,
    });
  }
  // The display scale becomes the column's: 1 stored in numeric(10,2) reads back as 1.00.
  return withScale(rounded, scale);
}
