/**
 * Interval input in PostgreSQL's own syntax (DecodeInterval): `1 day 2 hours`, `@ 1 minute
 * ago`, `1-2` (years-months), `1 2:03:04` (days and a time), `-1 +02:03`, bare numbers whose
 * unit the fields qualifier decides (`'1' day`). Fields are read right to left so a unit is
 * known before its number; each unit may appear once; every step is range-checked.
 */
import { strtoi64, type DecodeError } from './datetime-decode-fields.js';
import { parseFraction, parseFractionalSecond } from './datetime-decode-parts.js';
import type { DateField } from './datetime-lexer.js';
import { ALL_SECONDS_MASK, F, TIME_MASK } from './datetime-decode-fields.js';
import type { IntervalStyle } from './datetime-style.js';
import { lookupIntervalToken, type IntervalUnit } from './datetime-tokens.js';
import {
  addDays, addFractDays, addFractMicros, addFractYears, addMicros, addMonths, addYears, INT64_MIN,
  type IntervalAccumulator,
} from './interval-fields.js';
import { intervalRange, RANGE } from './interval-typmod.js';
import { DAYS_PER_MONTH, DAYS_PER_WEEK, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND, MINUTES_PER_HOUR, SECONDS_PER_MINUTE } from './time-units.js';

const MILLIS_PER_SECOND = 1000;
const INT32_MAX = 2147483647;
const YEARS_PER_DECADE = 10;
const YEARS_PER_CENTURY = 100;
const YEARS_PER_MILLENNIUM = 1000;

/** The unit of the rightmost bare number under a fields qualifier. */
function bareUnit(range: number): IntervalUnit {
  switch (range) {
    case RANGE.YEAR: return 'year';
    case RANGE.MONTH: case RANGE.YEAR | RANGE.MONTH: return 'month';
    case RANGE.DAY: return 'day';
    case RANGE.HOUR: case RANGE.DAY | RANGE.HOUR: return 'hour';
    case RANGE.MINUTE: case RANGE.HOUR | RANGE.MINUTE: case RANGE.DAY | RANGE.HOUR | RANGE.MINUTE: return 'minute';
    default: return 'second';
  }
}

/** `h:mm[:ss[.f]]` (or `mm:ss` under MINUTE TO SECOND) replacing the accumulated µs (DecodeTimeForInterval). */
function decodeIntervalTime(text: string, range: number, acc: IntervalAccumulator): DecodeError | undefined {
  const h = strtoi64(text);
  if (h.overflow) return 'field-overflow';
  if (text[h.end] !== ':') return 'bad-format';
  let hour = h.value;
  const m = strtoi64(text, h.end + 1);
  let minute = Number(m.value);
  if (m.overflow || minute > INT32_MAX || minute < -INT32_MAX - 1) return 'field-overflow';
  let second = 0;
  let fsec = 0;
  let cp = m.end;
  const hourFitsInt = () => hour <= BigInt(INT32_MAX) && hour >= BigInt(-INT32_MAX - 1);
  if (cp === text.length) {
    if (range === (RANGE.MINUTE | RANGE.SECOND)) {
      if (!hourFitsInt()) return 'field-overflow';
      second = minute;
      minute = Number(hour);
      hour = 0n;
    }
  } else if (text[cp] === '.') {
    const f = parseFractionalSecond(text, cp);
    if (f === undefined) return 'bad-format';
    fsec = f;
    if (!hourFitsInt()) return 'field-overflow';
    second = minute;
    minute = Number(hour);
    hour = 0n;
  } else if (text[cp] === ':') {
    const s = strtoi64(text, cp + 1);
    second = Number(s.value);
    if (s.overflow || second > INT32_MAX) return 'field-overflow';
    cp = s.end;
    if (text[cp] === '.') {
      const f = parseFractionalSecond(text, cp);
      if (f === undefined) return 'bad-format';
      fsec = f;
    } else if (cp !== text.length) {
      return 'bad-format';
    }
  } else {
    return 'bad-format';
  }
  if (hour < 0n || minute < 0 || minute > MINUTES_PER_HOUR - 1 || second < 0 || second > SECONDS_PER_MINUTE
    || fsec < 0 || fsec > MICROS_PER_SECOND) return 'field-overflow';
  acc.usec = BigInt(fsec);
  const total = acc.usec + hour * BigInt(MICROS_PER_HOUR) + BigInt(minute) * BigInt(MICROS_PER_MINUTE)
    + BigInt(second) * BigInt(MICROS_PER_SECOND);
  if (total > -(INT64_MIN + 1n)) return 'field-overflow';
  acc.usec = total;
  return undefined;
}

