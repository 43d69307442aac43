/**
 * interval text in PostgreSQL's default IntervalStyle `postgres` (`1 year 2 mons 3 days
 * 04:05:06.5`, `-1 days +02:00:00`) and parsing of the usual input forms (`1 day`, `2 hours 3
 * minutes`, `04:05:06`, `@ 1 day ago`, ISO 8601 `P1Y2M3DT4H5M6S`).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Interval } from './value.js';

const MONTHS_PER_YEAR = 12;
const MICROS_PER_SECOND = 1_000_000;
const MICROS_PER_MINUTE = 60 * MICROS_PER_SECOND;
const MICROS_PER_HOUR = 60 * MICROS_PER_MINUTE;
const DAYS_PER_WEEK = 7;

function plural(n: number, unit: string, units: string): string {
  // PostgreSQL pluralises everything but exactly 1 (so `-1 days`).
  return `${n} ${n === 1 ? unit : units}`;
}

export function formatInterval(v: Interval): string {
  const years = Math.trunc(v.months / MONTHS_PER_YEAR);
  const months = v.months % MONTHS_PER_YEAR;
  const parts: string[] = [];
  let isBefore = false;
  const add = (n: number, unit: string, units: string) => {
    if (n === 0) return;
    parts.push(`${isBefore && n > 0 ? '+' : ''}${plural(n, unit, units)}`);
    isBefore = n < 0;
  };
  add(years, 'year', 'years');
  add(months, 'mon', 'mons');
  add(v.days, 'day', 'days');
  if (parts.length === 0 || v.micros !== 0) {
    const minus = v.micros < 0;
    const abs = Math.abs(v.micros);
    const h = Math.floor(abs / MICROS_PER_HOUR);
    const m = Math.floor((abs % MICROS_PER_HOUR) / MICROS_PER_MINUTE);
    const s = Math.floor((abs % MICROS_PER_MINUTE) / MICROS_PER_SECOND);
    const frac = abs % MICROS_PER_SECOND;
    let time = `${minus ? '-' : isBefore ? '+' : ''}${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
    if (frac) time += '.' + String(frac).padStart(6, '0').replace(/0+$/, '');
    parts.push(time);
  }
  return parts.join(' ');
}

/** Unit words → [months, days, micros] per unit. */
const UNITS: ReadonlyArray<readonly [RegExp, number, number, number]> = [
  [/^(millennium|millennia|millenniums)$/, 12000, 0, 0],
  [/^(century|centuries|c)$/, 1200, 0, 0],
  [/^(decade|decades|dec|decs)$/, 120, 0, 0],
  [/^(y|yr|yrs|year|years)$/, 12, 0, 0],
  [/^(mon|mons|month|months)$/, 1, 0, 0],
  [/^(w|week|weeks)$/, 0, DAYS_PER_WEEK, 0],
  [/^(d|day|days)$/, 0, 1, 0],
  [/^(h|hr|hrs|hour|hours)$/, 0, 0, MICROS_PER_HOUR],
  [/^(m|min|mins|minute|minutes)$/, 0, 0, MICROS_PER_MINUTE],
  [/^(s|sec|secs|second|seconds)$/, 0, 0, MICROS_PER_SECOND],
  [/^(ms|msec|msecs|millisecond|milliseconds)$/, 0, 0, 1000],
  [/^(us|usec|usecs|microsecond|microseconds)$/, 0, 0, 1],
];

const TIME_RE = /^([+-])?(\d+):(\d{1,2})(?::(\d{1,2}(?:\.\d+)?))?$/;

/** Parses interval input; a number without a unit is `bareUnit` (seconds unless a typmod says otherwise). */
export function parseInterval(text: string, bareUnit = 'second'): Interval {
  const bad = () => new SqlError(SQLSTATE.InvalidDatetimeFormat, `invalid input syntax for type interval: "${text}"`);
  let t = text.trim().toLowerCase();
  if (t.startsWith('p')) return parseIsoInterval(t, bad);
  if (t.startsWith('@')) t = t.slice(1).trim();
  let ago = false;
  if (/\bago$/.test(t)) { ago = true; t = t.replace(/\s*ago$/, ''); }
  const tokens = t.split(/\s+/).filter(Boolean);
  if (tokens.length === 0) throw bad();
  let months = 0, days = 0, micros = 0;
  for (let i = 0; i < tokens.length; i++) {
    const tok = tokens[i]!;
    const tm = TIME_RE.exec(tok);
    if (tm) {
      const sign = tm[1] === '-' ? -1 : 1;
      micros += sign * (Number(tm[2]) * MICROS_PER_HOUR + Number(tm[3]) * MICROS_PER_MINUTE
        + Math.round(Number(tm[4] ?? 0) * MICROS_PER_SECOND));
      continue;
    }
    const numMatch = /^([+-]?\d+(?:\.\d+)?|[+-]?\.\d+)([a-z]*)$/.exec(tok);
    if (!numMatch) throw bad();
    const n = Number(numMatch[1]);
    let unitWord = numMatch[2]!;
    if (!unitWord) {
      unitWord = tokens[i + 1] ?? bareUnit;
      if (tokens[i + 1] !== undefined) i++;
    }
    const unit = UNITS.find(([re]) => re.test(unitWord));
    if (!unit) throw bad();
    const [, mo, d, us] = unit;
    // Fractional months/days spill into smaller units as PostgreSQL does (30-day months).
    const totalMonths = n * mo;
    months += Math.trunc(totalMonths);
    const dayPart = (totalMonths - Math.trunc(totalMonths)) * 30 + n * d;
    days += Math.trunc(dayPart);
    micros += Math.round((dayPart - Math.trunc(dayPart)) * 24 * MICROS_PER_HOUR + n * us);
  }
  const sign = ago ? -1 : 1;
  return { months: sign * months || 0, days: sign * days || 0, micros: sign * micros || 0 };
}

function parseIsoInterval(t: string, bad: () => SqlError): Interval {
  const m = /^p(?:(-?\d+)y)?(?:(-?\d+)m)?(?:(-?\d+)w)?(?:(-?\d+)d)?(?:t(?:(-?\d+)h)?(?:(-?\d+)m)?(?:(-?\d+(?:\.\d+)?)s)?)?$/.exec(t);
  if (!m || t === 'p' || t.endsWith('t')) throw bad();
  const n = (i: number) => Number(m[i] ?? 0);
  return {
    months: n(1) * MONTHS_PER_YEAR + n(2),
    days: n(3) * DAYS_PER_WEEK + n(4),
    micros: n(5) * MICROS_PER_HOUR + n(6) * MICROS_PER_MINUTE + Math.round(n(7) * MICROS_PER_SECOND),
  };
}
