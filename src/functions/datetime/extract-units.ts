/**
 * The units extract()/date_part() and date_trunc() accept, read as PostgreSQL's DecodeUnits
 * (and, for extract, DecodeSpecial) read them: lower-cased, compared on their first 10
 * characters (`microseconds` is `microsecon`). An unknown word is 22023 `not recognized`, a
 * known unit the type or function lacks (hour of a date) is 0A000 `not supported`.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';

export type DateUnit =
  | 'microseconds' | 'milliseconds' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter'
  | 'year' | 'decade' | 'century' | 'millennium' | 'epoch' | 'julian' | 'dow' | 'doy' | 'isodow' | 'isoyear'
  | 'timezone' | 'timezone_hour' | 'timezone_minute';

/** PostgreSQL compares unit words on this many characters (TOKMAXLEN). */
const TOKEN_MAX_LENGTH = 10;

const WORDS: Readonly<Record<string, DateUnit>> = {
  c: 'century', cent: 'century', centuries: 'century', century: 'century',
  d: 'day', day: 'day', days: 'day',
  dec: 'decade', decade: 'decade', decades: 'decade', decs: 'decade',
  h: 'hour', hour: 'hour', hours: 'hour', hr: 'hour', hrs: 'hour',
  m: 'minute', min: 'minute', mins: 'minute', minute: 'minute', minutes: 'minute',
  microsecon: 'microseconds', us: 'microseconds', usec: 'microseconds', usecond: 'microseconds', useconds: 'microseconds', usecs: 'microseconds',
  mil: 'millennium', millennia: 'millennium', millennium: 'millennium', mils: 'millennium',
  millisecon: 'milliseconds', ms: 'milliseconds', msec: 'milliseconds', msecond: 'milliseconds', mseconds: 'milliseconds', msecs: 'milliseconds',
  mon: 'month', mons: 'month', month: 'month', months: 'month',
  qtr: 'quarter', quarter: 'quarter',
  s: 'second', sec: 'second', second: 'second', seconds: 'second', secs: 'second',
  timezone: 'timezone', timezone_h: 'timezone_hour', timezone_m: 'timezone_minute',
  w: 'week', week: 'week', weeks: 'week',
  y: 'year', year: 'year', years: 'year', yr: 'year', yrs: 'year',
};

/** DecodeSpecial's words, which extract() reads and date_trunc() does not. */
const SPECIAL_WORDS: Readonly<Record<string, DateUnit>> = {
  epoch: 'epoch', dow: 'dow', doy: 'doy', isodow: 'isodow', isoyear: 'isoyear', j: 'julian', jd: 'julian', julian: 'julian',
};

const TIME_UNITS: readonly DateUnit[] = ['microseconds', 'milliseconds', 'second', 'minute', 'hour'];
const DATE_UNITS: readonly DateUnit[] = [
  'day', 'week', 'month', 'quarter', 'year', 'decade', 'century', 'millennium', 'julian', 'isoyear', 'dow', 'isodow', 'doy',
];
const ZONE_UNITS: readonly DateUnit[] = ['timezone', 'timezone_hour', 'timezone_minute'];

/** The units each type supports, by PostgreSQL's type name (epoch: all of them). */
const SUPPORTED: Readonly<Record<string, ReadonlySet<DateUnit>>> = {
  'timestamp without time zone': new Set(['epoch', ...TIME_UNITS, ...DATE_UNITS]),
  'timestamp with time zone': new Set(['epoch', ...TIME_UNITS, ...DATE_UNITS, ...ZONE_UNITS]),
  date: new Set(['epoch', ...DATE_UNITS]),
  'time without time zone': new Set(['epoch', ...TIME_UNITS]),
  interval: new Set(['epoch', ...TIME_UNITS, 'day', 'month', 'quarter', 'year', 'decade', 'century', 'millennium']),
};

/** date_trunc's precisions (timestamp_trunc). */
const TRUNC_UNITS: ReadonlySet<DateUnit> = new Set([...TIME_UNITS, 'day', 'week', 'month', 'quarter', 'year', 'decade', 'century', 'millennium']);

function lookUp(text: string, typeName: string, special: boolean, supported: ReadonlySet<DateUnit>): DateUnit {
  const lower = text.toLowerCase();
  const token = lower.slice(0, TOKEN_MAX_LENGTH);
  const unit = WORDS[token] ?? (special ? SPECIAL_WORDS[token] : undefined);
  if (!unit) throw new SqlError(SQLSTATE.InvalidParameterValue, `unit "${lower}" not recognized for type ${typeName}`);
  if (!supported.has(unit)) throw new SqlError(SQLSTATE.FeatureNotSupported, `unit "${lower}" not supported for type ${typeName}`);
  return unit;
}

/** The unit `text` names for extract() of a `typeName`, or PostgreSQL's 22023 / 0A000. */
export function extractUnit(text: string, typeName: string): DateUnit {
  return lookUp(text, typeName, true, SUPPORTED[typeName]!);
}

/** The precision `text` names for date_trunc() of a `typeName`, or PostgreSQL's 22023 / 0A000. */
export function truncUnit(text: string, typeName: string): DateUnit {
  return lookUp(text, typeName, false, TRUNC_UNITS);
}

/** Units whose value at ±infinity is ±Infinity (the rest are NULL), as NonFiniteTimestampTzPart. */
export const UNBOUNDED_UNITS: ReadonlySet<DateUnit> = new Set(['year', 'decade', 'century', 'millennium', 'julian', 'isoyear', 'epoch']);
