/**
 * A number after an ISO-style field label (`y1999 m01 d08 h04 mm05 s06`, `J2451187.5`,
 * `T040506`): the label says which field it is, as PostgreSQL 15's decoders read them.
 */
import { civilFromDays } from './datetime-codec-calendar.js';
import { decodeNumberField, parseFraction, parseFractionalSecond, type DecodeState } from './datetime-decode-parts.js';
import { ALL_SECONDS_MASK, DATE_MASK, F, strtoint, TIME_MASK, type DecodeError } from './datetime-decode-fields.js';
import type { UnitLabel } from './datetime-tokens.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from './time-units.js';

/** Julian day number of 1970-01-01. */
export const UNIX_EPOCH_JULIAN = 2440588;

export interface LabeledState extends DecodeState {
  readonly fmask: number;
  isJulian: boolean;
}

/** Sets year, month and day from a Julian day number. */
export function setJulianDay(st: DecodeState, julian: number): void {
  const d = civilFromDays(julian - UNIX_EPOCH_JULIAN);
  st.tm.year = d.year;
  st.tm.month = d.month;
  st.tm.day = d.day;
}

/** The field bits the labelled number sets, or an error. */
export function decodeLabeledNumber(text: string, label: UnitLabel, st: LabeledState): number | DecodeError {
  const tm = st.tm;
  const n = strtoint(text);
  if (n.overflow) return 'field-overflow';
  const hasFraction = text[n.end] === '.';
  if (n.end !== text.length && !hasFraction) return 'bad-format';
  const value = n.value;
  switch (label) {
    case 'year': tm.year = value; return F.YEAR;
    case 'month':
      // With a month and an hour already, `m` means minutes.
      if ((st.fmask & F.MONTH) && (st.fmask & F.HOUR)) { tm.minute = value; return F.MINUTE; }
      tm.month = value;
      return F.MONTH;
    case 'day': tm.day = value; return F.DAY;
    case 'hour': tm.hour = value; return F.HOUR;
    case 'minute': tm.minute = value; return F.MINUTE;
    case 'second': {
      tm.second = value;
      if (!hasFraction) return F.SECOND;
      const fsec = parseFractionalSecond(text, n.end);
      if (fsec === undefined) return 'bad-format';
      tm.fsec = fsec;
      return ALL_SECONDS_MASK;
    }
    case 'julian': {
      if (value < 0) return 'field-overflow';
      setJulianDay(st, value);
      st.isJulian = true;
      if (!hasFraction) return DATE_MASK;
      const frac = parseFraction(text, n.end);
      if (frac === undefined) return 'bad-format';
      const time = Math.trunc(frac * MICROS_PER_DAY);
      tm.hour = Math.floor(time / MICROS_PER_HOUR);
      tm.minute = Math.floor((time % MICROS_PER_HOUR) / MICROS_PER_MINUTE);
      tm.second = Math.floor((time % MICROS_PER_MINUTE) / MICROS_PER_SECOND);
      tm.fsec = time % MICROS_PER_SECOND;
      return DATE_MASK | TIME_MASK;
    }
    case 'time': {
      const r = decodeNumberField(text, st.fmask | DATE_MASK, st);
      if ('error' in r) return r.error;
      return r.mask === TIME_MASK ? r.mask : 'bad-format';
    }
    default: return 'bad-format';
  }
}
