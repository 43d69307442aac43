/**
 * Text forms written straight into a byte buffer as ASCII, for the output hot path (DataRow
 * cells): an integer, and a timestamp in ISO DateStyle. Each writes exactly the bytes of the
 * string form (`String(n)`, `formatTimestamp(µs)`) without building that string, which for a
 * streamed timestamp was a concatenated string flattened again by the cell copy (2026-12-08,
 * issue 8). Cases outside the fast form return 0 and the caller formats a string as before.
 */
import { civilFromDays } from './datetime-codec-calendar.js';
import { MICROS_PER_DAY, MICROS_PER_SECOND, SECONDS_PER_HOUR, SECONDS_PER_MINUTE, MINUTES_PER_HOUR } from './time-units.js';

const ZERO = 0x30;
const MINUS = 0x2d;
const SPACE = 0x20;
const COLON = 0x3a;
const DOT = 0x2e;
const TEN = 10;
/** Most bytes `writeIntAscii` writes: `-2147483648` (int4; larger safe integers fit too). */
export const INT_ASCII_MAX_BYTES = 17;
/** Most bytes `writeIsoTimestampAscii` writes: `YYYY-MM-DD HH:MM:SS.ffffff`. */
export const ISO_TIMESTAMP_MAX_BYTES = 26;
const FOUR_DIGIT_YEAR_MIN = 1000;
const FOUR_DIGIT_YEAR_MAX = 9999;
const FRACTION_DIGITS = 6;

/**
 * Writes a safe integer's decimal digits at `at`; returns the byte count (0 for a non-integer,
 * which the caller formats itself).
 * @example writeIntAscii(-42, buf, 0) // 3: buf holds "-42"
 */
export function writeIntAscii(n: number, out: Uint8Array, at: number): number {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n === 0 ? writeZero(out, at) : 0;
  let start = at;
  if (n < 0) {
    out[start++] = MINUS;
    n = -n;
  }
  let digits = 1;
  for (let rest = n; rest >= TEN; rest = Math.floor(rest / TEN)) digits++;
  for (let i = start + digits - 1; i >= start; i--) {
    out[i] = ZERO + (n % TEN);
    n = Math.floor(n / TEN);
  }
  return start + digits - at;
}

/** `-0` prints as `0` for integers (String(-0) is "0"). */
function writeZero(out: Uint8Array, at: number): number {
  out[at] = ZERO;
  return 1;
}

function two(out: Uint8Array, at: number, n: number): void {
  out[at] = ZERO + Math.floor(n / TEN);
  out[at + 1] = ZERO + (n % TEN);
}

/**
 * Writes a timestamp (µs since 1970) as ISO DateStyle prints it — `2024-01-02 03:04:05` and, with
 * a fraction, `.5` … `.123456` (trailing zeros dropped) — for AD years 1000–9999 (a fraction only within ±2^53 µs); returns the
 * byte count, or 0 for anything else (infinity, BC, five-digit years, non-integer µs).
 */
export function writeIsoTimestampAscii(micros: number, out: Uint8Array, at: number): number {
  if (!Number.isInteger(micros)) return 0;
  const days = Math.floor(micros / MICROS_PER_DAY);
  const timeOfDay = micros - days * MICROS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  if (year < FOUR_DIGIT_YEAR_MIN || year > FOUR_DIGIT_YEAR_MAX) return 0;
  const secs = Math.floor(timeOfDay / MICROS_PER_SECOND);
  const fraction = timeOfDay - secs * MICROS_PER_SECOND;
  // Beyond 2^53 µs the fraction is not exact here; encodeTimestamp rounds it its own way.
  if (fraction !== 0 && !Number.isSafeInteger(micros)) return 0;
  two(out, at, Math.floor(year / 100));
  two(out, at + 2, year % 100);
  out[at + 4] = MINUS;
  two(out, at + 5, month);
  out[at + 7] = MINUS;
  two(out, at + 8, day);
  out[at + 10] = SPACE;
  two(out, at + 11, Math.floor(secs / SECONDS_PER_HOUR));
  out[at + 13] = COLON;
  two(out, at + 14, Math.floor(secs / SECONDS_PER_MINUTE) % MINUTES_PER_HOUR);
  out[at + 16] = COLON;
  two(out, at + 17, secs % SECONDS_PER_MINUTE);
  let end = at + 19;
  if (fraction === 0) return end - at;
  out[end++] = DOT;
  let rest = fraction;
  let digits = FRACTION_DIGITS;
  while (rest % TEN === 0) {
    rest /= TEN;
    digits--;
  }
  for (let i = end + digits - 1; i >= end; i--) {
    out[i] = ZERO + (rest % TEN);
    rest = Math.floor(rest / TEN);
  }
  return end + digits - at;
}
