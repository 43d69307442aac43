/**
 * Type modifiers applied to values: varchar(n)/char(n) length, numeric(p,s) precision, and
 * interval's fields qualifier and seconds precision.
 * Explicit casts truncate strings; assignment (INSERT/UPDATE) raises 22001 instead, except
 * that trailing spaces may be dropped, as in PostgreSQL.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { numericTypmodPrecision, numericTypmodScale } from '../types/numeric-typmod.js';
import { numericRound } from './numeric-math.js';
import { formatTypeName, type SqlType } from '../types/sql-type.js';
import { adjustInterval } from '../types/interval-typmod.js';
import { roundTime, roundTimestamp } from '../types/datetime-codec.js';
import type { Interval, Value } from '../types/value.js';
import { shapeOf, withShape } from '../types/array-shape.js';

/** PostgreSQL stores typmods with a 4-byte header offset (VARHDRSZ). */
const VARHDRSZ = 4;

/** Applies `type.typmod` to a value already of `type.id`. */
export function applyTypmod(value: Value, type: SqlType, explicit: boolean): Value {
  if (value === null || type.typmod < 0) return value;
  if (type.array) return applyToElements(value as Value[], { ...type, array: false }, explicit);
  if (type.id === 'varchar' || type.id === 'bpchar') {
    return applyLength(value as string, type.typmod - VARHDRSZ, type, explicit);
  }
  if (type.id === 'numeric') return applyNumeric(value as Decimal, type.typmod);
  if (type.id === 'interval') return adjustInterval(value as Interval, type.typmod);
  if (type.id === 'timestamp' || type.id === 'timestamptz') return roundTimestamp(value as number, type.typmod);
  if (type.id === 'time') return roundTime(value as number, type.typmod);
  return value;
}

/** An array's typmod is its elements' (`varchar(3)[]`, `numeric(5,2)[]`): each is fitted, the shape kept. */
function applyToElements(items: Value[], element: SqlType, explicit: boolean): Value {
  let changed = false;
  const fitted = items.map((item) => {
    const out = applyTypmod(item, element, explicit);
    changed ||= out !== item;
    return out;
  });
  return changed ? withShape(fitted, shapeOf(items)) : items;
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

/**
 * Rounds to the scale (a negative scale rounds left of the point) and checks that the digits
 * left of the point fit: the leading digit's position may not pass precision − scale (which
 * is negative when the scale exceeds the precision: numeric(3,6) holds values below 0.001).
 */
function applyNumeric(value: Decimal, typmod: number): Decimal {
  const precision = numericTypmodPrecision(typmod);
  const scale = numericTypmodScale(typmod);
  if (value.isNaN()) return value;
  if (!value.isFinite()) {
    throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'numeric field overflow', {
      detail: `A field with precision ${precision}, scale ${scale} cannot hold an infinite value.`,
    });
  }
  // The display scale becomes the column's: 1 stored in numeric(10,2) reads back as 1.00.
  const rounded = numericRound(value, scale, 'round');
  const maxDigits = precision - scale;
  if (!rounded.isZero() && rounded.e + 1 > maxDigits) {
    throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'numeric field overflow', {
      detail: `A field with precision ${precision}, scale ${scale} must round to an absolute value less than ${maxDigits === 0 ? '1' : `10^${maxDigits}`}.`,
    });
  }
  return rounded;
}
