/**
 * Decoding of single date/time input fields, PostgreSQL's way: a date field (`1999-01-08`,
 * `08-jan-99`, `1999.008`), a bare number read by DateStyle's field order and what is already
 * known (`01/02/03`), run-together digits (`19990108`, `040506`), a time (`04:05:06.789`), a
 * numeric zone (`-08`, `+0530`), and the final check of year, month and day.
 */
import { daysFromCivil, civilFromDays, daysInMonth } from './datetime-codec-calendar.js';
import {
  atoi, DATE_MASK, F, strtod, strtoint, TIME_MASK, type DecodeError, type TimeFields,
} from './datetime-decode-fields.js';
import type { DateOrder } from './datetime-style.js';
import { lookupDateToken } from './datetime-tokens.js';
import { HOURS_PER_DAY, MICROS_PER_DAY, MICROS_PER_SECOND, MINUTES_PER_HOUR, SECONDS_PER_MINUTE } from './time-units.js';

/** The largest zone displacement accepted, in hours (MAX_TZDISP_HOUR). */
const MAX_TZ_HOURS = 15;
const DAYS_PER_YEAR_MAX = 366;
const TWO_DIGIT_PIVOT = 70;

/** What decoding a field yields: the bits it set, or an error. */
export type FieldResult = { readonly mask: number } | { readonly error: DecodeError };

/** Mutable state a date decode carries across fields. */
export interface DecodeState {
  readonly tm: TimeFields;
  /** The year was written with one or two digits (`99` → 1999). */
  is2digits: boolean;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isAlpha = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));

/** `.789` as microseconds, the whole rest of the field (ParseFractionalSecond). */
export function parseFractionalSecond(text: string, start: number): number | undefined {
  const n = strtod(text, start);
  if (n.end !== text.length || n.end === start || n.overflow) return undefined;
  return Math.round(n.value * MICROS_PER_SECOND);
}

/** `.5` (or a bare `.`) as a fraction, the whole rest of the field (ParseFraction). */
export function parseFraction(text: string, start: number): number | undefined {
  if (start + 1 === text.length) return 0;
  const n = strtod(text, start);
  if (n.end !== text.length || n.end === start || n.overflow) return undefined;
  return n.value;
}

/** A date written as one field: `1999-01-08`, `jan-08-1999`, `1999.008` (DecodeDate). */
export function decodeDate(text: string, fmask: number, order: DateOrder, st: DecodeState): FieldResult {
  const parts: (string | null)[] = [];
  let i = 0;
  while (i < text.length && parts.length < 25) {
    while (i < text.length && !isDigit(text[i]) && !isAlpha(text[i])) i++;
    if (i >= text.length) return { error: 'bad-format' };
    const start = i;
    if (isDigit(text[i])) while (isDigit(text[i])) i++;
    else while (isAlpha(text[i])) i++;
    parts.push(text.slice(start, i));
    // PostgreSQL drops the one character after each run, whatever it is.
    if (i < text.length) i++;
  }
  let mask = 0;
  let haveTextMonth = false;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k]!;
    if (!isAlpha(p[0])) continue;
    const token = lookupDateToken(p.toLowerCase());
    if (token?.kind === 'ignore') continue;
    if (token?.kind !== 'month') return { error: 'bad-format' };
    st.tm.month = token.value;
    haveTextMonth = true;
    if (fmask & F.MONTH) return { error: 'bad-format' };
    fmask |= F.MONTH;
    mask |= F.MONTH;
    parts[k] = null;
  }
  for (const p of parts) {
    if (p === null) continue;
    if (p.length === 0) return { error: 'bad-format' };
    const r = decodeNumber(p, haveTextMonth, fmask, order, st);
    if ('error' in r) return r;
    if (fmask & r.mask) return { error: 'bad-format' };
    fmask |= r.mask;
    mask |= r.mask;
  }
  if ((fmask & ~(F.DOY | F.TZ)) !== DATE_MASK) return { error: 'bad-format' };
  return { mask };
}

