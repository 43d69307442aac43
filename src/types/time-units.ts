/**
 * Sizes of time units, for date/time and interval arithmetic (microsecond resolution, as
 * PostgreSQL's integer timestamps).
 */
export const MICROS_PER_MILLI = 1000;
export const MICROS_PER_SECOND = 1_000_000;
export const MICROS_PER_MINUTE = 60_000_000;
export const MICROS_PER_HOUR = 3_600_000_000;
export const MICROS_PER_DAY = 86_400_000_000;
export const SECONDS_PER_MINUTE = 60;
export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86400;
export const MINUTES_PER_HOUR = 60;
export const HOURS_PER_DAY = 24;
export const DAYS_PER_WEEK = 7;
/** PostgreSQL counts a month as 30 days when it must (interval comparison, justify_days). */
export const DAYS_PER_MONTH = 30;
export const MONTHS_PER_YEAR = 12;
