/**
 * interval * float8 and interval / float8 as PostgreSQL 15's interval_mul / interval_div
 * compute them: months and days scaled and truncated separately (22008 `interval out of range`
 * outside int32), the fraction of a month cascaded into days and the fraction of a day into
 * seconds, each rounded to microseconds first (TSROUND), whole days of the cascade carried,
 * and the time field rounded half to even (rint). Dividing is not multiplying by 1/f: the
 * two round differently.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { DAYS_PER_MONTH, MICROS_PER_SECOND, SECONDS_PER_DAY } from '../../types/time-units.js';
import type { Interval } from '../../types/value.js';

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);
/** FLOAT8_FITS_IN_INT64: [-2^63, 2^63). */
const INT64_LIMIT = 2 ** 63;

const outOfRange = () => new SqlError(SQLSTATE.DatetimeFieldOverflow, 'interval out of range');

/** C's rint under the default rounding mode: half to even. */
function rint(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** Rounds to whole microseconds of the unit (TSROUND). */
const tsRound = (x: number) => rint(x * MICROS_PER_SECOND) / MICROS_PER_SECOND;

/** A double truncated to int32, or 22008. */
function toInt32(v: number): number {
  if (Number.isNaN(v) || v > INT32_MAX || v < INT32_MIN) throw outOfRange();
  return Math.trunc(v);
}

function scale(a: Interval, op: (x: number) => number): Interval {
  const months = toInt32(op(a.months));
  let days = toInt32(op(a.days));
  const monthRemainderDays = tsRound((op(a.months) - months) * DAYS_PER_MONTH);
  let secRemainder = tsRound((op(a.days) - days + monthRemainderDays - Math.trunc(monthRemainderDays)) * SECONDS_PER_DAY);
  if (Math.abs(secRemainder) >= SECONDS_PER_DAY) {
    const carried = Math.trunc(secRemainder / SECONDS_PER_DAY);
    days = toInt32(days + carried);
    secRemainder -= carried * SECONDS_PER_DAY;
  }
  days = toInt32(days + Math.trunc(monthRemainderDays));
  const micros = rint(op(a.micros) + secRemainder * MICROS_PER_SECOND);
  if (Number.isNaN(micros) || micros >= INT64_LIMIT || micros < -INT64_LIMIT) throw outOfRange();
  return { months: months + 0, days: days + 0, micros: micros + 0 };
}

/** interval * factor. */
export function multiplyInterval(a: Interval, factor: number): Interval {
  return scale(a, (x) => x * factor);
}

/** interval / divisor (22012 when the divisor is 0). */
export function divideInterval(a: Interval, divisor: number): Interval {
  if (divisor === 0) throw new SqlError(SQLSTATE.DivisionByZero, 'division by zero');
  return scale(a, (x) => x / divisor);
}
