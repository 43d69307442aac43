/**
 * extract(unit FROM v) (numeric) and date_part(unit, v) (double precision) for timestamp,
 * timestamptz, date, time and interval, as PostgreSQL 15 computes them: the units each type
 * supports (extract-units.ts), the numeric scale of each result (seconds 6, milliseconds 3,
 * Julian days as numeric division gives them), NULL or ±Infinity at ±infinity, and
 * date_part of a date taken through timestamp (it is an SQL function over timestamp there).
 */
import { Decimal } from 'decimal.js';
import { withScale } from '../../types/numeric-codec.js';
import { T, type SqlType } from '../../types/sql-type.js';
import { MICROS_PER_DAY, type Interval, type Value } from '../../types/value.js';
import { extractFromInterval, extractFromTimestamp } from '../datetime/datetime-fields.js';
import { extractUnit, UNBOUNDED_UNITS, type DateUnit } from '../datetime/extract-units.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { zoneOffsetSeconds } from '../../types/datetime-codec-zone.js';
import { sessionZone } from './datetime-functions.js';

const MICROS_PER_SECOND = 1_000_000;
const JULIAN_EPOCH_DAY = 2440588;
const time: SqlType = { id: 'time', array: false, typmod: -1 };

const TIMESTAMP = 'timestamp without time zone';
const TIMESTAMPTZ = 'timestamp with time zone';

/** Display scale of extract()'s numeric result per unit (int64_div_fast_to_numeric's). */
const SCALES: Partial<Record<DateUnit, number>> = { milliseconds: 3, second: 6, epoch: 6 };

/** PostgreSQL's numeric division keeps 16 significant digits past the quotient's weight. */
const DIV_MIN_SIG_DIGITS = 16;
const NBASE_DIGITS = 4;
const NBASE = 10_000;

/**
 * Julian day of a local timestamp as extract() gives it: date2j + µs-of-day / µs-per-day in
 * numeric, whose scale select_div_scale picks from the operands' base-10000 weights.
 */
function julianNumeric(local: number): Decimal {
  const days = Math.floor(local / MICROS_PER_DAY);
  const micros = local - days * MICROS_PER_DAY;
  const weight = (n: number) => (n === 0 ? 0 : Math.floor(Math.log10(n) / NBASE_DIGITS));
  const first = (n: number) => (n === 0 ? 0 : Math.floor(n / NBASE ** weight(n)));
  const qweight = weight(micros) - weight(MICROS_PER_DAY) - (first(micros) <= first(MICROS_PER_DAY) ? 1 : 0);
  const scale = DIV_MIN_SIG_DIGITS - qweight * NBASE_DIGITS;
  // Exact half-up rounding in integers: 16+ significant digits exceed decimal.js's default precision.
  const scaled = BigInt(micros) * 10n ** BigInt(scale);
  const divisor = BigInt(MICROS_PER_DAY);
  const digits = (scaled * 2n + divisor) / (divisor * 2n);
  const total = (BigInt(days + JULIAN_EPOCH_DAY) * 10n ** BigInt(scale) + digits).toString();
  // The Decimal constructor is exact, so the digits are placed as text, not divided.
  return withScale(new Decimal(`${total.slice(0, -scale) || '0'}.${total.slice(-scale)}`), scale);
}

/** A number as extract()'s numeric for `unit`. */
function asNumeric(unit: DateUnit, value: number): Decimal {
  const scale = SCALES[unit] ?? 0;
  return withScale(new Decimal(scale === 0 ? value : value.toFixed(scale)), scale);
}

/** ±infinity: ±Infinity for the unbounded units (year, epoch …), NULL for the rest. */
function nonFinite(unit: DateUnit, value: number, numeric: boolean): Value {
  if (!UNBOUNDED_UNITS.has(unit)) return null;
  return numeric ? new Decimal(value) : value;
}

const field = (v: Value, typeName: string): DateUnit => extractUnit((v as string).trim(), typeName);

