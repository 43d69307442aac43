/**
 * Text forms of date, time, timestamp and timestamptz exactly as PostgreSQL 15 prints them with
 * DateStyle `ISO, MDY` (`2024-01-02 03:04:05.123456+00`, `0044-03-15 BC`, `infinity`), and
 * their parsing. Values: date = days since 1970-01-01, time = µs since midnight, timestamps =
 * µs since 1970-01-01 00:00 UTC (value.ts).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { civilFromDays, daysFromCivil, daysInMonth } from './datetime-codec-calendar.js';
import { formatOffset, localOffsetSeconds, signedOffsetSeconds, zoneOffsetSeconds } from './datetime-codec-zone.js';
import { MICROS_PER_DAY } from './value.js';

const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
const SECONDS_PER_MINUTE = 60;
const MINUTES_PER_HOUR = 60;
const SECONDS_PER_HOUR = SECONDS_PER_MINUTE * MINUTES_PER_HOUR;
const FRACTION_DIGITS = 6;
const YEAR_DIGITS = 4;

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `2024-01-02`, `0044-03-15 BC`. */
export function formatDate(days: number): string {
  if (days === Infinity) return 'infinity';
  if (days === -Infinity) return '-infinity';
  const { year, month, day } = civilFromDays(days);
  return formatYmd(year, month, day);
}

function formatYmd(year: number, month: number, day: number): string {
  const bc = year <= 0;
  const y = String(bc ? 1 - year : year).padStart(YEAR_DIGITS, '0');
  return `${y}-${pad2(month)}-${pad2(day)}${bc ? ' BC' : ''}`;
}

