/**
 * The vocabulary shared by date/time and interval input: the broken-down fields a string is
 * decoded into, the field bits that catch a field given twice (`1999-01-08 1999`), the error
 * kinds input can fail with and PostgreSQL's wording of each, and C's strtol/strtod as the
 * decoders use them (a number prefix and where it ends).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

/** Broken-down date and time: astronomical year (0 = 1 BC), µs fraction of the second. */
export interface TimeFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fsec: number;
  /** Day of year, when given (`1999.008`). */
  doy: number;
  /** 1 daylight time, 0 standard, -1 unknown. */
  isdst: number;
}

export function emptyTimeFields(): TimeFields {
  return { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, fsec: 0, doy: 0, isdst: -1 };
}

/** Field bits (PostgreSQL's DTK_M numbering, so the same combinations collide). */
export const F = {
  RESERV: 1 << 0, MONTH: 1 << 1, YEAR: 1 << 2, DAY: 1 << 3, TZ: 1 << 5, DTZ: 1 << 6, DYNTZ: 1 << 7,
  AMPM: 1 << 9, HOUR: 1 << 10, MINUTE: 1 << 11, SECOND: 1 << 12, MILLISECOND: 1 << 13, MICROSECOND: 1 << 14,
  DOY: 1 << 15, DOW: 1 << 16, ADBC: 1 << 18, WEEK: 1 << 24, DECADE: 1 << 25, CENTURY: 1 << 26,
  MILLENNIUM: 1 << 27, DTZMOD: 1 << 28,
} as const;
export const DATE_MASK = F.YEAR | F.MONTH | F.DAY;
export const ALL_SECONDS_MASK = F.SECOND | F.MILLISECOND | F.MICROSECOND;
export const TIME_MASK = F.HOUR | F.MINUTE | ALL_SECONDS_MASK;

/** How input failed (PostgreSQL's DTERR_* codes). */
export type DecodeError = 'bad-format' | 'field-overflow' | 'md-field-overflow' | 'interval-overflow' | 'tz-overflow';

/** The SqlError for a failed input, worded as PostgreSQL's DateTimeParseError words it. */
export function dateTimeParseError(error: DecodeError, text: string, typeName: string): SqlError {
  switch (error) {
    case 'field-overflow':
      return new SqlError(SQLSTATE.DatetimeFieldOverflow, `date/time field value out of range: "${text}"`);
    case 'md-field-overflow':
      return new SqlError(SQLSTATE.DatetimeFieldOverflow, `date/time field value out of range: "${text}"`,
        { hint: 'Perhaps you need a different "datestyle" setting.' });
    case 'interval-overflow':
      return new SqlError(SQLSTATE.IntervalFieldOverflow, `interval field value out of range: "${text}"`);
    case 'tz-overflow':
      return new SqlError(SQLSTATE.InvalidTimeZoneDisplacementValue, `time zone displacement out of range: "${text}"`);
    default:
      return new SqlError(SQLSTATE.InvalidDatetimeFormat, `invalid input syntax for type ${typeName}: "${text}"`);
  }
}

/** 22023 for a zone name no database knows (raised directly, as PostgreSQL does). */
export function zoneNotRecognized(name: string): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, `time zone "${name}" not recognized`);
}

export interface CNumber {
  readonly value: number;
  /** Index just past the number (= start when there were no digits). */
  readonly end: number;
  /** The value did not fit (C's ERANGE). */
  readonly overflow: boolean;
}

const INT32_MAX = 2147483647;
const INT32_MIN = -2147483648;

const isDigitAt = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 0x30 && c <= 0x39;
};

/** The end of a `[+-]?digits` prefix at `start`, and where the digits begin; end = start if none. */
function integerPrefix(s: string, start: number): { digitsStart: number; end: number } {
  let i = start;
  if (s[i] === '+' || s[i] === '-') i++;
  const digitsStart = i;
  while (isDigitAt(s, i)) i++;
  return i === digitsStart ? { digitsStart, end: start } : { digitsStart, end: i };
}

/** C's strtoint: a 32-bit integer prefix. */
export function strtoint(s: string, start = 0): CNumber {
  const { end } = integerPrefix(s, start);
  if (end === start) return { value: 0, end, overflow: false };
  const value = Number(s.slice(start, end));
  return { value, end, overflow: value > INT32_MAX || value < INT32_MIN };
}

export interface CBigInt {
  readonly value: bigint;
  readonly end: number;
  readonly overflow: boolean;
}

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/** C's strtoi64: a 64-bit integer prefix, exact. */
export function strtoi64(s: string, start = 0): CBigInt {
  const { end } = integerPrefix(s, start);
  if (end === start) return { value: 0n, end, overflow: false };
  const value = BigInt(s.slice(start, end));
  return { value, end, overflow: value > INT64_MAX || value < INT64_MIN };
}

/**
 * C's strtod prefix in the forms date/time input meets: `[+-]` then digits with an optional
 * fraction (or a fraction alone), an optional exponent; `inf`/`infinity`/`nan` too.
 */
export function strtod(s: string, start = 0): CNumber {
  const m = /^[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)/i.exec(s.slice(start));
  if (!m) return { value: 0, end: start, overflow: false };
  const text = m[0].toLowerCase().replace('infinity', 'inf').replace('inf', 'Infinity').replace('nan', 'NaN');
  const value = Number(text);
  return { value, end: start + m[0].length, overflow: Number.isFinite(value) === false && !/inf|nan/i.test(m[0]) };
}

/** C's atoi on a digit string (no sign handling needed here). */
export function atoi(s: string): number {
  const { value, end } = strtoint(s);
  return end === 0 ? 0 : value;
}
