/**
 * Date/time functions: now() and friends (statement start time, stable within a statement),
 * clock_timestamp, current_date, date_trunc, age, to_timestamp, make_date,
 * make_timestamp, make_interval, justify_days. timestamptz fields are taken in the session
 * TimeZone, as PostgreSQL does.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { daysFromCivil } from '../../types/datetime-codec-calendar.js';
import { localOffsetSeconds, zoneOffsetSeconds } from '../../types/datetime-codec-zone.js';
import { T } from '../../types/sql-type.js';
import { MICROS_PER_DAY, type Interval, type Value } from '../../types/value.js';
import { age } from '../datetime/interval-math.js';
import { truncateTimestamp } from '../datetime/datetime-fields.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_MILLI = 1000;

/** The session time zone name (default UTC). */
export function sessionZone(ctx: EvalContext): string {
  return ctx.setting('timezone') ?? 'UTC';
}

function toLocal(utc: number, ctx: EvalContext): number {
  return utc + zoneOffsetSeconds(sessionZone(ctx), utc) * MICROS_PER_SECOND;
}

function fromLocal(local: number, ctx: EvalContext): number {
  return local - localOffsetSeconds(sessionZone(ctx), local) * MICROS_PER_SECOND;
}

const field = (value: Value): string => (value as string).toLowerCase().trim();

function nowMicros(): number {
  return Date.now() * MICROS_PER_MILLI;
}

function makeDate(year: number, month: number, day: number): number {
  if (month < 1 || month > 12 || day < 1 || day > 31) {
    throw new SqlError(SQLSTATE.DatetimeFieldOverflow, `date field value out of range: ${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`);
  }
  return daysFromCivil(year < 0 ? year + 1 : year, month, day);
}

const stable = { volatility: 'stable' } as const;

export const datetimeFunctions: readonly ScalarFunction[] = [
  ...['now', 'current_timestamp', 'transaction_timestamp'].map((name) => ({
    name, overloads: [scalar([], T.timestamptz, (_a, ctx) => ctx.transactionTime, stable)],
  })),
  { name: 'statement_timestamp', overloads: [scalar([], T.timestamptz, (_a, ctx) => ctx.statementTime, stable)] },
  { name: 'localtimestamp', overloads: [scalar([], T.timestamp, (_a, ctx) => toLocal(ctx.transactionTime, ctx), stable)] },
  { name: 'clock_timestamp', overloads: [scalar([], T.timestamptz, () => nowMicros(), { volatility: 'volatile' })] },
  { name: 'current_date', overloads: [scalar([], T.date, (_a, ctx) => Math.floor(toLocal(ctx.transactionTime, ctx) / MICROS_PER_DAY), stable)] },
  { name: 'date_trunc', overloads: [
    scalar([T.text, T.timestamp], T.timestamp, ([f, t]) => truncateTimestamp(field(f), t as number)),
    scalar([T.text, T.timestamptz], T.timestamptz,
      ([f, t], ctx) => fromLocal(truncateTimestamp(field(f), toLocal(t as number, ctx)), ctx), stable),
  ] },
  { name: 'age', overloads: [
    scalar([T.timestamp, T.timestamp], T.interval, ([a, b]) => age(a as number, b as number)),
    scalar([T.timestamptz, T.timestamptz], T.interval, ([a, b], ctx) => age(toLocal(a as number, ctx), toLocal(b as number, ctx)), stable),
    scalar([T.timestamptz], T.interval, ([a], ctx) => {
      const today = Math.floor(toLocal(ctx.transactionTime, ctx) / MICROS_PER_DAY) * MICROS_PER_DAY;
      return age(today, toLocal(a as number, ctx));
    }, stable),
  ] },
  { name: 'to_timestamp', overloads: [scalar([T.float8], T.timestamptz, ([s]) => Math.round((s as number) * MICROS_PER_SECOND))] },
  { name: 'make_date', overloads: [scalar([T.int4, T.int4, T.int4], T.date, ([y, m, d]) => makeDate(y as number, m as number, d as number))] },
  { name: 'make_timestamp', overloads: [scalar([T.int4, T.int4, T.int4, T.int4, T.int4, T.float8], T.timestamp,
    ([y, mo, d, h, mi, s]) => makeDate(y as number, mo as number, d as number) * MICROS_PER_DAY
      + (((h as number) * 60 + (mi as number)) * 60) * MICROS_PER_SECOND + Math.round((s as number) * MICROS_PER_SECOND))] },
  { name: 'justify_days', overloads: [scalar([T.interval], T.interval, ([i]) => {
    const v = i as Interval;
    const months = Math.trunc(v.days / 30);
    return { months: v.months + months, days: v.days - months * 30, micros: v.micros };
  })] },
  { name: 'isfinite', overloads: [
    scalar([T.date], T.bool, ([d]) => Number.isFinite(d as number)),
    scalar([T.timestamp], T.bool, ([d]) => Number.isFinite(d as number)),
  ] },
];
