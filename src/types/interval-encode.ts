/**
 * interval output in each IntervalStyle, as PostgreSQL's EncodeInterval writes it:
 *
 * | style            | 1 year 2 months 3 days 04:05:06.5     | -1 day +02:00                |
 * |------------------|----------------------------------------|------------------------------|
 * | postgres         | `1 year 2 mons 3 days 04:05:06.5`      | `-1 days +02:00:00`          |
 * | postgres_verbose | `@ 1 year 2 mons 3 days 4 hours 5 mins 6.5 secs` | `@ 1 day -2 hours ago` |
 * | sql_standard     | `+1-2 +3 +4:05:06.5`                   | `-1 +2:00:00`                |
 * | iso_8601         | `P1Y2M3DT4H5M6.5S`                     | `P-1DT2H`                    |
 *
 * Microseconds beyond 2^53 are split exactly (BigInt of the stored double).
 */
import type { IntervalStyle } from './datetime-style.js';
import type { Interval } from './value.js';

const MONTHS_PER_YEAR = 12;
const MICROS_PER_SECOND = 1_000_000n;
const MICROS_PER_MINUTE = 60n * MICROS_PER_SECOND;
const MICROS_PER_HOUR = 60n * MICROS_PER_MINUTE;
const FRACTION_DIGITS = 6;
const SAFE_MICROS = 2 ** 53;

/** The broken-down interval, each part carrying the value's sign (interval2itm). */
interface IntervalParts {
  year: number;
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
  fsec: number;
}

