/**
 * Date/time functions: now() and friends (statement start time, stable within a statement),
 * clock_timestamp, current_date, date_trunc, age, to_timestamp, isfinite.
 * timestamptz fields are taken in the session TimeZone, as PostgreSQL does.
 */
import { localOffsetSeconds, zoneOffsetSeconds } from '../../types/datetime-codec-zone.js';
import { T } from '../../types/sql-type.js';
import { MICROS_PER_DAY, type Interval, type Value } from '../../types/value.js';
import { age } from '../datetime/interval-math.js';
import { truncateTimestamp } from '../datetime/datetime-fields.js';
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

const field = (value: Value): string => (value as string).toLowerCase().trim();

function nowMicros(): number {
  return Date.now() * MICROS_PER_MILLI;
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
    scalar([T.text, T.timestamp], T.timestamp, ([f, t]) => truncateTimestamp(field(f), t as number)),
    scalar([T.text, T.timestamptz], T.timestamptz,
      ([f, t], ctx) => fromLocal(truncateTimestamp(field(f), toLocal(t as number, ctx)), ctx), stable),
    scalar([T.text, T.timestamptz, T.text], T.timestamptz, ([f, t, z]) => {
      // A dynamic abbreviation stands for its whole zone here (timestamptz_trunc_zone).
      const arg = readZoneArgument(z as string);
      const zone: ZoneArgument = arg.kind === 'dynamic' ? { kind: 'zone', zone: arg.zone } : arg;
      const local = truncateTimestamp(field(f), (t as number) + offsetAtInstant(zone, t as number) * MICROS_PER_SECOND);
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
  { name: 'to_timestamp', overloads: [scalar([T.float8], T.timestamptz, ([s]) => Math.round((s as number) * MICROS_PER_SECOND))] },
  { name: 'isfinite', overloads: [
    scalar([T.date], T.bool, ([d]) => Number.isFinite(d as number)),
    scalar([T.timestamp], T.bool, ([d]) => Number.isFinite(d as number)),
  ] },
];
