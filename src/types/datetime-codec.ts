/**
 * Text forms of date, time, timestamp and timestamptz as PostgreSQL 15 writes and reads them.
 * Output follows DateStyle (datetime-encode.ts; ISO, the drivers' style, has its own fast path
 * here); input accepts everything PostgreSQL's date/time parser does (datetime-decode.ts), with
 * plain ISO text read directly. Values: date = days since 1970-01-01, time = µs since midnight,
 * timestamps = µs since 1970-01-01 00:00 UTC, ±Infinity for infinity (value.ts).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { civilFromDays, daysFromCivil, daysInMonth } from './datetime-codec-calendar.js';
import { formatOffset, zoneAbbreviation, zoneOffsetSeconds } from './datetime-codec-zone.js';
import { decodeDateTime, fieldsToMicros, type DateTimeInputContext } from './datetime-decode.js';
import { decodeTimeOnly } from './datetime-decode-time.js';
import { dateTimeParseError, type TimeFields } from './datetime-decode-fields.js';
import { encodeDate, encodeTimestamp, timeOfDayText } from './datetime-encode.js';
import { splitDateFields } from './datetime-lexer.js';
import { DEFAULT_DATE_STYLE, type DateStyle } from './datetime-style.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MILLI, MICROS_PER_MINUTE, MICROS_PER_SECOND, MINUTES_PER_HOUR, SECONDS_PER_HOUR, SECONDS_PER_MINUTE } from './time-units.js';

const FRACTION_DIGITS = 6;

/** First and last valid days and instants (4714-11-24 BC … 5874897-12-31; timestamps < 294277 AD). */
export const MIN_DATE_DAYS = -2440588;
export const END_DATE_DAYS = 2145042906;
export const MIN_TIMESTAMP = MIN_DATE_DAYS * MICROS_PER_DAY;
export const END_TIMESTAMP = 106762940 * MICROS_PER_DAY;
const JULIAN_MIN_YEAR = -4713;
const JULIAN_MIN_MONTH = 11;
const JULIAN_MAX_YEAR = 5874898;
const JULIAN_MAX_MONTH = 6;
/** PostgreSQL's epoch (2000-01-01) in Unix µs: timestamp precision rounds relative to it. */
const PG_EPOCH_MICROS = 946_684_800_000_000;
const MAX_TIMESTAMP_PRECISION = 6;

/** What parsing needs beyond the text: DateStyle's order, the session zone, the time now. */
export interface DateTimeParseOptions {
  readonly dateStyle?: DateStyle;
  readonly timeZone?: string;
  /** Transaction start, µs since 1970; the clock when absent. */
  readonly now?: number;
}

function inputContext(opts: DateTimeParseOptions): DateTimeInputContext {
  return {
    order: (opts.dateStyle ?? DEFAULT_DATE_STYLE).order,
    timeZone: opts.timeZone ?? 'UTC',
    now: opts.now ?? Date.now() * MICROS_PER_MILLI,
  };
}

/** Two-digit fields without padStart on the output hot path. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const FOUR_DIGIT_YEAR_MIN = 1000;
const FOUR_DIGIT_YEAR_MAX = 9999;

/** A date in `style` (ISO `2024-01-02` by default), `infinity`, `-infinity`. */
export function formatDate(days: number, style: DateStyle = DEFAULT_DATE_STYLE): string {
  if (days === Infinity) return 'infinity';
  if (days === -Infinity) return '-infinity';
  return encodeDate(days, style);
}

/** `03:04:05`, `03:04:05.12` (every DateStyle prints time the same way). */
export function formatTime(micros: number): string {
  return timeOfDayText(micros);
}