function breakDown(v: Interval): IntervalParts {
  const year = Math.trunc(v.months / MONTHS_PER_YEAR);
  const mon = v.months % MONTHS_PER_YEAR;
  if (Math.abs(v.micros) < SAFE_MICROS) {
    const t = v.micros;
    const hour = Math.trunc(t / 3_600_000_000);
    let rest = t - hour * 3_600_000_000;
    const min = Math.trunc(rest / 60_000_000);
    rest -= min * 60_000_000;
    const sec = Math.trunc(rest / 1_000_000);
    return { year, mon, mday: v.days, hour, min, sec, fsec: rest - sec * 1_000_000 };
  }
  let t = BigInt(v.micros);
  const hour = t / MICROS_PER_HOUR;
  t -= hour * MICROS_PER_HOUR;
  const min = t / MICROS_PER_MINUTE;
  t -= min * MICROS_PER_MINUTE;
  const sec = t / MICROS_PER_SECOND;
  return { year, mon, mday: v.days, hour: Number(hour), min: Number(min), sec: Number(sec), fsec: Number(t - sec * MICROS_PER_SECOND) };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Seconds and fraction without sign, trailing fraction zeros trimmed (AppendSeconds). */
function secondsText(sec: number, fsec: number, fillZeros: boolean): string {
  const s = fillZeros ? pad2(Math.abs(sec)) : String(Math.abs(sec));
  if (fsec === 0) return s;
  return `${s}.${String(Math.abs(fsec)).padStart(FRACTION_DIGITS, '0').replace(/0+$/, '')}`;
}

export function encodeInterval(v: Interval, style: IntervalStyle): string {
  const p = breakDown(v);
  switch (style) {
    case 'sql_standard': return sqlStandard(p);
    case 'iso_8601': return iso8601(p);
    case 'postgres_verbose': return postgresVerbose(p);
    default: return postgres(p);
  }
}

function postgres(p: IntervalParts): string {
  let out = '';
  let isZero = true;
  let isBefore = false;
  const add = (value: number, unit: string) => {
    if (value === 0) return;
    out += `${isZero ? '' : ' '}${isBefore && value > 0 ? '+' : ''}${value} ${unit}${value !== 1 ? 's' : ''}`;
    isBefore = value < 0;
    isZero = false;
  };
  add(p.year, 'year');
  add(p.mon, 'mon');
  add(p.mday, 'day');
  if (isZero || p.hour !== 0 || p.min !== 0 || p.sec !== 0 || p.fsec !== 0) {
    const minus = p.hour < 0 || p.min < 0 || p.sec < 0 || p.fsec < 0;
    out += `${isZero ? '' : ' '}${minus ? '-' : isBefore ? '+' : ''}${pad2(Math.abs(p.hour))}:${pad2(Math.abs(p.min))}:`
      + secondsText(p.sec, p.fsec, true);
  }
  return out;
}

function postgresVerbose(p: IntervalParts): string {
  let out = '@';
  let isZero = true;
  let isBefore = false;
  const add = (value: number, unit: string) => {
    if (value === 0) return;
    // The first nonzero field decides `ago`; later ones are shown relative to it.
    if (isZero) {
      isBefore = value < 0;
      value = Math.abs(value);
    } else if (isBefore) {
      value = -value;
    }
    out += ` ${value} ${unit}${value === 1 ? '' : 's'}`;
    isZero = false;
  };
  add(p.year, 'year');
  add(p.mon, 'mon');
  add(p.mday, 'day');
  add(p.hour, 'hour');
  add(p.min, 'min');
  if (p.sec !== 0 || p.fsec !== 0) {
    out += ' ';
    if (p.sec < 0 || (p.sec === 0 && p.fsec < 0)) {
      if (isZero) isBefore = true;
      else if (!isBefore) out += '-';
    } else if (isBefore) {
      out += '-';
    }
    out += `${secondsText(p.sec, p.fsec, false)} sec${Math.abs(p.sec) !== 1 || p.fsec !== 0 ? 's' : ''}`;
    isZero = false;
  }
  if (isZero) out += ' 0';
  if (isBefore) out += ' ago';
  return out;
}

function sqlStandard(p: IntervalParts): string {
  const values = [p.year, p.mon, p.mday, p.hour, p.min, p.sec, p.fsec];
  const hasNegative = values.some((x) => x < 0);
  const hasPositive = values.some((x) => x > 0);
  const hasYearMonth = p.year !== 0 || p.mon !== 0;
  const hasDayTime = p.mday !== 0 || p.hour !== 0 || p.min !== 0 || p.sec !== 0 || p.fsec !== 0;
  const standard = !(hasNegative && hasPositive) && !(hasYearMonth && hasDayTime);
  let sign = '';
  let q = p;
  if (hasNegative && standard) {
    sign = '-';
    q = { year: -p.year, mon: -p.mon, mday: -p.mday, hour: -p.hour, min: -p.min, sec: -p.sec, fsec: -p.fsec };
  }
  if (!hasNegative && !hasPositive) return '0';
  const time = (h: number) => `${Math.abs(h)}:${pad2(Math.abs(q.min))}:${secondsText(q.sec, q.fsec, true)}`;
  if (!standard) {
    const yearSign = q.year < 0 || q.mon < 0 ? '-' : '+';
    const daySign = q.mday < 0 ? '-' : '+';
    const secSign = q.hour < 0 || q.min < 0 || q.sec < 0 || q.fsec < 0 ? '-' : '+';
    return `${yearSign}${Math.abs(q.year)}-${Math.abs(q.mon)} ${daySign}${Math.abs(q.mday)} ${secSign}${time(q.hour)}`;
  }
  if (hasYearMonth) return `${sign}${q.year}-${q.mon}`;
  if (p.mday !== 0) return `${sign}${q.mday} ${q.hour}:${pad2(Math.abs(q.min))}:${secondsText(q.sec, q.fsec, true)}`;
  return `${sign}${q.hour}:${pad2(Math.abs(q.min))}:${secondsText(q.sec, q.fsec, true)}`;
}

function iso8601(p: IntervalParts): string {
  if (p.year === 0 && p.mon === 0 && p.mday === 0 && p.hour === 0 && p.min === 0 && p.sec === 0 && p.fsec === 0) return 'PT0S';
  const part = (value: number, unit: string) => (value === 0 ? '' : `${value}${unit}`);
  let out = `P${part(p.year, 'Y')}${part(p.mon, 'M')}${part(p.mday, 'D')}`;
  if (p.hour !== 0 || p.min !== 0 || p.sec !== 0 || p.fsec !== 0) out += 'T';
  out += part(p.hour, 'H') + part(p.min, 'M');
  if (p.sec !== 0 || p.fsec !== 0) out += `${p.sec < 0 || p.fsec < 0 ? '-' : ''}${secondsText(p.sec, p.fsec, false)}S`;
  return out;
}
