/**
 * Time zones for timestamptz: what a zone name means (an IANA zone through Intl, a number of
 * hours east as `SET TIME ZONE 5` takes it, or a POSIX-style `GMT+8` / `<+03>-3`, whose offset
 * is hours WEST as POSIX writes it), a zone's UTC offset at an instant, the offset of a local
 * wall-clock time (with PostgreSQL's rule for the gaps and overlaps of DST changes), the
 * abbreviation PostgreSQL prints (`PST`, `+05`, `LMT`), and offset rendering (`+00`, `+05:30`).
 */
import { boundedCache } from '../common/bounded-cache.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { MICROS_PER_DAY, MICROS_PER_MILLI, MICROS_PER_SECOND, SECONDS_PER_DAY, SECONDS_PER_HOUR, SECONDS_PER_MINUTE } from './time-units.js';

const MS_PER_SECOND = 1000;
/** The largest |time value| a JS Date holds (±100,000,000 days from 1970). */
const MAX_DATE_MS = 8.64e15;
/** Offset-cache entries per zone before it is cleared (days with a constant offset). */
const OFFSET_CACHE_LIMIT = 100_000;
/** Zone names remembered (any string a client SETs is looked up once; the tz database has ~600). */
const ZONE_CACHE_LIMIT = 1024;

/** A resolved zone: an Intl zone id, or a fixed offset with the abbreviation PostgreSQL shows. */
export type ZoneRef =
  | { readonly kind: 'iana'; readonly id: string }
  | { readonly kind: 'fixed'; readonly offset: number; readonly abbrev: string };

const UTC: ZoneRef = { kind: 'fixed', offset: 0, abbrev: 'UTC' };
/** A name neither the tz database nor POSIX knows (the cache holds no undefined). */
const UNKNOWN_ZONE = 'unknown';
const zones = boundedCache<string, ZoneRef | typeof UNKNOWN_ZONE>(ZONE_CACHE_LIMIT);
/** `NAME±h[:mm[:ss]]` or `<NAME>±h…`: a POSIX zone without daylight rules. */
const POSIX_RE = /^(?:([a-z]{3,})|<([^>]*)>|)([+-]?)(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?$/i;
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/** `±HH[:MM[:SS]]` pieces (sign, hours, optional minutes and seconds) as signed seconds. */
export function signedOffsetSeconds(sign: string, hours: string, minutes?: string, seconds?: string): number {
  const secs = Number(hours) * SECONDS_PER_HOUR + Number(minutes ?? 0) * SECONDS_PER_MINUTE + Number(seconds ?? 0);
  return sign === '-' ? -secs : secs;
}

/** `+05`, `-08`, `+05:30`: the abbreviation of a fixed offset with no name. */
function numericAbbrev(offset: number): string {
  return formatOffset(offset);
}

function fixedZone(offset: number, abbrev?: string): ZoneRef {
  return { kind: 'fixed', offset, abbrev: abbrev ?? numericAbbrev(offset) };
}

function intlZone(name: string): ZoneRef | undefined {
  try {
    const id = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
    return id === 'UTC' || id === 'Etc/UTC' || id === 'Etc/GMT' ? UTC : { kind: 'iana', id };
  } catch {
    return undefined;
  }
}

/**
 * What a zone name means, as PostgreSQL's pg_tzset reads it (case-insensitive): the tz
 * database first, then a POSIX specification. Undefined when neither knows it.
 */
export function resolveZone(name: string): ZoneRef | undefined {
  let z = zones.get(name);
  if (z === undefined) {
    z = resolveUncached(name) ?? UNKNOWN_ZONE;
    zones.set(name, z);
  }
  return z === UNKNOWN_ZONE ? undefined : z;
}

function resolveUncached(name: string): ZoneRef | undefined {
  const posix = POSIX_RE.exec(name);
  // ICU reads `GMT+8` as UTC+8; POSIX (and PostgreSQL) as UTC-8, so POSIX goes first.
  if (posix && !/^etc\//i.test(name)) {
    const west = signedOffsetSeconds(posix[3] === '-' ? '-' : '+', posix[4]!, posix[5], posix[6]);
    const label = posix[1] !== undefined ? posix[1].toUpperCase() : posix[2] ?? '';
    return fixedZone(-west || 0, label);
  }
  return intlZone(name);
}

/**
 * A TimeZone setting value: a number of hours east (`5`, `-8`, `5.5`), else a zone name.
 * Returns the zone and the value SHOW prints, or undefined.
 */
export function resolveTimeZoneSetting(value: string): { zone: ZoneRef; shown: string } | undefined {
  if (NUMBER_RE.test(value)) {
    const seconds = Math.round(Number(value) * SECONDS_PER_HOUR);
    const abbrev = numericAbbrev(seconds);
    return { zone: fixedZone(seconds, abbrev), shown: `<${abbrev}>${formatOffset(-seconds)}` };
  }
  const zone = resolveZone(value);
  if (!zone) return undefined;
  let shown = value;
  if (zone.kind === 'iana' && zone.id.toLowerCase() === value.toLowerCase()) shown = zone.id;
  else if (zone === UTC && value.toLowerCase() === 'utc') shown = 'UTC';
  return { zone, shown };
}

/** True if `zone` is a TimeZone value we can use. */
export function isValidTimeZone(zone: string): boolean {
  return resolveTimeZoneSetting(zone) !== undefined;
}

function zoneRef(zone: string): ZoneRef {
  const z = resolveTimeZoneSetting(zone)?.zone;
  if (!z) throw new SqlError(SQLSTATE.InvalidParameterValue, `time zone "${zone}" not recognized`);
  return z;
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const abbrevFormatters = new Map<string, Intl.DateTimeFormat>();
/** Offsets by `zone id:UTC day` (NaN: the offset changes that day). */
const offsets = boundedCache<string, number>(OFFSET_CACHE_LIMIT);

function offsetFormatter(id: string): Intl.DateTimeFormat {
  let f = offsetFormatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: id, timeZoneName: 'longOffset', year: 'numeric' });
    offsetFormatters.set(id, f);
  }
  return f;
}