/** `03:04:05`, `03:04:05.12` (fraction trailing zeros trimmed, as PG). */
export function formatTime(micros: number): string {
  const h = Math.floor(micros / MICROS_PER_HOUR);
  const m = Math.floor((micros % MICROS_PER_HOUR) / MICROS_PER_MINUTE);
  const s = Math.floor((micros % MICROS_PER_MINUTE) / MICROS_PER_SECOND);
  const frac = micros % MICROS_PER_SECOND;
  let out = `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  if (frac) out += '.' + String(frac).padStart(FRACTION_DIGITS, '0').replace(/0+$/, '');
  return out;
}

/** `00`…`99`: two-digit fields without padStart on the output hot path. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const FOUR_DIGIT_YEAR_MIN = 1000;
const FOUR_DIGIT_YEAR_MAX = 9999;

/** timestamp without time zone. */
export function formatTimestamp(micros: number): string {
  if (micros === Infinity) return 'infinity';
  if (micros === -Infinity) return '-infinity';
  const days = Math.floor(micros / MICROS_PER_DAY);
  const { year, month, day } = civilFromDays(days);
  const timeOfDay = micros - days * MICROS_PER_DAY;
  if (year >= FOUR_DIGIT_YEAR_MIN && year <= FOUR_DIGIT_YEAR_MAX && timeOfDay % MICROS_PER_SECOND === 0) {
    // Whole seconds in a four-digit AD year, the common case: no padding or fraction work.
    const secs = timeOfDay / MICROS_PER_SECOND;
    return `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]} ${TWO_DIGITS[Math.floor(secs / SECONDS_PER_HOUR)]}:`
      + `${TWO_DIGITS[Math.floor(secs / SECONDS_PER_MINUTE) % MINUTES_PER_HOUR]}:${TWO_DIGITS[secs % SECONDS_PER_MINUTE]}`;
  }
  const bc = year <= 0;
  const ymd = formatYmd(year, month, day).replace(' BC', '');
  return `${ymd} ${formatTime(micros - days * MICROS_PER_DAY)}${bc ? ' BC' : ''}`;
}

/** timestamptz rendered in `zone`: `2024-01-02 03:04:05+00`. */
export function formatTimestamptz(micros: number, zone: string): string {
  if (!Number.isFinite(micros)) return formatTimestamp(micros);
  const offset = zoneOffsetSeconds(zone, micros);
  const local = formatTimestamp(micros + offset * MICROS_PER_SECOND);
  const bc = local.endsWith(' BC');
  return `${bc ? local.slice(0, -3) : local}${formatOffset(offset)}${bc ? ' BC' : ''}`;
}

// ---------------------------------------------------------------- parsing

const DATE_RE = /^(\d{1,7})-(\d{1,2})-(\d{1,2})$/;
const TIME_RE = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?$/;
const OFFSET_RE = /^(?:([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?|z|utc|gmt)$/i;

function syntaxError(typeName: string, text: string): SqlError {
  return new SqlError(SQLSTATE.InvalidDatetimeFormat, `invalid input syntax for type ${typeName}: "${text}"`);
}

function rangeError(text: string): SqlError {
  return new SqlError(SQLSTATE.DatetimeFieldOverflow, `date/time field value out of range: "${text}"`);
}

interface ParsedDateTime {
  days: number;
  micros: number;
  /** Seconds east of UTC when the text carried an offset. */
  offset?: number;
}

function parseDatePart(part: string, bc: boolean, typeName: string, text: string): number {
  const m = DATE_RE.exec(part);
  if (!m) throw syntaxError(typeName, text);
  let year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || year === 0) throw rangeError(text);
  if (bc) year = 1 - year;
  if (day > daysInMonth(year, month)) throw rangeError(text);
  return daysFromCivil(year, month, day);
}

function parseTimePart(part: string, typeName: string, text: string): number {
  const m = TIME_RE.exec(part);
  if (!m) throw syntaxError(typeName, text);
  const h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3] ?? 0);
  // Round the fraction to microseconds as PG does.
  const frac = m[4] ? Math.round(Number(`0.${m[4]}`) * MICROS_PER_SECOND) : 0;
  if (min > 59 || s > 60 || h > 24 || (h === 24 && (min || s || frac))) throw rangeError(text);
  return h * MICROS_PER_HOUR + min * MICROS_PER_MINUTE + s * MICROS_PER_SECOND + frac;
}

function parseOffset(part: string): number | undefined {
  const m = OFFSET_RE.exec(part);
  if (!m) return undefined;
  if (!m[1]) return 0;
  return signedOffsetSeconds(m[1], m[2]!, m[3], m[4]);
}

/** Splits `date[ T]time[offset][ BC]` into its parts. */
function parseDateTime(text: string, typeName: string, needTime: boolean): ParsedDateTime {
  let t = text.trim();
  let bc = false;
  if (/\s+bc$/i.test(t)) { bc = true; t = t.replace(/\s+bc$/i, ''); }
  else t = t.replace(/\s+ad$/i, '');
  const m = /^(\d{1,7}-\d{1,2}-\d{1,2})(?:[ T]+(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(.*))?$/i.exec(t);
  if (!m) throw syntaxError(typeName, text);
  const days = parseDatePart(m[1]!, bc, typeName, text);
  if (!m[2]) {
    if (needTime && m[3]) throw syntaxError(typeName, text);
    return { days, micros: 0 };
  }
  const micros = parseTimePart(m[2], typeName, text);
  if (!m[3]) return { days, micros };
  const offset = parseOffset(m[3].trim());
  if (offset === undefined) throw syntaxError(typeName, text);
  return { days, micros, offset };
}

function special(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'infinity' || t === '+infinity') return Infinity;
  if (t === '-infinity') return -Infinity;
  if (t === 'epoch') return 0;
  return undefined;
}

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
  const days = fastIsoDate(text.slice(0, ISO_DATE_CHARS));
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

export function parseDate(text: string): number {
  if (text.length === ISO_DATE_CHARS) {
    const days = fastIsoDate(text);
    if (days !== undefined) return days;
  }
  const s = special(text);
  if (s !== undefined) return s;
  return parseDateTime(text, 'date', false).days;
}

export function parseTime(text: string): number {
  const t = text.trim();
  const m = /^(\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(t);
  if (!m) throw syntaxError('time without time zone', text);
  return parseTimePart(m[1]!, 'time without time zone', text);
}

export function parseTimestamp(text: string): number {
  const fast = fastIsoTimestamp(text);
  if (fast !== undefined) return fast;
  const s = special(text);
  if (s !== undefined) return s;
  const p = parseDateTime(text, 'timestamp', true);
  // timestamp without time zone ignores a written offset, as PostgreSQL does.
  return p.days * MICROS_PER_DAY + p.micros;
}

export function parseTimestamptz(text: string, zone: string): number {
  const s = special(text);
  if (s !== undefined) return s;
  const p = parseDateTime(text, 'timestamp with time zone', true);
  const local = p.days * MICROS_PER_DAY + p.micros;
  const offset = p.offset ?? localOffsetSeconds(zone, local);
  return local - offset * MICROS_PER_SECOND;
}
