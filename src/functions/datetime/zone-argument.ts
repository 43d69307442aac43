/**
 * A time zone given as a text argument (`x AT TIME ZONE 'MSK'`, make_timestamptz(…, 'EST'),
 * date_trunc(…, 'Europe/Prague')), read in PostgreSQL's order: a time zone abbreviation first
 * (fixed, like `EST`, or dynamic, like `MSK`, whose offset follows its zone's history), then a
 * zone name from the tz database. make_timestamptz also reads `+hh[:mm[:ss]]` first
 * (parse_sane_timezone).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { refAbbrevLocalOffsetSeconds, refLocalOffsetSeconds, refOffsetSeconds, resolveZone, type ZoneRef } from '../../types/datetime-codec-zone.js';
import { decodeTimezone } from '../../types/datetime-decode-parts.js';
import { zoneNotRecognized } from '../../types/datetime-decode-fields.js';
import { lookupZoneAbbreviation } from '../../types/timezone-abbreviations.js';

/** A zone argument resolved once: a fixed offset (seconds east), or a zone to consult per value. */
export type ZoneArgument =
  | { readonly kind: 'fixed'; readonly offset: number }
  | { readonly kind: 'dynamic'; readonly zone: ZoneRef }
  | { readonly kind: 'zone'; readonly zone: ZoneRef };

/** The abbreviation or zone `text` names (22023 `not recognized` when neither does). */
export function readZoneArgument(text: string): ZoneArgument {
  const abbrev = lookupZoneAbbreviation(text.toLowerCase());
  if (abbrev?.kind === 'fixed') return { kind: 'fixed', offset: abbrev.offset };
  if (abbrev?.kind === 'dynamic') {
    const zone = resolveZone(abbrev.zone);
    if (zone) return { kind: 'dynamic', zone };
  }
  const zone = resolveZone(text);
  if (!zone) throw zoneNotRecognized(text);
  return { kind: 'zone', zone };
}

/**
 * make_timestamptz's zone: a leading digit is refused (22023, a numeric zone needs its sign),
 * `+hh[:mm[:ss]]` / `-hhmm` is an offset east of UTC, anything else as readZoneArgument.
 */
export function readNumericOrNamedZone(text: string): ZoneArgument {
  if (/^[0-9]/.test(text)) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `invalid input syntax for type numeric time zone: "${text}"`,
      { hint: 'Numeric time zones must have "-" or "+" as first character.' });
  }
  const numeric = decodeTimezone(text);
  if ('offset' in numeric) return { kind: 'fixed', offset: numeric.offset };
  if (numeric.error === 'tz-overflow') throw new SqlError(SQLSTATE.InvalidParameterValue, `numeric time zone "${text}" out of range`);
  return readZoneArgument(text);
}

/** Seconds east of UTC at the UTC instant `utc` (timestamptz AT TIME ZONE). */
export function offsetAtInstant(arg: ZoneArgument, utc: number): number {
  return arg.kind === 'fixed' ? arg.offset : refOffsetSeconds(arg.zone, utc);
}

/**
 * Seconds east of UTC for the wall-clock time `local` (timestamp AT TIME ZONE): a zone's
 * gap/overlap rule, or what a dynamic abbreviation meant then.
 */
export function offsetAtWallClock(arg: ZoneArgument, local: number): number {
  if (arg.kind === 'fixed') return arg.offset;
  return arg.kind === 'zone' ? refLocalOffsetSeconds(arg.zone, local) : refAbbrevLocalOffsetSeconds(arg.zone, local);
}
