/**
 * Interval functions: justify_days, justify_hours, justify_interval (PostgreSQL 15's order of
 * carries, sign fix-ups and 22008 `interval out of range` when months or days leave int32)
 * and make_interval(years, months, weeks, days, hours, mins, secs) with its trailing arguments
 * optional, as its defaults make them in PostgreSQL.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import { DAYS_PER_MONTH, DAYS_PER_WEEK, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND, MONTHS_PER_YEAR } from '../../types/time-units.js';
import type { Interval, Value } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);
/** The int64 microsecond field's bounds, as doubles (they round to ±2^63). */
const INT64_LIMIT = 2 ** 63;

const outOfRange = () => new SqlError(SQLSTATE.DatetimeFieldOverflow, 'interval out of range');

/** An int32 field sum, or 22008 as pg_add_s32_overflow reports it. */
function int32(v: number): number {
  if (v > INT32_MAX || v < INT32_MIN) throw outOfRange();
  return v;
}

/** Carries whole days of 24 hours out of the time field into days (TMODULO). */
function carryDays(v: { months: number; days: number; micros: number }): void {
  const wholeDays = Math.trunc(v.micros / MICROS_PER_DAY);
  v.micros -= wholeDays * MICROS_PER_DAY;
  v.days = int32(v.days + wholeDays);
}

/** Carries whole 30-day months out of the day field into months. */
function carryMonths(v: { months: number; days: number; micros: number }): void {
  const wholeMonths = Math.trunc(v.days / DAYS_PER_MONTH);
  v.days -= wholeMonths * DAYS_PER_MONTH;
  v.months = int32(v.months + wholeMonths);
}

/** Makes days agree in sign with months, borrowing a month (ties broken by the time field). */
function alignDaysWithMonths(v: { months: number; days: number; micros: number }, timeToo: boolean): void {
  const timeSign = timeToo ? Math.sign(v.micros) : 0;
  if (v.months > 0 && (v.days < 0 || (v.days === 0 && timeSign < 0))) {
    v.days += DAYS_PER_MONTH;
    v.months--;
  } else if (v.months < 0 && (v.days > 0 || (v.days === 0 && timeSign > 0))) {
    v.days -= DAYS_PER_MONTH;
    v.months++;
  }
}

/** Makes the time field agree in sign with days, borrowing a day. */
function alignTimeWithDays(v: { months: number; days: number; micros: number }): void {
  if (v.days > 0 && v.micros < 0) {
    v.micros += MICROS_PER_DAY;
    v.days--;
  } else if (v.days < 0 && v.micros > 0) {
    v.micros -= MICROS_PER_DAY;
    v.days++;
  }
}

const copy = (i: Value) => ({ ...(i as Interval) });
// `+ 0` everywhere a field may have been computed as -0.
const done = (v: Interval): Interval => ({ months: v.months + 0, days: v.days + 0, micros: v.micros + 0 });

function justifyDays([i]: readonly Value[]): Value {
  const v = copy(i);
  carryMonths(v);
  alignDaysWithMonths(v, false);
  return done(v);
}

function justifyHours([i]: readonly Value[]): Value {
  const v = copy(i);
  carryDays(v);
  alignTimeWithDays(v);
  return done(v);
}

function justifyInterval([i]: readonly Value[]): Value {
  const v = copy(i);
  // Moving whole months out first keeps days + carried days inside int32 when signs agree.
  if ((v.days > 0 && v.micros > 0) || (v.days < 0 && v.micros < 0)) carryMonths(v);
  carryDays(v);
  carryMonths(v);
  alignDaysWithMonths(v, true);
  alignTimeWithDays(v);
  return done(v);
}

const MAKE_INTERVAL_PARAMS = [T.int4, T.int4, T.int4, T.int4, T.int4, T.int4, T.float8];

function makeInterval(args: readonly Value[]): Value {
  const [years = 0, months = 0, weeks = 0, days = 0, hours = 0, mins = 0, secs = 0] = args as number[];
  if (!Number.isFinite(secs)) throw outOfRange();
  const micros = hours * MICROS_PER_HOUR + mins * MICROS_PER_MINUTE + Math.round(secs * MICROS_PER_SECOND);
  if (Math.abs(micros) >= INT64_LIMIT) throw outOfRange();
  return done({ months: int32(years * MONTHS_PER_YEAR + months), days: int32(weeks * DAYS_PER_WEEK + days), micros });
}

export const intervalFunctions: readonly ScalarFunction[] = [
  { name: 'justify_days', overloads: [scalar([T.interval], T.interval, justifyDays)] },
  { name: 'justify_hours', overloads: [scalar([T.interval], T.interval, justifyHours)] },
  { name: 'justify_interval', overloads: [scalar([T.interval], T.interval, justifyInterval)] },
  { name: 'make_interval', overloads: MAKE_INTERVAL_PARAMS.map((_, n) => scalar(MAKE_INTERVAL_PARAMS.slice(0, n + 1), T.interval, makeInterval))
    .concat([scalar([], T.interval, makeInterval)]) },
];