/** Whole seconds of a four-digit AD year in ISO: the common case, without padding or fraction work. */
function fastIsoTimestampText(micros: number): string | undefined {
  const days = Math.floor(micros / MICROS_PER_DAY);
  const timeOfDay = micros - days * MICROS_PER_DAY;
  if (timeOfDay % MICROS_PER_SECOND !== 0) return undefined;
  const { year, month, day } = civilFromDays(days);
  if (year < FOUR_DIGIT_YEAR_MIN || year > FOUR_DIGIT_YEAR_MAX) return undefined;
  const secs = timeOfDay / MICROS_PER_SECOND;
  return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]} ${TWO_DIGITS[Math.floor(secs / SECONDS_PER_HOUR)]}:`
    + `${TWO_DIGITS[Math.floor(secs / SECONDS_PER_MINUTE) % MINUTES_PER_HOUR]}:${TWO_DIGITS[secs % SECONDS_PER_MINUTE]}`;
}

/** timestamp without time zone in `style`. */
export function formatTimestamp(micros: number, style: DateStyle = DEFAULT_DATE_STYLE): string {
  if (micros === Infinity) return 'infinity';
  if (micros === -Infinity) return '-infinity';
  if (style.style === 'ISO') {
    const fast = fastIsoTimestampText(micros);
    if (fast !== undefined) return fast;
  }
  return encodeTimestamp(micros, style);
}

/** timestamptz shown in `zone` and `style`: `2024-01-02 03:04:05+00`, `Tue Jan 02 03:04:05 2024 UTC`. */
export function formatTimestamptz(micros: number, zone: string, style: DateStyle = DEFAULT_DATE_STYLE): string {
  if (!Number.isFinite(micros)) return formatTimestamp(micros);
  const offset = zoneOffsetSeconds(zone, micros);
  const local = micros + offset * MICROS_PER_SECOND;
  if (style.style === 'ISO') {
    const fast = fastIsoTimestampText(local);
    if (fast !== undefined) return fast + formatOffset(offset);
    return encodeTimestamp(local, style, { offset, abbrev: '' });
  }
  return encodeTimestamp(local, style, { offset, abbrev: zoneAbbreviation(zone, micros) });
}

// ---------------------------------------------------------------- parsing

/** Digit value of the char at `i`, or -1. */
function digitAt(text: string, i: number): number {
  const d = text.charCodeAt(i) - 0x30;
  return d >= 0 && d <= 9 ? d : -1;
}

/** The number written by the digits at [start, end), or -1 if any is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = digitAt(text, i);
    if (d < 0) return -1;
    n = n * 10 + d;
  }
  return n;
}

const ISO_DATE_CHARS = 10;
const ISO_TIMESTAMP_CHARS = 19;

/**
 * Days of a plain `YYYY-MM-DD` (year 1–9999, a valid day), else undefined: the common form,
 * read by character codes. Anything else — and every error — goes through the full parser.
 */
function fastIsoDate(text: string): number | undefined {
  if (text.length < ISO_DATE_CHARS || text.charCodeAt(4) !== 0x2d || text.charCodeAt(7) !== 0x2d) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return daysFromCivil(year, month, day);
}

/** `YYYY-MM-DD HH:MM:SS[.ffffff]` (or with `T`) as µs, else undefined (see fastIsoDate). */
function fastIsoTimestamp(text: string): number | undefined {
  const n = text.length;
  if (n < ISO_TIMESTAMP_CHARS || n === ISO_TIMESTAMP_CHARS + 1 || n > ISO_TIMESTAMP_CHARS + 1 + FRACTION_DIGITS) return undefined;
  const sep = text.charCodeAt(ISO_DATE_CHARS);
  if ((sep !== 0x20 && sep !== 0x54) || text.charCodeAt(13) !== 0x3a || text.charCodeAt(16) !== 0x3a) return undefined;
  // fastIsoDate reads the first ISO_DATE_CHARS units only: no slice needed.
  const days = fastIsoDate(text);
  const h = digitsAt(text, 11, 13);
  const min = digitsAt(text, 14, 16);
  const s = digitsAt(text, 17, 19);
  if (days === undefined || h < 0 || h > 23 || min < 0 || min > 59 || s < 0 || s > 59) return undefined;
  let frac = 0;
  if (n > ISO_TIMESTAMP_CHARS) {
    if (text.charCodeAt(ISO_TIMESTAMP_CHARS) !== 0x2e) return undefined;
    frac = digitsAt(text, ISO_TIMESTAMP_CHARS + 1, n);
    if (frac < 0) return undefined;
    frac *= 10 ** (FRACTION_DIGITS - (n - ISO_TIMESTAMP_CHARS - 1));
  }
  return days * MICROS_PER_DAY + h * MICROS_PER_HOUR + min * MICROS_PER_MINUTE + s * MICROS_PER_SECOND + frac;
}

function outOfRange(what: string, text: string): SqlError {
  return new SqlError(SQLSTATE.DatetimeFieldOverflow, `${what} out of range: "${text}"`);
}

/** PostgreSQL's IS_VALID_JULIAN: the year and month the Julian-day routines accept. */
function validJulian(tm: TimeFields): boolean {
  return (tm.year > JULIAN_MIN_YEAR || (tm.year === JULIAN_MIN_YEAR && tm.month >= JULIAN_MIN_MONTH))
    && (tm.year < JULIAN_MAX_YEAR || (tm.year === JULIAN_MAX_YEAR && tm.month < JULIAN_MAX_MONTH));
}

function decodeFull(text: string, typeName: string, opts: DateTimeParseOptions, wantOffset: boolean) {
  const fields = splitDateFields(text);
  const decoded = fields ? decodeDateTime(fields, inputContext(opts), wantOffset) : { error: 'bad-format' as const };
  if ('error' in decoded) throw dateTimeParseError(decoded.error, text, typeName);
  return decoded;
}

export function parseDate(text: string, opts: DateTimeParseOptions = {}): number {
  if (text.length === ISO_DATE_CHARS) {
    const days = fastIsoDate(text);
    if (days !== undefined) return days;
  }
  const d = decodeFull(text, 'date', opts, false);
  if (d.kind === 'special') return d.special === 'late' ? Infinity : d.special === 'early' ? -Infinity : 0;
  if (!validJulian(d.tm)) throw outOfRange('date', text);
  const days = daysFromCivil(d.tm.year, d.tm.month, d.tm.day);
  if (days < MIN_DATE_DAYS || days >= END_DATE_DAYS) throw outOfRange('date', text);
  return days;
}

export function parseTime(text: string, opts: DateTimeParseOptions = {}): number {
  const fields = splitDateFields(text);
  const decoded = fields ? decodeTimeOnly(fields, inputContext(opts)) : { error: 'bad-format' as const };
  if ('error' in decoded) throw dateTimeParseError(decoded.error, text, 'time');
  const tm = decoded.tm;
  return ((tm.hour * MINUTES_PER_HOUR + tm.minute) * SECONDS_PER_MINUTE + tm.second) * MICROS_PER_SECOND + tm.fsec;
}

function timestampFromDecoded(text: string, typeName: string, opts: DateTimeParseOptions, withZone: boolean): number {
  const d = decodeFull(text, typeName, opts, withZone);
  if (d.kind === 'special') return d.special === 'late' ? Infinity : d.special === 'early' ? -Infinity : 0;
  if (!validJulian(d.tm)) throw outOfRange('timestamp', text);
  const local = fieldsToMicros(d.tm);
  const result = withZone ? local - d.offset * MICROS_PER_SECOND : local;
  if (!(result >= MIN_TIMESTAMP && result < END_TIMESTAMP)) throw outOfRange('timestamp', text);
  return result;
}

export function parseTimestamp(text: string, opts: DateTimeParseOptions = {}): number {
  const fast = fastIsoTimestamp(text);
  if (fast !== undefined) return fast;
  return timestampFromDecoded(text, 'timestamp', opts, false);
}

export function parseTimestamptz(text: string, zone: string, opts: DateTimeParseOptions = {}): number {
  return timestampFromDecoded(text, 'timestamp with time zone', { ...opts, timeZone: zone }, true);
}

/**
 * timestamp(p) / timestamptz(p): rounds to p fractional digits, halves away from PostgreSQL's
 * epoch (2000-01-01) as PostgreSQL rounds (AdjustTimestampForTypmod).
 */
export function roundTimestamp(micros: number, precision: number): number {
  if (!Number.isFinite(micros) || precision < 0 || precision >= MAX_TIMESTAMP_PRECISION) return micros;
  const scale = 10 ** (MAX_TIMESTAMP_PRECISION - precision);
  const t = micros - PG_EPOCH_MICROS;
  const rounded = t >= 0 ? Math.floor((t + scale / 2) / scale) * scale : -Math.floor((-t + scale / 2) / scale) * scale;
  return rounded + PG_EPOCH_MICROS;
}

/** time(p): rounds µs since midnight to p fractional digits (half up). */
export function roundTime(micros: number, precision: number): number {
  if (precision < 0 || precision >= MAX_TIMESTAMP_PRECISION) return micros;
  const scale = 10 ** (MAX_TIMESTAMP_PRECISION - precision);
  return Math.floor((micros + scale / 2) / scale) * scale;
}
