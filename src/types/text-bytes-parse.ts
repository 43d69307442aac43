/**
 * The common text forms read straight from ASCII bytes, for COPY FROM's column loader: a plain
 * integer, a plain decimal float and an ISO timestamp, each giving exactly what the string
 * parser (text-codec.ts, float-codec.ts, datetime-codec.ts) gives for the same text, without
 * making that string. Anything else (spaces, exponents, words, out of range, errors) is NaN,
 * and the caller hands the text to the string parser, which decides.
 */
import { daysFromCivil, daysInMonth } from './datetime-codec-calendar.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from './time-units.js';

const ZERO = 0x30;
const NINE = 0x39;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const COLON = 0x3a;
const SPACE = 0x20;
const LETTER_T = 0x54;
const INT4_MIN = -2147483648;
const INT4_MAX = 2147483647;
/** Digits whose integer is exact in a double (< 2^53), the first condition of Clinger's fast path. */
const EXACT_DIGITS = 15;
/** Powers of ten exact in a double: 10^0 … 10^22. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, i) => 10 ** i);
const ISO_DATE_BYTES = 10;
const ISO_TIMESTAMP_BYTES = 19;
const FRACTION_DIGITS = 6;

/**
 * `[+-]digits` in int4's range, else NaN.
 * @example parseInt4Ascii(Buffer.from('-42'), 0, 3) // -42
 */
export function parseInt4Ascii(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const sign = bytes[i];
  if (sign === MINUS || sign === PLUS) i++;
  const MAX_INT4_DIGITS = 10;
  if (i === end || end - i > MAX_INT4_DIGITS) return NaN;
  let n = 0;
  for (; i < end; i++) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  if (sign === MINUS) n = -n;
  return n >= INT4_MIN && n <= INT4_MAX ? n : NaN;
}

/**
 * `[+-]digits[.digits]` as float8, exactly `Number(text)`: up to 15 significant digits and 22
 * fraction digits it is one correctly rounded division of exact doubles (Clinger's fast path);
 * longer ones are read by `Number` from their Latin-1 text. NaN for any other form (and for a
 * non-zero value that underflows to 0, which the string parser refuses).
 */
export function parsePlainFloatAscii(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  const sign = bytes[i];
  if (sign === MINUS || sign === PLUS) i++;
  let digits = 0;
  let fraction = -1;
  let mantissa = 0;
  for (; i < end; i++) {
    const c = bytes[i]!;
    if (c >= ZERO && c <= NINE) {
      mantissa = mantissa * 10 + (c - ZERO);
      digits++;
      if (fraction >= 0) fraction++;
    } else if (c === DOT && fraction < 0) fraction = 0;
    else return NaN;
  }
  if (digits === 0) return NaN;
  const scale = fraction < 0 ? 0 : fraction;
  if (digits <= EXACT_DIGITS && scale < POWERS_OF_TEN.length) {
    const v = mantissa / POWERS_OF_TEN[scale]!;
    return sign === MINUS ? -v : v;
  }
  // A Buffer (as COPY's loader passes) slices its text without a view object per field.
  const text = Buffer.isBuffer(bytes) ? bytes.toString('latin1', start, end)
    : Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');
  const v = Number(text);
  return Number.isFinite(v) && (v !== 0 || mantissa === 0) ? v : NaN;
}

/** `YYYY-MM-DD HH:MM:SS[.f…]` (or `T`; year 1–9999, a valid date and time) as µs, else NaN. */
export function parseIsoTimestampAscii(bytes: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if (n < ISO_TIMESTAMP_BYTES || n === ISO_TIMESTAMP_BYTES + 1 || n > ISO_TIMESTAMP_BYTES + 1 + FRACTION_DIGITS) return NaN;
  const sep = bytes[start + ISO_DATE_BYTES];
  if ((sep !== SPACE && sep !== LETTER_T) || bytes[start + 4] !== MINUS || bytes[start + 7] !== MINUS
    || bytes[start + 13] !== COLON || bytes[start + 16] !== COLON) return NaN;
  const year = digits(bytes, start, start + 4);
  const month = digits(bytes, start + 5, start + 7);
  const day = digits(bytes, start + 8, start + 10);
  const h = digits(bytes, start + 11, start + 13);
  const min = digits(bytes, start + 14, start + 16);
  const s = digits(bytes, start + 17, start + 19);
  if (!(year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month))) return NaN;
  if (!(h >= 0 && h <= 23 && min >= 0 && min <= 59 && s >= 0 && s <= 59)) return NaN;
  let frac = 0;
  if (n > ISO_TIMESTAMP_BYTES) {
    if (bytes[start + ISO_TIMESTAMP_BYTES] !== DOT) return NaN;
    frac = digits(bytes, start + ISO_TIMESTAMP_BYTES + 1, end);
    if (!(frac >= 0)) return NaN;
    frac *= 10 ** (FRACTION_DIGITS - (n - ISO_TIMESTAMP_BYTES - 1));
  }
  return daysFromCivil(year, month, day) * MICROS_PER_DAY + h * MICROS_PER_HOUR + min * MICROS_PER_MINUTE
    + s * MICROS_PER_SECOND + frac;
}

/** The number the digits at [start, end) write, or NaN if a byte is not a digit. */
function digits(bytes: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}
