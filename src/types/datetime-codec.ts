/**
 * Text forms of date, time, timestamp and timestamptz exactly as PostgreSQL 15 prints them with
 * DateStyle `ISO, MDY` (`2024-01-02 03:04:05.123456+00`, `0044-03-15 BC`, `infinity`), and
 * their parsing. Values: date = days since 1970-01-01, time = µs since midnight, timestamps =
 * µs since 1970-01-01 00:00 UTC (value.ts).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { civilFromDays, daysFromCivil, daysInMonth } from './datetime-codec-calendar.js';
import { formatOffset, localOffsetSeconds, zoneOffsetSeconds } from './datetime-codec-zone.js';
import { MICROS_PER_DAY } from './value.js';

const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
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

/** timestamp without time zone. */
export function formatTimestamp(micros: number): string {
  if (micros === Infinity) return 'infinity';
  if (micros === -Infinity) return '-infinity';
  const days = Math.floor(micros / MICROS_PER_DAY);
  const { year, month, day } = civilFromDays(days);
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
  const secs = Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === '-' ? -secs : secs;
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

export function parseDate(text: string): number {
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
