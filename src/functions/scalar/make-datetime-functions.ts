/**
 * make_date, make_time, make_timestamp and make_timestamptz as PostgreSQL 15 checks them: no
 * year 0 (a negative year is BC), the day within its month (22008 `date field value out of
 * range: y-mm-dd`), hour ≤ 24 and the time at most 24:00:00 (22008 `time field value out of
 * range`), seconds rounded to microseconds. make_timestamptz reads its wall-clock time in the
 * session TimeZone or in the zone it is given (numeric offset, abbreviation or zone name).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { daysFromCivil, daysInMonth } from '../../types/datetime-codec-calendar.js';
import { T, type SqlType } from '../../types/sql-type.js';
import { MICROS_PER_DAY, MICROS_PER_SECOND, MINUTES_PER_HOUR, SECONDS_PER_MINUTE, HOURS_PER_DAY } from '../../types/time-units.js';
import { localOffsetSeconds } from '../../types/datetime-codec-zone.js';
import { offsetAtWallClock, readNumericOrNamedZone } from '../datetime/zone-argument.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { sessionZone } from './datetime-functions.js';

const MONTHS_PER_YEAR = 12;
const time: SqlType = { id: 'time', array: false, typmod: -1 };
const pad2 = (n: number) => (n < 0 ? `-${String(-n).padStart(2, '0')}` : String(n).padStart(2, '0'));

/** Day number (days since 1970-01-01) of a calendar date given as make_date takes it. */
export function makeDate(year: number, month: number, day: number): number {
  const internalYear = year < 0 ? year + 1 : year;
  if (year === 0 || month < 1 || month > MONTHS_PER_YEAR || day < 1 || day > daysInMonth(internalYear, month)) {
    throw new SqlError(SQLSTATE.DatetimeFieldOverflow, `date field value out of range: ${year}-${pad2(month)}-${pad2(day)}`);
  }
  return daysFromCivil(internalYear, month, day);
}

/** C's %02g: shortest form, zero-padded to two characters. */
function formatSeconds(sec: number): string {
  const text = String(sec);
  return text.length < 2 ? `0${text}` : text;
}

/** Microseconds since midnight, or 22008 as float_time_overflows decides (24:00:00 is allowed). */
function makeTime(hour: number, minute: number, sec: number): number {
  const micros = Math.round(sec * MICROS_PER_SECOND);
  const total = ((hour * MINUTES_PER_HOUR + minute) * SECONDS_PER_MINUTE) * MICROS_PER_SECOND + micros;
  if (hour < 0 || hour > HOURS_PER_DAY || minute < 0 || minute >= MINUTES_PER_HOUR || Number.isNaN(sec)
    || micros < 0 || micros > SECONDS_PER_MINUTE * MICROS_PER_SECOND || total > MICROS_PER_DAY) {
    throw new SqlError(SQLSTATE.DatetimeFieldOverflow, `time field value out of range: ${hour}:${pad2(minute)}:${formatSeconds(sec)}`);
  }
  return total;
}

/** Local microseconds of make_timestamp(y, mo, d, h, mi, s). */
function makeTimestamp(args: readonly unknown[]): number {
  const [y, mo, d, h, mi, s] = args as number[];
  return makeDate(y!, mo!, d!) * MICROS_PER_DAY + makeTime(h!, mi!, s!);
}

const stable = { volatility: 'stable' } as const;
const DATE_TIME_ARGS = [T.int4, T.int4, T.int4, T.int4, T.int4, T.float8];

export const makeDatetimeFunctions: readonly ScalarFunction[] = [
  { name: 'make_date', overloads: [scalar([T.int4, T.int4, T.int4], T.date, ([y, m, d]) => makeDate(y as number, m as number, d as number))] },
  { name: 'make_time', overloads: [scalar([T.int4, T.int4, T.float8], time, ([h, m, s]) => makeTime(h as number, m as number, s as number))] },
  { name: 'make_timestamp', overloads: [scalar(DATE_TIME_ARGS, T.timestamp, (args) => makeTimestamp(args))] },
  { name: 'make_timestamptz', overloads: [
    scalar(DATE_TIME_ARGS, T.timestamptz, (args, ctx: EvalContext) => {
      const local = makeTimestamp(args);
      return local - localOffsetSeconds(sessionZone(ctx), local) * MICROS_PER_SECOND;
    }, stable),
    scalar([...DATE_TIME_ARGS, T.text], T.timestamptz, (args) => {
      const local = makeTimestamp(args);
      return local - offsetAtWallClock(readNumericOrNamedZone(args[6] as string), local) * MICROS_PER_SECOND;
    }),
  ] },
];
