/**
 * Date/time functions: now() and friends (statement start time, stable within a statement),
 * clock_timestamp, current_date, date_trunc, age, to_timestamp, isfinite.
 * timestamptz fields are taken in the session TimeZone, as PostgreSQL does.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { END_TIMESTAMP, MIN_TIMESTAMP } from '../../types/datetime-codec.js';
import { localOffsetSeconds, zoneOffsetSeconds } from '../../types/datetime-codec-zone.js';
import { T } from '../../types/sql-type.js';
import { MICROS_PER_DAY, type Interval, type Value } from '../../types/value.js';
import { age } from '../datetime/interval-math.js';
import { truncateTimestamp } from '../datetime/datetime-fields.js';
import { truncUnit } from '../datetime/extract-units.js';
import { offsetAtInstant, offsetAtWallClock, readZoneArgument, type ZoneArgument } from '../datetime/zone-argument.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_MILLI = 1000;

/** The session time zone name (default UTC). */
export function sessionZone(ctx: EvalContext): string {
  return ctx.setting('timezone') ?? 'UTC';
}

function toLocal(utc: number, ctx: EvalContext): number {
  return utc + zoneOffsetSeconds(sessionZone(ctx), utc) * MICROS_PER_SECOND;
}

function fromLocal(local: number, ctx: EvalContext): number {
  return local - localOffsetSeconds(sessionZone(ctx), local) * MICROS_PER_SECOND;
}

const TIMESTAMP = 'timestamp without time zone';
const TIMESTAMPTZ = 'timestamp with time zone';

function nowMicros(): number {
  return Date.now() * MICROS_PER_MILLI;
}

/** C's %g: six significant digits, trailing zeros dropped, exponent from 1e-5 down / 1e6 up. */
function formatG(v: number): string {
  const exp = v === 0 ? 0 : Math.floor(Math.log10(Math.abs(v)));
  if (exp < -4 || exp >= 6) {
    const [mantissa, e] = v.toExponential(5).split('e') as [string, string];
    const digits = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
    return `${digits}e${e[0]}${e.slice(1).padStart(2, '0')}`;
  }
  return String(Number(v.toPrecision(6)));
}

/** to_timestamp(seconds since 1970) as float8_timestamptz: NaN refused, ±Infinity kept, range checked. */
function toTimestamp(seconds: number): number {
  if (Number.isNaN(seconds)) throw new SqlError(SQLSTATE.DatetimeFieldOverflow, 'timestamp cannot be NaN');
  if (!Number.isFinite(seconds)) return seconds;
  const micros = Math.round(seconds * MICROS_PER_SECOND);
  if (seconds < MIN_TIMESTAMP / MICROS_PER_SECOND || seconds >= END_TIMESTAMP / MICROS_PER_SECOND || micros < MIN_TIMESTAMP || micros >= END_TIMESTAMP) {
    throw new SqlError(SQLSTATE.DatetimeFieldOverflow, `timestamp out of range: "${formatG(seconds)}"`);
  }
  return micros;
}

const stable = { volatility: 'stable' } as const;

export const datetimeFunctions: readonly ScalarFunction[] = [
  ...['now', 'current_timestamp', 'transaction_timestamp'].map((name) => ({
    name, overloads: [scalar([], T.timestamptz, (_a, ctx) => ctx.transactionTime, stable)],
  })),
  { name: 'statement_timestamp', overloads: [scalar([], T.timestamptz, (_a, ctx) => ctx.statementTime, stable)] },
  { name: 'localtimestamp', overloads: [scalar([], T.timestamp, (_a, ctx) => toLocal(ctx.transactionTime, ctx), stable)] },
  { name: 'clock_timestamp', overloads: [scalar([], T.timestamptz, () => nowMicros(), { volatility: 'volatile' })] },
  { name: 'current_date', overloads: [scalar([], T.date, (_a, ctx) => Math.floor(toLocal(ctx.transactionTime, ctx) / MICROS_PER_DAY), stable)] },
  { name: 'date_trunc', overloads: [
    scalar([T.text, T.timestamp], T.timestamp, ([f, t]) => truncateTimestamp(truncUnit(f as string, TIMESTAMP), t as number)),
    scalar([T.text, T.timestamptz], T.timestamptz,
      ([f, t], ctx) => fromLocal(truncateTimestamp(truncUnit(f as string, TIMESTAMPTZ), toLocal(t as number, ctx)), ctx), stable),
    scalar([T.text, T.timestamptz, T.text], T.timestamptz, ([f, t, z]) => {
      // A dynamic abbreviation stands for its whole zone here (timestamptz_trunc_zone).
      const arg = readZoneArgument(z as string);
      const zone: ZoneArgument = arg.kind === 'dynamic' ? { kind: 'zone', zone: arg.zone } : arg;
      const local = truncateTimestamp(truncUnit(f as string, TIMESTAMPTZ), (t as number) + offsetAtInstant(zone, t as number) * MICROS_PER_SECOND);
      return local - offsetAtWallClock(zone, local) * MICROS_PER_SECOND;
    }),
  ] },
  { name: 'age', overloads: [
    scalar([T.timestamp, T.timestamp], T.interval, ([a, b]) => age(a as number, b as number)),
    scalar([T.timestamptz, T.timestamptz], T.interval, ([a, b], ctx) => age(toLocal(a as number, ctx), toLocal(b as number, ctx)), stable),
    scalar([T.timestamptz], T.interval, ([a], ctx) => {
      const today = Math.floor(toLocal(ctx.transactionTime, ctx) / MICROS_PER_DAY) * MICROS_PER_DAY;
      return age(today, toLocal(a as number, ctx));
    }, stable),
  ] },
  { name: 'to_timestamp', overloads: [scalar([T.float8], T.timestamptz, ([s]) => toTimestamp(s as number))] },
  { name: 'isfinite', overloads: [
    scalar([T.date], T.bool, ([d]) => Number.isFinite(d as number)),
    scalar([T.timestamp], T.bool, ([d]) => Number.isFinite(d as number)),
  ] },
];