/** One number, its meaning decided by position and DateStyle's order (DecodeNumber). */
export function decodeNumber(text: string, haveTextMonth: boolean, fmask: number, order: DateOrder, st: DecodeState): FieldResult {
  const tm = st.tm;
  const n = strtoint(text);
  if (n.overflow) return { error: 'field-overflow' };
  if (n.end === 0) return { error: 'bad-format' };
  const val = n.value;
  const flen = text.length;
  if (text[n.end] === '.') {
    // More than two digits before the point: a date or run-together time (2001.360, 040506.789).
    if (n.end > 2) return decodeNumberField(text, fmask | DATE_MASK, st);
    const fsec = parseFractionalSecond(text, n.end);
    if (fsec === undefined) return { error: 'bad-format' };
    tm.fsec = fsec;
  } else if (n.end !== text.length) {
    return { error: 'bad-format' };
  }
  if (flen === 3 && (fmask & DATE_MASK) === F.YEAR && val >= 1 && val <= DAYS_PER_YEAR_MAX) {
    tm.doy = val;
    return { mask: F.DOY | F.MONTH | F.DAY };
  }
  let mask: number;
  switch (fmask & DATE_MASK) {
    case 0:
      // Nothing yet: YYYY-MM-DD with a 3+-digit year, else DateStyle's order.
      if (flen >= 3 || order === 'YMD') { mask = F.YEAR; tm.year = val; }
      else if (order === 'DMY') { mask = F.DAY; tm.day = val; }
      else { mask = F.MONTH; tm.month = val; }
      break;
    case F.YEAR:
      mask = F.MONTH; tm.month = val;
      break;
    case F.MONTH:
      if (haveTextMonth) {
        if (flen >= 3 || order === 'YMD') { mask = F.YEAR; tm.year = val; }
        else { mask = F.DAY; tm.day = val; }
      } else {
        mask = F.DAY; tm.day = val;
      }
      break;
    case F.YEAR | F.MONTH:
      if (haveTextMonth && flen >= 3 && st.is2digits) {
        // DD-MON-YYYY even in YMD mode: the first number was the day.
        mask = F.DAY;
        tm.day = tm.year;
        tm.year = val;
        st.is2digits = false;
      } else {
        mask = F.DAY; tm.day = val;
      }
      break;
    case F.DAY:
      mask = F.MONTH; tm.month = val;
      break;
    case F.MONTH | F.DAY:
      mask = F.YEAR; tm.year = val;
      break;
    case DATE_MASK:
      return decodeNumberField(text, fmask, st);
    default:
      return { error: 'bad-format' };
  }
  if (mask === F.YEAR) st.is2digits = flen <= 2;
  return { mask };
}

/** Run-together digits: YYYYMMDD / YYMMDD, hhmmss / hhmm, with a fraction (DecodeNumberField). */
export function decodeNumberField(text: string, fmask: number, st: DecodeState): FieldResult & { kind?: 'date' | 'time' } {
  const tm = st.tm;
  let str = text;
  const dot = str.indexOf('.');
  if (dot >= 0) {
    if (dot + 1 === str.length) tm.fsec = 0;
    else {
      const f = strtod(str, dot);
      if (f.overflow) return { error: 'bad-format' };
      tm.fsec = Math.round(f.value * MICROS_PER_SECOND);
    }
    str = str.slice(0, dot);
  } else if ((fmask & DATE_MASK) !== DATE_MASK) {
    if (str.length >= 6) {
      const len = str.length;
      tm.day = atoi(str.slice(len - 2));
      tm.month = atoi(str.slice(len - 4, len - 2));
      tm.year = atoi(str.slice(0, len - 4));
      if (len - 4 === 2) st.is2digits = true;
      return { mask: DATE_MASK, kind: 'date' };
    }
  }
  if ((fmask & TIME_MASK) !== TIME_MASK) {
    if (str.length === 6) {
      tm.second = atoi(str.slice(4));
      tm.minute = atoi(str.slice(2, 4));
      tm.hour = atoi(str.slice(0, 2));
      return { mask: TIME_MASK, kind: 'time' };
    }
    if (str.length === 4) {
      tm.second = 0;
      tm.minute = atoi(str.slice(2));
      tm.hour = atoi(str.slice(0, 2));
      return { mask: TIME_MASK, kind: 'time' };
    }
  }
  return { error: 'bad-format' };
}

/** `hh:mm[:ss[.fff]]`, or `mm:ss.fff` (DecodeTime). */
export function decodeTime(text: string, tm: TimeFields): FieldResult {
  const h = strtoint(text);
  if (h.overflow) return { error: 'field-overflow' };
  if (text[h.end] !== ':') return { error: 'bad-format' };
  const m = strtoint(text, h.end + 1);
  if (m.overflow) return { error: 'field-overflow' };
  tm.hour = h.value;
  tm.minute = m.value;
  let cp = m.end;
  if (cp === text.length) {
    tm.second = 0;
    tm.fsec = 0;
  } else if (text[cp] === '.') {
    const fsec = parseFractionalSecond(text, cp);
    if (fsec === undefined) return { error: 'bad-format' };
    tm.fsec = fsec;
    tm.second = tm.minute;
    tm.minute = tm.hour;
    tm.hour = 0;
  } else if (text[cp] === ':') {
    const s = strtoint(text, cp + 1);
    if (s.overflow) return { error: 'field-overflow' };
    tm.second = s.value;
    cp = s.end;
    if (cp === text.length) tm.fsec = 0;
    else if (text[cp] === '.') {
      const fsec = parseFractionalSecond(text, cp);
      if (fsec === undefined) return { error: 'bad-format' };
      tm.fsec = fsec;
    } else {
      return { error: 'bad-format' };
    }
  } else {
    return { error: 'bad-format' };
  }
  if (tm.hour < 0 || tm.minute < 0 || tm.minute > MINUTES_PER_HOUR - 1 || tm.second < 0 || tm.second > SECONDS_PER_MINUTE
    || tm.fsec < 0 || tm.fsec > MICROS_PER_SECOND) return { error: 'field-overflow' };
  return { mask: TIME_MASK };
}

