/**
 * ISO 8601 interval input (DecodeISO8601Interval): designators `P1Y2M3W4DT5H6M7.5S` (any
 * field may be fractional or negative) and the alternative formats `P0002-10-15T10:30:20`
 * and `P00021015T103020`. Letters are upper-case, as PostgreSQL requires.
 */
import type { DecodeError } from './datetime-decode-fields.js';
import {
  addDays, addFractDays, addFractMicros, addFractYears, addMicros, addMonths, addYears, type IntervalAccumulator,
} from './interval-fields.js';
import { DAYS_PER_MONTH, DAYS_PER_WEEK, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from './time-units.js';

/** Numbers beyond this are refused: their integer part stays exact in a double. */
const ISO_NUMBER_LIMIT = 1.0e15;
const BASIC_DATE_DIGITS = 8;
const BASIC_TIME_DIGITS = 6;
const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|^[+-]?(?:inf(?:inity)?|nan)/i;

interface IsoNumber {
  readonly ipart: bigint;
  readonly fpart: number;
  readonly end: number;
}

/** A number as C's strtod reads it, split into integer part (toward zero) and fraction. */
function parseIsoNumber(s: string, start: number): IsoNumber | DecodeError {
  const c = s[start];
  if (!(c !== undefined && ((c >= '0' && c <= '9') || c === '-' || c === '.'))) return 'bad-format';
  const m = NUMBER_RE.exec(s.slice(start));
  if (!m) return 'bad-format';
  const val = Number(m[0].replace(/inf(inity)?/i, 'Infinity').replace(/nan/i, 'NaN'));
  if (Number.isNaN(val) || val < -ISO_NUMBER_LIMIT || val > ISO_NUMBER_LIMIT) return 'field-overflow';
  const ipart = val >= 0 ? Math.floor(val) : -Math.floor(-val);
  return { ipart: BigInt(ipart), fpart: val - ipart, end: start + m[0].length };
}

/** Leading digits of a field (after an optional `-`). */
function integerWidth(s: string, start: number): number {
  let i = s[start] === '-' ? start + 1 : start;
  const from = i;
  while (i < s.length && s[i]! >= '0' && s[i]! <= '9') i++;
  return i - from;
}

const overflow = (ok: boolean): DecodeError | undefined => (ok ? undefined : 'field-overflow');

/** Decodes `text` into `acc`; an error, or undefined when it is a valid ISO 8601 interval. */
export function decodeIso8601Interval(text: string, acc: IntervalAccumulator): DecodeError | undefined {
  if (text.length < 2 || text[0] !== 'P') return 'bad-format';
  let i = 1;
  let datePart = true;
  let haveField = false;
  const num = (): IsoNumber | DecodeError => {
    const n = parseIsoNumber(text, i);
    if (typeof n !== 'string') i = n.end;
    return n;
  };
  while (i < text.length) {
    if (text[i] === 'T') {
      datePart = false;
      haveField = false;
      i++;
      continue;
    }
    const fieldStart = i;
    const n = num();
    if (typeof n === 'string') return n;
    const unit = text[i] ?? '';
    i++;
    if (datePart) {
      switch (unit) {
        case 'Y': { const e = overflow(addYears(acc, n.ipart, 1) && addFractYears(acc, n.fpart, 1)); if (e) return e; break; }
        case 'M': { const e = overflow(addMonths(acc, n.ipart) && addFractDays(acc, n.fpart, DAYS_PER_MONTH)); if (e) return e; break; }
        case 'W': { const e = overflow(addDays(acc, n.ipart, DAYS_PER_WEEK) && addFractDays(acc, n.fpart, DAYS_PER_WEEK)); if (e) return e; break; }
        case 'D': { const e = overflow(addDays(acc, n.ipart, 1) && addFractMicros(acc, n.fpart, MICROS_PER_DAY)); if (e) return e; break; }
        case 'T': case '': case '-': {
          if (unit !== '-' && integerWidth(text, fieldStart) === BASIC_DATE_DIGITS && !haveField) {
            const v = n.ipart;
            const e = overflow(addYears(acc, v / 10000n, 1) && addMonths(acc, (v / 100n) % 100n)
              && addDays(acc, v % 100n, 1) && addFractMicros(acc, n.fpart, MICROS_PER_DAY));
            if (e) return e;
            if (unit === '') return undefined;
            datePart = false;
            haveField = false;
            continue;
          }
          const r = alternativeDate(text, unit, n, acc, () => i, (v) => { i = v; }, haveField);
          if (r === 'time') { datePart = false; haveField = false; continue; }
          return r;
        }
        default: return 'bad-format';
      }
    } else {
      switch (unit) {
        case 'H': { const e = overflow(addMicros(acc, n.ipart, n.fpart, MICROS_PER_HOUR)); if (e) return e; break; }
        case 'M': { const e = overflow(addMicros(acc, n.ipart, n.fpart, MICROS_PER_MINUTE)); if (e) return e; break; }
        case 'S': { const e = overflow(addMicros(acc, n.ipart, n.fpart, MICROS_PER_SECOND)); if (e) return e; break; }
        case '': case ':': {
          if (unit === '' && integerWidth(text, fieldStart) === BASIC_TIME_DIGITS && !haveField) {
            const v = n.ipart;
            return overflow(addMicros(acc, v / 10000n, 0, MICROS_PER_HOUR) && addMicros(acc, (v / 100n) % 100n, 0, MICROS_PER_MINUTE)
              && addMicros(acc, v % 100n, 0, MICROS_PER_SECOND) && addFractMicros(acc, n.fpart, 1));
          }
          if (haveField) return 'bad-format';
          if (!addMicros(acc, n.ipart, n.fpart, MICROS_PER_HOUR)) return 'field-overflow';
          if (unit === '') return undefined;
          const m = num();
          if (typeof m === 'string') return m;
          if (!addMicros(acc, m.ipart, m.fpart, MICROS_PER_MINUTE)) return 'field-overflow';
          if (i >= text.length) return undefined;
          if (text[i] !== ':') return 'bad-format';
          i++;
          const s = num();
          if (typeof s === 'string') return s;
          if (!addMicros(acc, s.ipart, s.fpart, MICROS_PER_SECOND)) return 'field-overflow';
          return i >= text.length ? undefined : 'bad-format';
        }
        default: return 'bad-format';
      }
    }
    haveField = true;
  }
  return undefined;
}

/**
 * The extended alternative format's date, `YYYY-MM-DD` after its first number: done
 * (undefined), an error, or 'time' when a `T` starts the time part.
 */
function alternativeDate(text: string, unit: string, years: IsoNumber, acc: IntervalAccumulator,
  pos: () => number, setPos: (i: number) => void, haveField: boolean): DecodeError | undefined | 'time' {
  if (haveField) return 'bad-format';
  if (!addYears(acc, years.ipart, 1) || !addFractYears(acc, years.fpart, 1)) return 'field-overflow';
  if (unit === '') return undefined;
  if (unit === 'T') return 'time';
  const m = parseIsoNumber(text, pos());
  if (typeof m === 'string') return m;
  setPos(m.end);
  if (!addMonths(acc, m.ipart) || !addFractDays(acc, m.fpart, DAYS_PER_MONTH)) return 'field-overflow';
  if (m.end >= text.length) return undefined;
  if (text[m.end] === 'T') { setPos(m.end + 1); return 'time'; }
  if (text[m.end] !== '-') return 'bad-format';
  const d = parseIsoNumber(text, m.end + 1);
  if (typeof d === 'string') return d;
  setPos(d.end);
  if (!addDays(acc, d.ipart, 1) || !addFractMicros(acc, d.fpart, MICROS_PER_DAY)) return 'field-overflow';
  if (d.end >= text.length) return undefined;
  if (text[d.end] === 'T') { setPos(d.end + 1); return 'time'; }
  return 'bad-format';
}
