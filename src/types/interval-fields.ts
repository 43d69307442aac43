/**
 * The accumulator interval input adds its fields into — years, months, days as 32-bit integers
 * and microseconds as a 64-bit one, exactly — with PostgreSQL's overflow rules for each step
 * (a step that leaves the range fails the input with 22015), and its conversion to a value.
 */
import type { Interval } from './value.js';
import { MICROS_PER_DAY, MONTHS_PER_YEAR } from './time-units.js';

export interface IntervalAccumulator {
  year: number;
  mon: number;
  mday: number;
  usec: bigint;
}

export const INT32_MAX = 2147483647;
export const INT32_MIN = -2147483648;
export const INT64_MAX = (1n << 63n) - 1n;
export const INT64_MIN = -(1n << 63n);
const HALF = 0.5;

export function emptyAccumulator(): IntervalAccumulator {
  return { year: 0, mon: 0, mday: 0, usec: 0n };
}

const fitsInt32 = (n: number) => n >= INT32_MIN && n <= INT32_MAX;
const fitsInt64 = (n: bigint) => n >= INT64_MIN && n <= INT64_MAX;

/** Adds frac × scale µs, rounding the fraction of a microsecond (AdjustFractMicroseconds). */
export function addFractMicros(acc: IntervalAccumulator, frac: number, scale: number): boolean {
  if (frac === 0) return true;
  const scaled = frac * scale;
  let usec = Math.trunc(scaled);
  const rest = scaled - usec;
  if (rest > HALF) usec++;
  else if (rest < -HALF) usec--;
  const sum = acc.usec + BigInt(usec);
  if (!fitsInt64(sum)) return false;
  acc.usec = sum;
  return true;
}

/** Adds frac × scale days: whole days to days, the rest as µs (AdjustFractDays). */
export function addFractDays(acc: IntervalAccumulator, frac: number, scale: number): boolean {
  if (frac === 0) return true;
  const scaled = frac * scale;
  const extra = Math.trunc(scaled);
  const days = acc.mday + extra;
  if (!fitsInt32(days)) return false;
  acc.mday = days;
  return addFractMicros(acc, scaled - extra, MICROS_PER_DAY);
}

/** Adds frac × scale years as whole months, dropping any fraction of a month (AdjustFractYears). */
export function addFractYears(acc: IntervalAccumulator, frac: number, scale: number): boolean {
  const extra = roundHalfEven(frac * scale * MONTHS_PER_YEAR);
  const mon = acc.mon + extra;
  if (!fitsInt32(mon)) return false;
  acc.mon = mon;
  return true;
}

/** C's rint (ties to even). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === HALF && r % 2 !== 0 ? r - 1 : r;
}

/** Adds (val + fval) × scale µs (AdjustMicroseconds). */
export function addMicros(acc: IntervalAccumulator, val: bigint, fval: number, scale: number): boolean {
  const s = BigInt(scale);
  if (val < INT64_MIN / s || val > INT64_MAX / s) return false;
  const sum = acc.usec + val * s;
  if (!fitsInt64(sum)) return false;
  acc.usec = sum;
  return addFractMicros(acc, fval, scale);
}

/** Adds val × scale days (AdjustDays). */
export function addDays(acc: IntervalAccumulator, val: bigint, scale: number): boolean {
  if (val < BigInt(INT32_MIN) || val > BigInt(INT32_MAX)) return false;
  const days = Number(val) * scale;
  if (!fitsInt32(days)) return false;
  const sum = acc.mday + days;
  if (!fitsInt32(sum)) return false;
  acc.mday = sum;
  return true;
}

/** Adds val months (AdjustMonths). */
export function addMonths(acc: IntervalAccumulator, val: bigint): boolean {
  if (val < BigInt(INT32_MIN) || val > BigInt(INT32_MAX)) return false;
  const sum = acc.mon + Number(val);
  if (!fitsInt32(sum)) return false;
  acc.mon = sum;
  return true;
}

/** Adds val × scale years (AdjustYears). */
export function addYears(acc: IntervalAccumulator, val: bigint, scale: number): boolean {
  if (val < BigInt(INT32_MIN) || val > BigInt(INT32_MAX)) return false;
  const years = Number(val) * scale;
  if (!fitsInt32(years)) return false;
  const sum = acc.year + years;
  if (!fitsInt32(sum)) return false;
  acc.year = sum;
  return true;
}

/** The interval value, or undefined when years and months together leave int32 (itmin2interval). */
export function accumulatorToInterval(acc: IntervalAccumulator): Interval | undefined {
  const months = acc.year * MONTHS_PER_YEAR + acc.mon;
  if (!fitsInt32(months)) return undefined;
  return { months: months || 0, days: acc.mday || 0, micros: Number(acc.usec) || 0 };
}
