/**
 * Field access on dates, timestamps and intervals: extract/date_part fields and date_trunc
 * precisions. Works on local microseconds; timestamptz callers shift by the session zone.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { civilFromDays, daysFromCivil } from '../../types/datetime-codec-calendar.js';
import { MICROS_PER_DAY, type Interval } from '../../types/value.js';

const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
const MONTHS_PER_QUARTER = 3;
const DAYS_PER_WEEK = 7;
/** 1970-01-01 was a Thursday (ISO day 4). */
const EPOCH_ISO_DOW = 4;
const MONTHS_PER_YEAR = 12;
const SECONDS_PER_DAY = 86400;
/** Interval epoch counts a year as 365.25 days and a month as 30 days, as PostgreSQL. */
const DAYS_PER_YEAR = 365.25;
const DAYS_PER_MONTH = 30;

function unsupported(field: string, typeName: string): SqlError {
  return new SqlError(SQLSTATE.FeatureNotSupported, `unit "${field}" not supported for type ${typeName}`);
}

function isoWeek(days: number): { year: number; week: number } {
  const isoDow = ((((days + EPOCH_ISO_DOW - 1) % DAYS_PER_WEEK) + DAYS_PER_WEEK) % DAYS_PER_WEEK) + 1;
  const thursday = days - isoDow + 4;
  const year = civilFromDays(thursday).year;
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / DAYS_PER_WEEK) + 1;
  return { year, week };
}

/** extract(field FROM timestamp) on local microseconds since the epoch. */
export function extractFromTimestamp(field: string, micros: number): number {
  const days = Math.floor(micros / MICROS_PER_DAY);
  const time = micros - days * MICROS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  switch (field) {
    case 'epoch': return micros / MICROS_PER_SECOND;
    case 'year': return year > 0 ? year : year - 1;
    case 'month': return month;
    case 'day': return day;
    case 'hour': return Math.floor(time / MICROS_PER_HOUR);
    case 'minute': return Math.floor((time % MICROS_PER_HOUR) / MICROS_PER_MINUTE);
    case 'second': return (time % MICROS_PER_MINUTE) / MICROS_PER_SECOND;
    case 'milliseconds': return (time % MICROS_PER_MINUTE) / 1000;
    case 'microseconds': return time % MICROS_PER_MINUTE;
    case 'quarter': return Math.floor((month - 1) / MONTHS_PER_QUARTER) + 1;
    case 'dow': return (((days + EPOCH_ISO_DOW) % DAYS_PER_WEEK) + DAYS_PER_WEEK) % DAYS_PER_WEEK;
    case 'isodow': return ((((days + EPOCH_ISO_DOW - 1) % DAYS_PER_WEEK) + DAYS_PER_WEEK) % DAYS_PER_WEEK) + 1;
    case 'doy': return days - daysFromCivil(year, 1, 1) + 1;
    case 'week': return isoWeek(days).week;
    case 'isoyear': {
      // ISO years before 1 are counted as BC years are: ISO year 0 is -1.
      const isoYear = isoWeek(days).year;
      return isoYear > 0 ? isoYear : isoYear - 1;
    }
    case 'decade': return Math.floor(year / 10);
    case 'century': return year > 0 ? Math.floor((year + 99) / 100) : -Math.floor((99 - (year - 1)) / 100);
    case 'millennium': return year > 0 ? Math.floor((year + 999) / 1000) : -Math.floor((999 - (year - 1)) / 1000);
    case 'julian': return days + 2440588 + time / MICROS_PER_DAY;
    default: throw unsupported(field, 'timestamp without time zone');
  }
}

/** extract(field FROM interval). */
export function extractFromInterval(field: string, v: Interval): number {
  switch (field) {
    case 'epoch':
      return (Math.trunc(v.months / MONTHS_PER_YEAR) * DAYS_PER_YEAR + (v.months % MONTHS_PER_YEAR) * DAYS_PER_MONTH + v.days)
        * SECONDS_PER_DAY + v.micros / MICROS_PER_SECOND;
    case 'year': return Math.trunc(v.months / MONTHS_PER_YEAR);
    case 'month': return v.months % MONTHS_PER_YEAR;
    // PostgreSQL's interval_part: quarter counts from the month field, the rest from the years.
    case 'quarter': return Math.trunc((v.months % MONTHS_PER_YEAR) / MONTHS_PER_QUARTER) + 1;
    case 'decade': return Math.trunc(v.months / MONTHS_PER_YEAR / 10);
    case 'century': return Math.trunc(v.months / MONTHS_PER_YEAR / 100);
    case 'millennium': return Math.trunc(v.months / MONTHS_PER_YEAR / 1000);
    case 'day': return v.days;
    case 'hour': return Math.trunc(v.micros / MICROS_PER_HOUR);
    case 'minute': return Math.trunc((v.micros % MICROS_PER_HOUR) / MICROS_PER_MINUTE);
    case 'second': return (v.micros % MICROS_PER_MINUTE) / MICROS_PER_SECOND;
    case 'milliseconds': return (v.micros % MICROS_PER_MINUTE) / 1000;
    case 'microseconds': return v.micros % MICROS_PER_MINUTE;
    default: throw unsupported(field, 'interval');
  }
}

/** date_trunc(precision, timestamp) on local microseconds. */
export function truncateTimestamp(field: string, micros: number): number {
  const days = Math.floor(micros / MICROS_PER_DAY);
  const time = micros - days * MICROS_PER_DAY;
  const { year, month } = civilFromDays(days);
  const atDay = (d: number) => d * MICROS_PER_DAY;
  switch (field) {
    case 'microseconds': return micros;
    case 'milliseconds': return micros - (((micros % 1000) + 1000) % 1000);
    case 'second': return atDay(days) + Math.floor(time / MICROS_PER_SECOND) * MICROS_PER_SECOND;
    case 'minute': return atDay(days) + Math.floor(time / MICROS_PER_MINUTE) * MICROS_PER_MINUTE;
    case 'hour': return atDay(days) + Math.floor(time / MICROS_PER_HOUR) * MICROS_PER_HOUR;
    case 'day': return atDay(days);
    case 'week': return atDay(days - (extractFromTimestamp('isodow', micros) - 1));
    case 'month': return atDay(daysFromCivil(year, month, 1));
    case 'quarter': return atDay(daysFromCivil(year, Math.floor((month - 1) / MONTHS_PER_QUARTER) * MONTHS_PER_QUARTER + 1, 1));
    case 'year': return atDay(daysFromCivil(year, 1, 1));
    case 'decade': return atDay(daysFromCivil(Math.floor(year / 10) * 10, 1, 1));
    case 'century': return atDay(daysFromCivil(Math.floor((year - 1) / 100) * 100 + 1, 1, 1));
    case 'millennium': return atDay(daysFromCivil(Math.floor((year - 1) / 1000) * 1000 + 1, 1, 1));
    default: throw unsupported(field, 'timestamp without time zone');
  }
}
