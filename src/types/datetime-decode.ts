/**
 * Decoding of date, timestamp and timestamptz input after PostgreSQL's DecodeDateTime: the
 * fields from the lexer are read one by one, each setting field bits (a field given twice is
 * an error), with words looked up first as zone abbreviations, then as date/time key words,
 * then as zone names. Gives the broken-down time and the zone offset the input implies (its
 * own, else the session zone's at that date), or one of the special values.
 */
import { daysFromCivil, civilFromDays } from './datetime-codec-calendar.js';
import { refAbbrevLocalOffsetSeconds, refLocalOffsetSeconds, refOffsetSeconds, resolveZone, resolveTimeZoneSetting, type ZoneRef } from './datetime-codec-zone.js';
import {
  decodeDate, decodeNumber, decodeNumberField, decodeTime, decodeTimezone, decodeEachField, timeOverflows,
  type FieldLoopState,
} from './datetime-decode-parts.js';
import {
  DATE_MASK, emptyTimeFields, F, strtoint, TIME_MASK, zoneNotRecognized, type DecodeError, type TimeFields,
} from './datetime-decode-fields.js';
import type { DateField } from './datetime-lexer.js';
import type { DateOrder } from './datetime-style.js';
import { decodeLabeledNumber, setJulianDay } from './datetime-decode-labeled.js';
import { lookupDateToken, type DateToken, type UnitLabel } from './datetime-tokens.js';
import { lookupZoneAbbreviation } from './timezone-abbreviations.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from './time-units.js';


/** What input needs from the session. */
export interface DateTimeInputContext {
  readonly order: DateOrder;
  /** The session TimeZone value. */
  readonly timeZone: string;
  /** Transaction start, µs since 1970 (`now`, `today`). */
  readonly now: number;
}

export type DecodedDateTime =
  | { readonly kind: 'special'; readonly special: 'epoch' | 'late' | 'early' }
  | { readonly kind: 'fields'; readonly tm: TimeFields; /** Seconds east of UTC. */ readonly offset: number };

type Decoded = DecodedDateTime | { readonly error: DecodeError };

/** Local fields of `utcMicros` in the session zone, and that zone's offset. */
function currentFields(ctx: DateTimeInputContext): { tm: TimeFields; offset: number } {
  const zone = sessionZone(ctx);
  const offset = refOffsetSeconds(zone, ctx.now);
  const tm = emptyTimeFields();
  setFromMicros(tm, ctx.now + offset * MICROS_PER_SECOND);
  return { tm, offset };
}

function sessionZone(ctx: DateTimeInputContext): ZoneRef {
  const z = resolveTimeZoneSetting(ctx.timeZone)?.zone;
  if (!z) throw zoneNotRecognized(ctx.timeZone);
  return z;
}

/** Sets date and time fields from local µs since 1970. */
export function setFromMicros(tm: TimeFields, micros: number): void {
  const days = Math.floor(micros / MICROS_PER_DAY);
  const d = civilFromDays(days);
  tm.year = d.year;
  tm.month = d.month;
  tm.day = d.day;
  setTimeOfDay(tm, micros - days * MICROS_PER_DAY);
}

function setTimeOfDay(tm: TimeFields, time: number): void {
  tm.hour = Math.floor(time / MICROS_PER_HOUR);
  tm.minute = Math.floor((time % MICROS_PER_HOUR) / MICROS_PER_MINUTE);
  tm.second = Math.floor((time % MICROS_PER_MINUTE) / MICROS_PER_SECOND);
  tm.fsec = time % MICROS_PER_SECOND;
}

/** Local µs since 1970 of broken-down fields. */
export function fieldsToMicros(tm: TimeFields): number {
  return daysFromCivil(tm.year, tm.month, tm.day) * MICROS_PER_DAY
    + ((tm.hour * 60 + tm.minute) * 60 + tm.second) * MICROS_PER_SECOND + tm.fsec;
}

/** A word as a zone abbreviation first, then as a date/time key word. */
type WordMeaning =
  | { readonly kind: 'abbrev-fixed'; readonly offset: number; readonly dst: boolean }
  | { readonly kind: 'abbrev-dynamic'; readonly zone: string }
  | DateToken
  | undefined;

function lookupWord(word: string): WordMeaning {
  const a = lookupZoneAbbreviation(word);
  if (a) return a.kind === 'fixed' ? { kind: 'abbrev-fixed', offset: a.offset, dst: a.dst } : { kind: 'abbrev-dynamic', zone: a.zone };
  return lookupDateToken(word);
}

