/**
 * timezone(zone, ts) — what `ts AT TIME ZONE zone` means (PostgreSQL's grammar turns the syntax
 * into this call): a timestamptz becomes the wall-clock timestamp in `zone`; a timestamp is
 * read as wall-clock time in `zone` and becomes a timestamptz. The zone is an abbreviation or
 * a zone name (zone-argument.ts), or an interval (hours east of UTC).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import { formatText } from '../../types/text-codec.js';
import type { Interval, Value } from '../../types/value.js';
import { offsetAtInstant, offsetAtWallClock, readZoneArgument } from '../datetime/zone-argument.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const MICROS_PER_SECOND = 1_000_000;

/** The zone's offset east of UTC, in microseconds, at `utc` (or at wall-clock `local`). */
function offsetMicros(zone: Value, at: number, wallClock: boolean): number {
  if (typeof zone === 'string') {
    const arg = readZoneArgument(zone);
    return (wallClock ? offsetAtWallClock(arg, at) : offsetAtInstant(arg, at)) * MICROS_PER_SECOND;
  }
  const interval = zone as Interval;
  if (interval.months !== 0 || interval.days !== 0) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `interval time zone "${formatText(zone, T.interval)}" must not include months or days`);
  }
  return interval.micros;
}

const toWallClock = ([zone, utc]: readonly Value[]): Value => (utc as number) + offsetMicros(zone!, utc as number, false);
const fromWallClock = ([zone, local]: readonly Value[]): Value => (local as number) - offsetMicros(zone!, local as number, true);

export const timezoneFunctions: readonly ScalarFunction[] = [
  { name: 'timezone', overloads: [
    scalar([T.text, T.timestamptz], T.timestamp, toWallClock),
    scalar([T.text, T.timestamp], T.timestamptz, fromWallClock),
    scalar([T.interval, T.timestamptz], T.timestamp, toWallClock),
    scalar([T.interval, T.timestamp], T.timestamptz, fromWallClock),
  ] },
];
