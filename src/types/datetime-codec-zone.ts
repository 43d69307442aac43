/**
 * Session TimeZone handling for timestamptz: UTC offsets of IANA zones (through Intl), fixed
 * offsets, and PostgreSQL's offset rendering (`+00`, `+05:30`, `-08`).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_MINUTE = 60;
const MICROS_PER_SECOND = 1_000_000;
const MS_PER_SECOND = 1000;
const MICROS_PER_MILLI = 1000;
/** The largest |time value| a JS Date holds (±100,000,000 days from 1970). */
const MAX_DATE_MS = 8.64e15;
const UTC_NAMES = new Set(['utc', 'etc/utc', 'gmt', 'etc/gmt', 'z', 'zulu', 'universal', 'etc/universal']);
/** `+05:30`, `-8`, `+0530`: an ISO-style fixed offset (east of Greenwich is positive). */
const FIXED_OFFSET_RE = /^([+-])(\d{1,2})(?::?(\d{2}))?(?::?(\d{2}))?$/;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `±HH[:MM[:SS]]` pieces (sign, hours, optional minutes and seconds) as signed seconds. */
export function signedOffsetSeconds(sign: string, hours: string, minutes?: string, seconds?: string): number {
  const secs = Number(hours) * SECONDS_PER_HOUR + Number(minutes ?? 0) * SECONDS_PER_MINUTE + Number(seconds ?? 0);
  return sign === '-' ? -secs : secs;
}

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
        hour: 'numeric', minute: 'numeric', second: 'numeric', era: 'short',
      });
    } catch {
      return undefined;
    }
    formatters.set(zone, f);
  }
  return f;
}

/** True if `zone` is a time zone name or offset we can use. */
export function isValidTimeZone(zone: string): boolean {
  return UTC_NAMES.has(zone.toLowerCase()) || FIXED_OFFSET_RE.test(zone) || formatterFor(zone) !== undefined;
}

/** The zone's UTC offset in seconds (east positive) at the instant `epochMicros`. */
export function zoneOffsetSeconds(zone: string, epochMicros: number): number {
  if (UTC_NAMES.has(zone.toLowerCase())) return 0;
  const m = FIXED_OFFSET_RE.exec(zone);
  if (m) return signedOffsetSeconds(m[1]!, m[2]!, m[3], m[4]);
  const f = formatterFor(zone);
  if (!f) throw new SqlError(SQLSTATE.InvalidParameterValue, `time zone "${zone}" not recognized`);
  const ms = Math.floor(epochMicros / MICROS_PER_MILLI);
  // Intl only covers Date's range; clamp far dates to the nearest representable instant.
  const date = new Date(Math.max(-MAX_DATE_MS, Math.min(MAX_DATE_MS, ms)));
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(date)) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const local = new Date(Date.UTC(2000, Number(parts.month) - 1, Number(parts.day),
    Number(parts.hour), Number(parts.minute), Number(parts.second)));
  // Date.UTC maps years 0–99 to 19xx, so set the year separately.
  local.setUTCFullYear(year);
  const wholeSeconds = Math.floor(date.getTime() / MS_PER_SECOND) * MS_PER_SECOND;
  return Math.round((local.getTime() - wholeSeconds) / MS_PER_SECOND);
}

/** The offset of a local wall-clock time in `zone` (for parsing timestamptz without offset). */
export function localOffsetSeconds(zone: string, localMicros: number): number {
  const guess = zoneOffsetSeconds(zone, localMicros);
  const second = zoneOffsetSeconds(zone, localMicros - guess * MICROS_PER_SECOND);
  return second;
}

/** PostgreSQL's offset suffix: `+00`, `-08`, `+05:30`, `+00:19:32`. */
export function formatOffset(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const abs = Math.abs(offsetSeconds);
  const h = Math.floor(abs / SECONDS_PER_HOUR);
  const m = Math.floor((abs % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE);
  const s = abs % SECONDS_PER_MINUTE;
  let out = `${sign}${String(h).padStart(2, '0')}`;
  if (m || s) out += `:${String(m).padStart(2, '0')}`;
  if (s) out += `:${String(s).padStart(2, '0')}`;
  return out;
}