/** Mutable state of one decode. */
interface DateTimeState extends FieldLoopState {
  offset: number;
  special: 'epoch' | 'late' | 'early' | undefined;
  prefix: UnitLabel | undefined;
  haveTextMonth: boolean;
  namedZone: ZoneRef | undefined;
  dynamicZone: ZoneRef | undefined;
}

/** Decodes date/timestamp/timestamptz fields (DecodeDateTime). */
export function decodeDateTime(fields: readonly DateField[], ctx: DateTimeInputContext, wantOffset: boolean): Decoded {
  const st: DateTimeState = {
    tm: emptyTimeFields(), is2digits: false, fmask: 0, offset: 0, special: undefined, prefix: undefined,
    haveTextMonth: false, isJulian: false, bc: false, meridian: undefined, namedZone: undefined, dynamicZone: undefined,
  };
  const error = decodeEachField(fields.length, (i) => decodeDateTimeField(fields, i, st, ctx), st);
  if (error) return { error };
  const tm = st.tm;
  if (st.special) return { kind: 'special', special: st.special };
  if ((st.fmask & DATE_MASK) !== DATE_MASK) return { error: 'bad-format' };
  if (st.namedZone) {
    if (st.fmask & F.DTZMOD) return { error: 'bad-format' };
    st.offset = refLocalOffsetSeconds(st.namedZone, fieldsToMicros(tm));
  } else if (st.dynamicZone) {
    if (st.fmask & F.DTZMOD) return { error: 'bad-format' };
    st.offset = refAbbrevLocalOffsetSeconds(st.dynamicZone, fieldsToMicros(tm));
  } else if (!(st.fmask & F.TZ)) {
    if (st.fmask & F.DTZMOD) return { error: 'bad-format' };
    if (wantOffset) st.offset = refLocalOffsetSeconds(sessionZone(ctx), fieldsToMicros(tm));
  }
  return { kind: 'fields', tm, offset: st.offset };
}

/** One field: the bits it sets, 'skip' for noise words, or an error. */
function decodeDateTimeField(fields: readonly DateField[], i: number, st: DateTimeState, ctx: DateTimeInputContext): number | 'skip' | DecodeError {
  const { text, kind } = fields[i]!;
  const tm = st.tm;
  switch (kind) {
    case 'date': return decodeDateField(text, st, ctx);
    case 'time': {
      if (st.prefix !== undefined) {
        if (st.prefix !== 'time') return 'bad-format';
        st.prefix = undefined;
      }
      const r = decodeTime(text, tm);
      if ('error' in r) return r.error;
      if (timeOverflows(tm.hour, tm.minute, tm.second, tm.fsec)) return 'field-overflow';
      return r.mask;
    }
    case 'tz': {
      const r = decodeTimezone(text);
      if ('error' in r) return r.error;
      st.offset = r.offset;
      return F.TZ;
    }
    case 'number': return decodeNumberFieldOfDateTime(text, st, ctx);
    default: return decodeWord(fields, i, st, ctx);
  }
}

function decodeDateField(text: string, st: DateTimeState, ctx: DateTimeInputContext): number | DecodeError {
  if (st.prefix === 'julian') {
    // A Julian day with a zone attached (`J2451187-08`); other forms split into fields.
    const n = strtoint(text);
    if (n.overflow || n.value < 0) return 'field-overflow';
    setJulianDay(st, n.value);
    st.isJulian = true;
    const z = decodeTimezone(text.slice(n.end));
    if ('error' in z) return z.error;
    st.offset = z.offset;
    st.prefix = undefined;
    return DATE_MASK | TIME_MASK | F.TZ;
  }
  if (st.prefix !== undefined || (st.fmask & (F.MONTH | F.DAY)) === (F.MONTH | F.DAY)) {
    // With a date already: a zone name (`america/new_york`) or run-together time with zone.
    const startsWithDigit = text[0]! >= '0' && text[0]! <= '9';
    if (startsWithDigit || st.prefix !== undefined) {
      if (st.prefix !== undefined) {
        if (st.prefix !== 'time') return 'bad-format';
        st.prefix = undefined;
      }
      if ((st.fmask & TIME_MASK) === TIME_MASK) return 'bad-format';
      const dash = text.indexOf('-');
      if (dash < 0) return 'bad-format';
      const z = decodeTimezone(text.slice(dash));
      if ('error' in z) return z.error;
      st.offset = z.offset;
      const r = decodeNumberField(text.slice(0, dash), st.fmask, st);
      if ('error' in r) return r.error;
      return r.mask | F.TZ;
    }
    const zone = resolveZone(text);
    if (!zone) throw zoneNotRecognized(text);
    st.namedZone = zone;
    return F.TZ;
  }
  const r = decodeDate(text, st.fmask, ctx.order, st);
  return 'error' in r ? r.error : r.mask;
}

