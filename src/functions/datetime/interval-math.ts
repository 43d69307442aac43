/**
 * Calendar arithmetic for date/timestamp ± interval and timestamp differences, following
 * PostgreSQL: months are added first (clamping the day to the month's end), then days, then
 * microseconds; a timestamp difference is expressed in days and microseconds (no months).
 */
import { civilFromDays, daysFromCivil, daysInMonth } from '../../types/datetime-codec-calendar.js';
import { MICROS_PER_DAY, type Interval } from '../../types/value.js';

const MONTHS_PER_YEAR = 12;
/** PostgreSQL treats a month as 30 days when comparing or dividing intervals. */
export const DAYS_PER_MONTH = 30;

/** Adds `months` to a day number, clamping the day of month. */
export function addMonthsToDays(days: number, months: number): number {
  if (months === 0 || !Number.isFinite(days)) return days;
  const { year, month, day } = civilFromDays(days);
  const total = year * MONTHS_PER_YEAR + (month - 1) + months;
  const newYear = Math.floor(total / MONTHS_PER_YEAR);
  const newMonth = total - newYear * MONTHS_PER_YEAR + 1;
  return daysFromCivil(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** timestamp + interval (sign = -1 subtracts). */
export function addInterval(micros: number, interval: Interval, sign: 1 | -1 = 1): number {
  if (!Number.isFinite(micros)) return micros;
  const dayNumber = Math.floor(micros / MICROS_PER_DAY);
  const timeOfDay = micros - dayNumber * MICROS_PER_DAY;
  const shifted = addMonthsToDays(dayNumber, sign * interval.months) + sign * interval.days;
  return shifted * MICROS_PER_DAY + timeOfDay + sign * interval.micros;
}

/** timestamp - timestamp as an interval of days and microseconds (justified to < 1 day). */
export function timestampDiff(a: number, b: number): Interval {
  const diff = a - b;
  const days = Math.trunc(diff / MICROS_PER_DAY);
  return { months: 0, days, micros: diff - days * MICROS_PER_DAY };
}

/** The interval's length in microseconds, months counted as 30 days (for ordering). */
export function intervalMicros(interval: Interval): number {
  return (interval.months * DAYS_PER_MONTH + interval.days) * MICROS_PER_DAY + interval.micros;
}

export function intervalAdd(a: Interval, b: Interval, sign: 1 | -1 = 1): Interval {
  return { months: a.months + sign * b.months, days: a.days + sign * b.days, micros: a.micros + sign * b.micros };
}

/** interval * factor, cascading fractional months into days and days into microseconds. */
export function intervalScale(a: Interval, factor: number): Interval {
  const months = a.months * factor;
  const wholeMonths = Math.trunc(months);
  const days = a.days * factor + (months - wholeMonths) * DAYS_PER_MONTH;
  const wholeDays = Math.trunc(days);
  const micros = Math.round(a.micros * factor + (days - wholeDays) * MICROS_PER_DAY);
  return { months: wholeMonths, days: wholeDays, micros };
}

/** age(a, b): symbolic difference in years/months/days and time, as PostgreSQL computes it. */
export function age(a: number, b: number): Interval {
  const sign = a >= b ? 1 : -1;
  const [hi, lo] = sign === 1 ? [a, b] : [b, a];
  const hiDay = Math.floor(hi / MICROS_PER_DAY);
  const loDay = Math.floor(lo / MICROS_PER_DAY);
  let micros = (hi - hiDay * MICROS_PER_DAY) - (lo - loDay * MICROS_PER_DAY);
  const h = civilFromDays(hiDay);
  const l = civilFromDays(loDay);
  let days = h.day - l.day;
  let months = (h.year - l.year) * MONTHS_PER_YEAR + (h.month - l.month);
  if (micros < 0) {
    micros += MICROS_PER_DAY;
    days--;
  }
  if (days < 0) {
    months--;
    const prevMonth = h.month === 1 ? 12 : h.month - 1;
    const prevYear = h.month === 1 ? h.year - 1 : h.year;
    days += daysInMonth(prevYear, prevMonth);
  }
  return { months: sign * months, days: sign * days, micros: sign * micros };
}