/** One timestamp-like overload: `local` shifts the value to local time, `epoch` gives the epoch seconds. */
function stampPart(numeric: boolean, typeName: string, local: (v: number, ctx: EvalContext) => number) {
  return ([f, t]: readonly Value[], ctx: EvalContext): Value => {
    const unit = field(f!, typeName);
    const v = t as number;
    if (!Number.isFinite(v)) return nonFinite(unit, v, numeric);
    if (unit === 'epoch') return numeric ? asNumeric(unit, v / MICROS_PER_SECOND) : v / MICROS_PER_SECOND;
    const l = local(v, ctx);
    if (unit === 'timezone' || unit === 'timezone_hour' || unit === 'timezone_minute') {
      const east = Math.round((l - v) / MICROS_PER_SECOND);
      // `+ 0` turns C's truncating division's -0 into the 0 PostgreSQL prints.
      const result = (unit === 'timezone' ? east : unit === 'timezone_hour' ? Math.trunc(east / 3600) : Math.trunc(east / 60) % 60) + 0;
      return numeric ? asNumeric(unit, result) : result;
    }
    if (unit === 'julian' && numeric) return julianNumeric(l);
    const result = extractFromTimestamp(unit, l);
    return numeric ? asNumeric(unit, result) : result;
  };
}

const naive = (v: number) => v;
const zoned = (v: number, ctx: EvalContext) => v + zoneOffsetSeconds(sessionZone(ctx), v) * MICROS_PER_SECOND;

/** extract(… FROM date): integral for every unit (PostgreSQL's extract_date). */
function datePart([f, d]: readonly Value[]): Value {
  const unit = field(f!, 'date');
  const days = d as number;
  if (!Number.isFinite(days)) return nonFinite(unit, days, true);
  if (unit === 'julian') return withScale(new Decimal(days + JULIAN_EPOCH_DAY), 0);
  return asNumericWhole(unit === 'epoch' ? days * (MICROS_PER_DAY / MICROS_PER_SECOND) : extractFromTimestamp(unit, days * MICROS_PER_DAY));
}

const asNumericWhole = (v: number) => withScale(new Decimal(v), 0);

function timePart(numeric: boolean) {
  return ([f, t]: readonly Value[]): Value => {
    const unit = field(f!, 'time without time zone');
    const result = unit === 'epoch' ? (t as number) / MICROS_PER_SECOND : extractFromTimestamp(unit, t as number);
    return numeric ? asNumeric(unit, result) : result;
  };
}

function intervalPart(numeric: boolean) {
  return ([f, i]: readonly Value[]): Value => {
    const unit = field(f!, 'interval');
    const result = extractFromInterval(unit, i as Interval);
    return numeric ? asNumeric(unit, result) : result;
  };
}

const stable = { volatility: 'stable' } as const;

export const extractFunctions: readonly ScalarFunction[] = [
  { name: 'extract', overloads: [
    scalar([T.text, T.timestamp], T.numeric, stampPart(true, TIMESTAMP, naive)),
    scalar([T.text, T.timestamptz], T.numeric, stampPart(true, TIMESTAMPTZ, zoned), stable),
    scalar([T.text, T.date], T.numeric, datePart),
    scalar([T.text, T.interval], T.numeric, intervalPart(true)),
    scalar([T.text, time], T.numeric, timePart(true)),
  ] },
  { name: 'date_part', overloads: [
    scalar([T.text, T.timestamp], T.float8, stampPart(false, TIMESTAMP, naive)),
    scalar([T.text, T.timestamptz], T.float8, stampPart(false, TIMESTAMPTZ, zoned), stable),
    // date_part(text, date) is `date_part($1, $2::timestamp)` in PostgreSQL.
    scalar([T.text, T.date], T.float8, ([f, d], ctx) => stampPart(false, TIMESTAMP, naive)([f!, (d as number) * MICROS_PER_DAY], ctx)),
    scalar([T.text, T.interval], T.float8, intervalPart(false)),
    scalar([T.text, time], T.float8, timePart(false)),
  ] },
];
