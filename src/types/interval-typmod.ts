/**
 * interval's type modifier: the fields qualifier (`interval day`, `interval hour to minute`)
 * and the fractional-seconds precision (`interval(3)`), packed as PostgreSQL packs them
 * (INTERVAL_TYPMOD: range mask << 16 | precision). A qualifier decides what a bare number in
 * the input means (`'1'::interval day` is 1 day) and drops what lies right of its last field
 * (`'1 day 2:03:04'::interval hour to minute` is 1 day 02:03:00); the precision rounds seconds.
 */
import type { Interval } from './value.js';
import { MICROS_PER_HOUR, MICROS_PER_MINUTE, MONTHS_PER_YEAR } from './time-units.js';

/** datetime.h field bits: INTERVAL_MASK(YEAR) … INTERVAL_MASK(SECOND). */
const MASK = { MONTH: 1 << 1, YEAR: 1 << 2, DAY: 1 << 3, HOUR: 1 << 10, MINUTE: 1 << 11, SECOND: 1 << 12 } as const;
/** No qualifier / no precision written. */
const INTERVAL_FULL_RANGE = 0x7fff;
const INTERVAL_FULL_PRECISION = 0xffff;
const RANGE_SHIFT = 16;
const MAX_PRECISION = 6;

/** The typmod for a written range mask (INTERVAL_FULL_RANGE when absent) and precision. */
export function intervalTypmod(range: number, precision?: number): number {
  return (range << RANGE_SHIFT) | ((precision ?? INTERVAL_FULL_PRECISION) & 0xffff);
}

function rangeOf(typmod: number): number {
  return typmod < 0 ? INTERVAL_FULL_RANGE : (typmod >> RANGE_SHIFT) & INTERVAL_FULL_RANGE;
}

/** The fields qualifier of a typmod (RANGE bits; FULL_RANGE when none, or no typmod). */
export function intervalRange(typmod: number): number {
  return rangeOf(typmod);
}

/** The qualifier bits, exported for interval input (INTERVAL_MASK). */
export const RANGE = { ...MASK, FULL: INTERVAL_FULL_RANGE } as const;

/** PostgreSQL's AdjustIntervalForTypmod: drop the fields right of the qualifier, round seconds. */
export function adjustInterval(v: Interval, typmod: number): Interval {
  const range = rangeOf(typmod);
  const precision = typmod & 0xffff;
  let { months, days, micros } = v;
  if (range === MASK.YEAR) { months = Math.trunc(months / MONTHS_PER_YEAR) * MONTHS_PER_YEAR; days = 0; micros = 0; }
  else if (range === MASK.MONTH || range === (MASK.YEAR | MASK.MONTH)) { days = 0; micros = 0; }
  else if (range === MASK.DAY) micros = 0;
  else if (range !== INTERVAL_FULL_RANGE && !(range & MASK.SECOND)) {
    const unit = range & MASK.MINUTE ? MICROS_PER_MINUTE : MICROS_PER_HOUR;
    micros = Math.trunc(micros / unit) * unit;
  }
  if (precision !== INTERVAL_FULL_PRECISION && precision < MAX_PRECISION) {
    const scale = 10 ** (MAX_PRECISION - precision);
    micros = Math.sign(micros) * Math.round(Math.abs(micros) / scale) * scale;
  }
  return { months, days, micros: micros || 0 };
}

const FIELD_NAMES: readonly [number, string][] = [
  [MASK.YEAR, 'year'], [MASK.MONTH, 'month'], [MASK.DAY, 'day'], [MASK.HOUR, 'hour'], [MASK.MINUTE, 'minute'], [MASK.SECOND, 'second'],
];

/** `interval day to second(3)` as format_type shows it (the suffix after `interval`). */
export function intervalTypmodSuffix(typmod: number): string {
  const range = rangeOf(typmod);
  const precision = typmod & 0xffff;
  const fields = range === INTERVAL_FULL_RANGE ? [] : FIELD_NAMES.filter(([m]) => range & m).map(([, n]) => n);
  const qualifier = fields.length === 0 ? '' : fields.length === 1 ? ` ${fields[0]}` : ` ${fields[0]} to ${fields[fields.length - 1]}`;
  return precision === INTERVAL_FULL_PRECISION ? qualifier : `${qualifier}(${precision})`;
}