/** `GMT-07:52:58`, `GMT+05:30`, `GMT` as seconds east. */
function parseGmtOffset(text: string): number {
  const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/.exec(text);
  if (!m || !m[1]) return 0;
  return signedOffsetSeconds(m[1], m[2]!, m[3], m[4]);
}

function intlOffsetAtMs(id: string, ms: number): number {
  // Intl only covers Date's range; far dates take the nearest representable instant's offset.
  const date = new Date(Math.max(-MAX_DATE_MS, Math.min(MAX_DATE_MS, ms)));
  const part = offsetFormatter(id).formatToParts(date).find((p) => p.type === 'timeZoneName');
  return parseGmtOffset(part?.value ?? 'GMT');
}

/**
 * The zone's offset at a UTC instant, cached by UTC day: a day whose first and last instants
 * share an offset is taken to have it throughout (Intl costs ~20 µs a call).
 */
function ianaOffset(id: string, epochMicros: number): number {
  const ms = Math.floor(epochMicros / MICROS_PER_MILLI);
  const day = Math.floor(ms / (SECONDS_PER_DAY * MS_PER_SECOND));
  const key = `${id}:${day}`;
  const cached = offsets.get(key);
  if (cached !== undefined && !Number.isNaN(cached)) return cached;
  if (cached === undefined) {
    const start = day * SECONDS_PER_DAY * MS_PER_SECOND;
    const first = intlOffsetAtMs(id, start);
    const last = intlOffsetAtMs(id, start + SECONDS_PER_DAY * MS_PER_SECOND - 1);
    offsets.set(key, first === last ? first : NaN);
    if (first === last) return first;
  }
  return intlOffsetAtMs(id, ms);
}

/** The zone's UTC offset in seconds (east positive) at the instant `epochMicros`. */
export function zoneOffsetSeconds(zone: string, epochMicros: number): number {
  return refOffsetSeconds(zoneRef(zone), epochMicros);
}