function decodeNumberFieldOfDateTime(text: string, st: DateTimeState, ctx: DateTimeInputContext): number | DecodeError {
  if (st.prefix !== undefined) {
    const mask = decodeLabeledNumber(text, st.prefix, st);
    if (typeof mask === 'string') return mask;
    st.prefix = undefined;
    st.special = undefined;
    return mask;
  }
  const dot = text.indexOf('.');
  let r;
  if (dot >= 0 && !(st.fmask & DATE_MASK)) r = decodeDate(text, st.fmask, ctx.order, st);
  else if (dot > 2) r = decodeNumberField(text, st.fmask, st);
  else if (text.length >= 6 && (!(st.fmask & DATE_MASK) || !(st.fmask & TIME_MASK))) r = decodeNumberField(text, st.fmask, st);
  else r = decodeNumber(text, st.haveTextMonth, st.fmask, ctx.order, st);
  return 'error' in r ? r.error : r.mask;
}

function decodeWord(fields: readonly DateField[], i: number, st: DateTimeState, ctx: DateTimeInputContext): number | 'skip' | DecodeError {
  const text = fields[i]!.text;
  const tm = st.tm;
  const meaning = lookupWord(text);
  if (meaning === undefined) {
    const zone = resolveZone(text);
    if (!zone) return 'bad-format';
    st.namedZone = zone;
    return F.TZ;
  }
  switch (meaning.kind) {
    case 'ignore': return 'skip';
    case 'abbrev-fixed':
      tm.isdst = meaning.dst ? 1 : 0;
      st.offset = meaning.offset;
      return meaning.dst ? F.DTZ | F.TZ : F.TZ;
    case 'abbrev-dynamic': {
      const zone = resolveZone(meaning.zone);
      if (!zone) return 'bad-format';
      st.dynamicZone = zone;
      return F.DYNTZ | F.TZ;
    }
    case 'reserved': return decodeReserved(meaning.reserved!, st, ctx);
    case 'month': {
      let mask = F.MONTH;
      // A numeric month already read becomes the day (`08 jan 99` read as month 8 first).
      if ((st.fmask & F.MONTH) && !st.haveTextMonth && !(st.fmask & F.DAY) && tm.month >= 1 && tm.month <= 31) {
        tm.day = tm.month;
        mask = F.DAY;
      }
      st.haveTextMonth = true;
      tm.month = meaning.value;
      return mask;
    }
    case 'dstmod':
      tm.isdst = 1;
      st.offset += meaning.value;
      return F.DTZMOD | F.DTZ;
    case 'ampm':
      st.meridian = meaning.value === 0 ? 'am' : 'pm';
      return F.AMPM;
    case 'adbc':
      st.bc = meaning.value === 1;
      return F.ADBC;
    case 'dow': return F.DOW;
    case 'units':
      st.prefix = meaning.unit;
      return 0;
    case 'isotime': {
      if ((st.fmask & DATE_MASK) !== DATE_MASK) return 'bad-format';
      const next = fields[i + 1];
      if (!next || (next.kind !== 'number' && next.kind !== 'time' && next.kind !== 'date')) return 'bad-format';
      st.prefix = 'time';
      return 0;
    }
    default: return 'bad-format';
  }
}

function decodeReserved(word: NonNullable<DateToken['reserved']>, st: DateTimeState, ctx: DateTimeInputContext): number {
  const tm = st.tm;
  switch (word) {
    case 'now': {
      const cur = currentFields(ctx);
      Object.assign(tm, cur.tm);
      st.offset = cur.offset;
      st.special = undefined;
      return DATE_MASK | TIME_MASK | F.TZ;
    }
    case 'today': case 'yesterday': case 'tomorrow': {
      const cur = currentFields(ctx).tm;
      const shift = word === 'today' ? 0 : word === 'yesterday' ? -1 : 1;
      const d = civilFromDays(daysFromCivil(cur.year, cur.month, cur.day) + shift);
      tm.year = d.year;
      tm.month = d.month;
      tm.day = d.day;
      st.special = undefined;
      return DATE_MASK;
    }
    case 'zulu':
      tm.hour = 0;
      tm.minute = 0;
      tm.second = 0;
      st.offset = 0;
      st.special = undefined;
      return TIME_MASK | F.TZ;
    default:
      st.special = word;
      return F.RESERV;
  }
}