/** Adds a number with its unit; the field bits it sets, or an error. */
function addUnit(unit: IntervalUnit, val: bigint, fval: number, acc: IntervalAccumulator): number | DecodeError {
  switch (unit) {
    case 'microsecond': return addMicros(acc, val, fval, 1) ? F.MICROSECOND : 'field-overflow';
    case 'millisecond': return addMicros(acc, val, fval, MILLIS_PER_SECOND) ? F.MILLISECOND : 'field-overflow';
    case 'second':
      if (!addMicros(acc, val, fval, MICROS_PER_SECOND)) return 'field-overflow';
      return fval === 0 ? F.SECOND : ALL_SECONDS_MASK;
    case 'minute': return addMicros(acc, val, fval, MICROS_PER_MINUTE) ? F.MINUTE : 'field-overflow';
    case 'hour': return addMicros(acc, val, fval, MICROS_PER_HOUR) ? F.HOUR : 'field-overflow';
    case 'day': return addDays(acc, val, 1) && addFractMicros(acc, fval, MICROS_PER_DAY) ? F.DAY : 'field-overflow';
    case 'week': return addDays(acc, val, DAYS_PER_WEEK) && addFractDays(acc, fval, DAYS_PER_WEEK) ? F.WEEK : 'field-overflow';
    case 'month': return addMonths(acc, val) && addFractDays(acc, fval, DAYS_PER_MONTH) ? F.MONTH : 'field-overflow';
    case 'year': return addYears(acc, val, 1) && addFractYears(acc, fval, 1) ? F.YEAR : 'field-overflow';
    case 'decade':
      return addYears(acc, val, YEARS_PER_DECADE) && addFractYears(acc, fval, YEARS_PER_DECADE) ? F.DECADE : 'field-overflow';
    case 'century':
      return addYears(acc, val, YEARS_PER_CENTURY) && addFractYears(acc, fval, YEARS_PER_CENTURY) ? F.CENTURY : 'field-overflow';
    case 'millennium':
      return addYears(acc, val, YEARS_PER_MILLENNIUM) && addFractYears(acc, fval, YEARS_PER_MILLENNIUM) ? F.MILLENNIUM : 'field-overflow';
    default: return 'bad-format';
  }
}

/**
 * Decodes PostgreSQL-syntax interval fields into `acc` under the qualifier `typmod`.
 * sql_standard IntervalStyle makes a leading `-` apply to every field when no other is signed.
 */
export function decodeInterval(fields: readonly DateField[], typmod: number, style: IntervalStyle, acc: IntervalAccumulator): DecodeError | undefined {
  const range = intervalRange(typmod);
  const forceNegative = style === 'sql_standard' && fields.length > 0 && fields[0]!.text[0] === '-'
    && !fields.slice(1).some((f) => f.text[0] === '-' || f.text[0] === '+');
  let fmask = 0;
  let isBefore = false;
  let unit: IntervalUnit | undefined;
  for (let i = fields.length - 1; i >= 0; i--) {
    const { text, kind } = fields[i]!;
    let tmask = 0;
    if (kind === 'time' || (kind === 'tz' && text.includes(':', 1) && decodeIntervalTime(text.slice(1), range, acc) === undefined)) {
      if (kind === 'time') {
        const err = decodeIntervalTime(text, range, acc);
        if (err) return err;
      } else if (text[0] === '-') {
        if (acc.usec === INT64_MIN) return 'field-overflow';
        acc.usec = -acc.usec;
      }
      if (forceNegative && acc.usec > 0n) acc.usec = -acc.usec;
      tmask = TIME_MASK;
      unit = 'day';
    } else if (kind === 'tz' || kind === 'date' || kind === 'number') {
      unit ??= bareUnit(range);
      const v = strtoi64(text);
      if (v.overflow) return 'field-overflow';
      let val = v.value;
      let fval = 0;
      if (text[v.end] === '-') {
        // SQL's years-months: `1-2`.
        const m = strtoi64(text, v.end + 1);
        let months = Number(m.value);
        if (m.overflow || months < 0 || months >= 12 || m.end === v.end + 1 && false) return 'field-overflow';
        if (m.end !== text.length) return 'bad-format';
        unit = 'month';
        if (text[0] === '-') months = -months;
        val = val * 12n + BigInt(months);
        if (val > -(INT64_MIN + 1n) || val < INT64_MIN) return 'field-overflow';
      } else if (text[v.end] === '.') {
        const f = parseFraction(text, v.end);
        if (f === undefined) return 'bad-format';
        fval = text[0] === '-' ? -f : f;
      } else if (v.end !== text.length) {
        return 'bad-format';
      }
      if (forceNegative) {
        if (val > 0n) val = -val;
        if (fval > 0) fval = -fval;
      }
      const r = addUnit(unit, val, fval, acc);
      if (typeof r === 'string') return r;
      tmask = r;
      if (unit === 'hour') unit = 'day';
    } else {
      const token = lookupIntervalToken(text);
      if (!token) return 'bad-format';
      if (token.kind === 'ignore') continue;
      if (token.kind === 'ago') isBefore = true;
      else unit = token.unit;
    }
    if (tmask & fmask) return 'bad-format';
    fmask |= tmask;
  }
  if (fmask === 0) return 'bad-format';
  if (isBefore) {
    if (acc.usec === INT64_MIN || acc.mday === -INT32_MAX - 1 || acc.mon === -INT32_MAX - 1 || acc.year === -INT32_MAX - 1) {
      return 'field-overflow';
    }
    acc.usec = -acc.usec;
    acc.mday = -acc.mday || 0;
    acc.mon = -acc.mon || 0;
    acc.year = -acc.year || 0;
  }
  return undefined;
}

/** Kept for the ISO 8601 decoder, which shares the fraction rules. */