/** As zoneOffsetSeconds, for a resolved zone. */
export function refOffsetSeconds(z: ZoneRef, epochMicros: number): number {
  return z.kind === 'fixed' ? z.offset : ianaOffset(z.id, epochMicros);
}

/**
 * The offset that applies to a wall-clock time in `zone`, as PostgreSQL decides it
 * (DetermineTimeZoneOffset): a time in a spring-forward gap takes the offset before the
 * change, a time that occurs twice in a fall-back overlap the offset after it.
 */
export function localOffsetSeconds(zone: string, localMicros: number): number {
  return refLocalOffsetSeconds(zoneRef(zone), localMicros);
}

export function refLocalOffsetSeconds(z: ZoneRef, localMicros: number): number {
  if (z.kind === 'fixed') return z.offset;
  const before = refOffsetSeconds(z, localMicros - MICROS_PER_DAY);
  const after = refOffsetSeconds(z, localMicros + MICROS_PER_DAY);
  const validAt = (offset: number) => refOffsetSeconds(z, localMicros - offset * MICROS_PER_SECOND) === offset;
  if (before === after) {
    if (validAt(before)) return before;
    // Two changes within two days: take whatever holds at the instant read with `before`.
    return refOffsetSeconds(z, localMicros - before * MICROS_PER_SECOND);
  }
  const beforeValid = validAt(before);
  const afterValid = validAt(after);
  if (beforeValid && afterValid) return after;
  if (afterValid) return after;
  return before;
}

/**
 * The offset a dynamic abbreviation (`MSK` for Europe/Moscow) has at a wall-clock time, as
 * DetermineTimeZoneAbbrevOffset finds it: the zone's own rule picks the instant, and the
 * abbreviation means the offset in force then (`02:00 MSK` inside Moscow's 2011 spring-forward
 * gap is already +04, where the zone's rule alone gives +03).
 */
export function refAbbrevLocalOffsetSeconds(z: ZoneRef, localMicros: number): number {
  const guess = refLocalOffsetSeconds(z, localMicros);
  return refOffsetSeconds(z, localMicros - guess * MICROS_PER_SECOND);
}

/**
 * The abbreviation PostgreSQL prints for a zone at an instant (`PST`, `CEST`, `+09`, `LMT`).
 * Intl knows most English abbreviations in one locale or another; where none has one, the
 * numeric form is what the tz database itself uses.
 */
export function zoneAbbreviation(zone: string, epochMicros: number): string {
  const z = zoneRef(zone);
  if (z.kind === 'fixed') return z.abbrev;
  const offset = ianaOffset(z.id, epochMicros);
  // Local mean time before a zone's first standard offset has odd seconds (-07:52:58).
  if (offset % SECONDS_PER_MINUTE !== 0) return 'LMT';
  const date = new Date(Math.max(-MAX_DATE_MS, Math.min(MAX_DATE_MS, Math.floor(epochMicros / MICROS_PER_MILLI))));
  for (const locale of ABBREV_LOCALES) {
    const key = `${locale}|${z.id}`;
    let f = abbrevFormatters.get(key);
    if (!f) {
      f = new Intl.DateTimeFormat(locale, { timeZone: z.id, timeZoneName: 'short', year: 'numeric' });
      abbrevFormatters.set(key, f);
    }
    const name = f.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value ?? '';
    if (/^[A-Z]{2,5}$/.test(name) && name !== 'GMT') return name;
    if (name === 'GMT' && offset === 0) return 'GMT';
  }
  // Intl knows no name so long ago (LA in 1897): the name the zone uses today for that offset.
  for (const month of [0, 6]) {
    const probe = Date.UTC(2000, month, 1) * MICROS_PER_MILLI;
    if (ianaOffset(z.id, probe) === offset && Math.abs(epochMicros - probe) > MICROS_PER_DAY) {
      const modern = zoneAbbreviation(zone, probe);
      if (/^[A-Z]/.test(modern)) return modern;
    }
  }
  return numericAbbrev(offset);
}

/** Locales whose short zone names are the abbreviations the tz database uses for their regions. */
const ABBREV_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-NZ', 'en-CA', 'en-IE', 'en-ZA'];

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