/** Whether a time of day lies outside 00:00:00 … 24:00:00 (time_overflows). */
export function timeOverflows(hour: number, minute: number, second: number, fsec: number): boolean {
  if (hour < 0 || hour > HOURS_PER_DAY || minute < 0 || minute >= MINUTES_PER_HOUR || second < 0 || second > SECONDS_PER_MINUTE
    || fsec < 0 || fsec > MICROS_PER_SECOND) return true;
  return ((hour * MINUTES_PER_HOUR + minute) * SECONDS_PER_MINUTE + second) * MICROS_PER_SECOND + fsec > MICROS_PER_DAY;
}

/** `+hh[:mm[:ss]]`, `-hhmm` as seconds east of UTC (DecodeTimezone). */
export function decodeTimezone(text: string): { offset: number } | { error: DecodeError } {
  if (text[0] !== '+' && text[0] !== '-') return { error: 'bad-format' };
  const h = strtoint(text, 1);
  if (h.overflow) return { error: 'tz-overflow' };
  let hr = h.value;
  let min = 0;
  let sec = 0;
  let cp = h.end;
  if (text[cp] === ':') {
    const m = strtoint(text, cp + 1);
    if (m.overflow) return { error: 'tz-overflow' };
    min = m.value;
    cp = m.end;
    if (text[cp] === ':') {
      const s = strtoint(text, cp + 1);
      if (s.overflow) return { error: 'tz-overflow' };
      sec = s.value;
      cp = s.end;
    }
  } else if (cp === text.length && text.length > 3) {
    min = hr % 100;
    hr = Math.trunc(hr / 100);
  }
  if (hr < 0 || hr > MAX_TZ_HOURS || min < 0 || min >= MINUTES_PER_HOUR || sec < 0 || sec >= SECONDS_PER_MINUTE) {
    return { error: 'tz-overflow' };
  }
  if (cp !== text.length) return { error: 'bad-format' };
  const offset = (hr * MINUTES_PER_HOUR + min) * SECONDS_PER_MINUTE + sec;
  return { offset: text[0] === '-' ? -offset : offset };
}

/** Final year/month/day checks and adjustments: BC, two-digit years, day of year (ValidateDate). */
export function validateDate(fmask: number, isJulian: boolean, is2digits: boolean, bc: boolean, tm: TimeFields): DecodeError | undefined {
  if (fmask & F.YEAR) {
    if (isJulian) {
      // Already an astronomical year.
    } else if (bc) {
      if (tm.year <= 0) return 'field-overflow';
      tm.year = -(tm.year - 1);
    } else if (is2digits) {
      if (tm.year < 0) return 'field-overflow';
      if (tm.year < TWO_DIGIT_PIVOT) tm.year += 2000;
      else if (tm.year < 100) tm.year += 1900;
    } else if (tm.year <= 0) {
      return 'field-overflow';
    }
  }
  if (fmask & F.DOY) {
    const d = civilFromDays(daysFromCivil(tm.year, 1, 1) + tm.doy - 1);
    tm.year = d.year;
    tm.month = d.month;
    tm.day = d.day;
  }
  if ((fmask & F.MONTH) && (tm.month < 1 || tm.month > 12)) return 'md-field-overflow';
  if ((fmask & F.DAY) && (tm.day < 1 || tm.day > 31)) return 'md-field-overflow';
  if ((fmask & DATE_MASK) === DATE_MASK && tm.day > daysInMonth(tm.year, tm.month)) return 'field-overflow';
  return undefined;
}

/** A whole-input decode: the field bits set so far and what the final date check needs. */
export interface FieldLoopState extends DecodeState {
  fmask: number;
  isJulian: boolean;
  bc: boolean;
  meridian: 'am' | 'pm' | undefined;
}

const NOON = 12;

/**
 * Decodes each field with `decodeOne` (which returns the field bits it set), refusing a bit set
 * twice; then checks the date and applies AM/PM, as both PostgreSQL decoders end.
 */
export function decodeEachField(count: number, decodeOne: (i: number) => number | 'skip' | DecodeError, st: FieldLoopState): DecodeError | undefined {
  for (let i = 0; i < count; i++) {
    const r = decodeOne(i);
    if (r === 'skip') continue;
    if (typeof r === 'string') return r;
    if (r & st.fmask) return 'bad-format';
    st.fmask |= r;
  }
  const invalid = validateDate(st.fmask, st.isJulian, st.is2digits, st.bc, st.tm);
  if (invalid) return invalid;
  const tm = st.tm;
  if (st.meridian && tm.hour > NOON) return 'field-overflow';
  if (st.meridian === 'am' && tm.hour === NOON) tm.hour = 0;
  else if (st.meridian === 'pm' && tm.hour !== NOON) tm.hour += NOON;
  return undefined;
}
