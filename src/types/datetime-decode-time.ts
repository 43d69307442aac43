/**
 * Decoding of `time` input after PostgreSQL's DecodeTimeOnly: like timestamp input, but the
 * time of day is what must be complete; a date is accepted (and ignored) only in a few shapes
 * (`1999-01-08 04:05:06`), run-together digits are a time (`040506`), and a zone is read and
 * dropped (time without time zone), though an unknown zone name is still an error.
 */
import { resolveZone, zoneOffsetSeconds, type ZoneRef } from './datetime-codec-zone.js';
import {
  decodeDate, decodeNumber, decodeNumberField, decodeTime, decodeTimezone, decodeEachField, timeOverflows,
  type FieldLoopState,
} from './datetime-decode-parts.js';
import {
  DATE_MASK, emptyTimeFields, F, TIME_MASK, zoneNotRecognized, type DecodeError, type TimeFields,
} from './datetime-decode-fields.js';
import { setFromMicros, type DateTimeInputContext } from './datetime-decode.js';
import { decodeLabeledNumber } from './datetime-decode-labeled.js';
import type { DateField } from './datetime-lexer.js';
import { lookupDateToken, type UnitLabel } from './datetime-tokens.js';
import { lookupZoneAbbreviation } from './timezone-abbreviations.js';
import { MICROS_PER_SECOND } from './time-units.js';


interface TimeOnlyState extends FieldLoopState {
  prefix: UnitLabel | undefined;
  kinds: string[];
  namedZone: ZoneRef | undefined;
}

/** Decodes time-of-day input; the fields, or an error. */
export function decodeTimeOnly(fields: readonly DateField[], ctx: DateTimeInputContext): { tm: TimeFields } | { error: DecodeError } {
  const st: TimeOnlyState = {
    tm: emptyTimeFields(), is2digits: false, fmask: 0, prefix: undefined, isJulian: false, bc: false, meridian: undefined,
    kinds: fields.map((f) => f.kind), namedZone: undefined,
  };
  const error = decodeEachField(fields.length, (i) => decodeTimeOnlyField(fields, i, st, ctx), st);
  if (error) return { error };
  const tm = st.tm;
  if (timeOverflows(tm.hour, tm.minute, tm.second, tm.fsec)) return { error: 'field-overflow' };
  if ((st.fmask & TIME_MASK) !== TIME_MASK) return { error: 'bad-format' };
  const dateGiven = st.fmask & DATE_MASK;
  const partialDate = dateGiven !== 0 && dateGiven !== DATE_MASK;
  if (st.namedZone) {
    if (st.fmask & F.DTZMOD) return { error: 'bad-format' };
    // A zone with a history of offsets needs the date to pick one.
    if (st.namedZone.kind === 'iana' && dateGiven !== DATE_MASK) return { error: 'bad-format' };
  } else if ((st.fmask & F.DYNTZ) || !(st.fmask & F.TZ)) {
    if ((st.fmask & F.DTZMOD) || partialDate) return { error: 'bad-format' };
  }
  return { tm };
}

function decodeTimeOnlyField(fields: readonly DateField[], i: number, st: TimeOnlyState, ctx: DateTimeInputContext): number | 'skip' | DecodeError {
  const { text, kind } = fields[i]!;
  const tm = st.tm;
  const n = fields.length;
  switch (kind) {
    case 'date': {
      if (i === 0 && n >= 2 && (st.kinds[n - 1] === 'date' || st.kinds[1] === 'time')) {
        const r = decodeDate(text, st.fmask, ctx.order, st);
        return 'error' in r ? r.error : r.mask;
      }
      if (text[0]! >= '0' && text[0]! <= '9') {
        if ((st.fmask & TIME_MASK) === TIME_MASK) return 'bad-format';
        const dash = text.indexOf('-');
        if (dash < 0) return 'bad-format';
        const z = decodeTimezone(text.slice(dash));
        if ('error' in z) return z.error;
        const r = decodeNumberField(text.slice(0, dash), st.fmask | DATE_MASK, st);
        if ('error' in r) return r.error;
        st.kinds[i] = r.kind ?? 'number';
        return r.mask | F.TZ;
      }
      st.namedZone = resolveZone(text);
      if (!st.namedZone) throw zoneNotRecognized(text);
      st.kinds[i] = 'tz';
      return F.TZ;
    }
    case 'time': {
      const r = decodeTime(text, tm);
      return 'error' in r ? r.error : r.mask;
    }
    case 'tz': {
      const z = decodeTimezone(text);
      return 'error' in z ? z.error : F.TZ;
    }
    case 'number': return decodeTimeOnlyNumber(text, i, st, ctx);
    default: return decodeTimeOnlyWord(fields, i, st, ctx);
  }
}

function decodeTimeOnlyNumber(text: string, i: number, st: TimeOnlyState, ctx: DateTimeInputContext): number | DecodeError {
  if (st.prefix !== undefined) {
    const mask = decodeLabeledNumber(text, st.prefix, st);
    if (typeof mask === 'string') return mask;
    st.prefix = undefined;
    return mask;
  }
  const dot = text.indexOf('.');
  const n = st.kinds.length;
  let r;
  if (dot >= 0) {
    if (i === 0 && n >= 2 && st.kinds[n - 1] === 'date') r = decodeDate(text, st.fmask, ctx.order, st);
    else if (dot > 2) r = decodeNumberField(text, st.fmask | DATE_MASK, st);
    else return 'bad-format';
  } else if (text.length > 4) {
    r = decodeNumberField(text, st.fmask | DATE_MASK, st);
  } else {
    r = decodeNumber(text, false, st.fmask | DATE_MASK, ctx.order, st);
  }
  if ('error' in r) return r.error;
  if ('kind' in r && typeof r.kind === 'string') st.kinds[i] = r.kind;
  return r.mask;
}

function decodeTimeOnlyWord(fields: readonly DateField[], i: number, st: TimeOnlyState, ctx: DateTimeInputContext): number | 'skip' | DecodeError {
  const text = fields[i]!.text;
  const tm = st.tm;
  const abbrev = lookupZoneAbbreviation(text);
  if (abbrev) {
    st.kinds[i] = 'tz';
    if (abbrev.kind === 'dynamic') return F.DYNTZ | F.TZ;
    return abbrev.dst ? F.DTZ | F.TZ : F.TZ;
  }
  const token = lookupDateToken(text);
  if (!token) {
    st.namedZone = resolveZone(text);
    return st.namedZone ? F.TZ : 'bad-format';
  }
  switch (token.kind) {
    case 'ignore': return 'skip';
    case 'reserved':
      if (token.reserved === 'now') {
        const local = ctx.now + zoneOffsetSeconds(ctx.timeZone, ctx.now) * MICROS_PER_SECOND;
        setFromMicros(tm, local);
        return TIME_MASK;
      }
      if (token.reserved === 'zulu') {
        tm.hour = 0;
        tm.minute = 0;
        tm.second = 0;
        return TIME_MASK | F.TZ;
      }
      return 'bad-format';
    case 'dstmod': return F.DTZMOD | F.DTZ;
    case 'ampm':
      st.meridian = token.value === 0 ? 'am' : 'pm';
      return F.AMPM;
    case 'adbc':
      st.bc = token.value === 1;
      return F.ADBC;
    case 'units':
      st.prefix = token.unit;
      return 0;
    case 'isotime': {
      const next = fields[i + 1];
      if (!next || (next.kind !== 'number' && next.kind !== 'time' && next.kind !== 'date')) return 'bad-format';
      st.prefix = 'time';
      return 0;
    }
    default: return 'bad-format';
  }
}
