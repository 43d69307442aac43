/**
 * Text output of dates and timestamps in every DateStyle, as PostgreSQL's EncodeDateOnly and
 * EncodeDateTime write them:
 *
 * | style    | date         | timestamp(tz)                        |
 * |----------|--------------|--------------------------------------|
 * | ISO      | `1997-02-10` | `1997-02-10 17:32:01-08`             |
 * | Postgres | `02-10-1997` | `Mon Feb 10 17:32:01 1997 PST`       |
 * | SQL      | `02/10/1997` | `02/10/1997 17:32:01 PST`            |
 * | German   | `10.02.1997` | `10.02.1997 17:32:01 PST`            |
 *
 * DMY order swaps month and day in Postgres and SQL styles; BC years get ` BC` at the end.
 */
import { civilFromDays } from './datetime-codec-calendar.js';
import { formatOffset } from './datetime-codec-zone.js';
import type { DateStyle } from './datetime-style.js';
import { DAY_ABBREVS, MONTH_ABBREVS } from './datetime-tokens.js';
import { DAYS_PER_WEEK, MICROS_PER_DAY, MICROS_PER_HOUR, MICROS_PER_MINUTE, MICROS_PER_SECOND } from './time-units.js';

const FRACTION_DIGITS = 6;
const YEAR_DIGITS = 4;
/** 1970-01-01 was a Thursday. */
const EPOCH_DOW = 4;

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
/** Beyond 2^53 µs (before 1685 or after 2255) a double no longer holds every microsecond. */
const EXACT_MICROS = 2 ** 53;
const MICROS_PER_DAY_BIG = 86_400_000_000n;

/**
 * Day number and µs of the day of a local timestamp. Past 2^53 µs the split is exact (BigInt)
 * and the time is rounded to the decimal step the double can resolve, so a value read from
 * `294276-12-31 23:59:59` prints as written rather than with the double's noise.
 */
export function splitLocalMicros(micros: number): { days: number; time: number } {
  if (Math.abs(micros) < EXACT_MICROS) {
    const days = Math.floor(micros / MICROS_PER_DAY);
    return { days, time: micros - days * MICROS_PER_DAY };
  }
  const big = BigInt(micros);
  let days = big / MICROS_PER_DAY_BIG;
  let rest = big - days * MICROS_PER_DAY_BIG;
  if (rest < 0n) { rest += MICROS_PER_DAY_BIG; days -= 1n; }
  const ulp = 2 ** (Math.floor(Math.log2(Math.abs(micros))) - 52);
  const step = 10 ** Math.ceil(Math.log10(ulp));
  let time = Math.round(Number(rest) / step) * step;
  if (time >= MICROS_PER_DAY) { time -= MICROS_PER_DAY; days += 1n; }
  return { days: Number(days), time };
}

/** The displayed year (1 BC for year 0) zero-padded to four digits. */
function yearText(year: number): string {
  return String(year > 0 ? year : 1 - year).padStart(YEAR_DIGITS, '0');
}

/** `05`, `05.25`: seconds with the fraction's trailing zeros trimmed. */
export function secondsText(second: number, fsec: number): string {
  const s = pad2(second);
  if (fsec === 0) return s;
  return `${s}.${String(fsec).padStart(FRACTION_DIGITS, '0').replace(/0+$/, '')}`;
}

/** `hh:mm:ss[.ffffff]` of µs since midnight. */
export function timeOfDayText(time: number): string {
  const h = Math.floor(time / MICROS_PER_HOUR);
  const m = Math.floor((time % MICROS_PER_HOUR) / MICROS_PER_MINUTE);
  const s = Math.floor((time % MICROS_PER_MINUTE) / MICROS_PER_SECOND);
  return `${pad2(h)}:${pad2(m)}:${secondsText(s, time % MICROS_PER_SECOND)}`;
}

/** A date (days since 1970, finite) in `style`. */
export function encodeDate(days: number, style: DateStyle): string {
  const { year, month, day } = civilFromDays(days);
  const y = yearText(year);
  const dmy = style.order === 'DMY';
  let out: string;
  switch (style.style) {
    case 'SQL': out = dmy ? `${pad2(day)}/${pad2(month)}/${y}` : `${pad2(month)}/${pad2(day)}/${y}`; break;
    case 'German': out = `${pad2(day)}.${pad2(month)}.${y}`; break;
    case 'Postgres': out = dmy ? `${pad2(day)}-${pad2(month)}-${y}` : `${pad2(month)}-${pad2(day)}-${y}`; break;
    default: out = `${y}-${pad2(month)}-${pad2(day)}`;
  }
  return year <= 0 ? `${out} BC` : out;
}

/** The zone part of a timestamptz: offset seconds east and the zone's abbreviation then. */
export interface ZoneShown {
  readonly offset: number;
  readonly abbrev: string;
}

/**
 * A timestamp as local µs since 1970 (finite) in `style`; `zone` for timestamptz (the ISO style
 * prints the offset, the others the abbreviation).
 */
export function encodeTimestamp(local: number, style: DateStyle, zone?: ZoneShown): string {
  const split = splitLocalMicros(local);
  const days = split.days;
  const { year, month, day } = civilFromDays(days);
  const time = timeOfDayText(split.time);
  const y = yearText(year);
  const dmy = style.order === 'DMY';
  let out: string;
  switch (style.style) {
    case 'SQL':
      out = `${dmy ? `${pad2(day)}/${pad2(month)}` : `${pad2(month)}/${pad2(day)}`}/${y} ${time}`;
      if (zone) out += ` ${zone.abbrev}`;
      break;
    case 'German':
      out = `${pad2(day)}.${pad2(month)}.${y} ${time}`;
      if (zone) out += ` ${zone.abbrev}`;
      break;
    case 'Postgres': {
      const dow = DAY_ABBREVS[(((days + EPOCH_DOW) % DAYS_PER_WEEK) + DAYS_PER_WEEK) % DAYS_PER_WEEK]!;
      const md = dmy ? `${pad2(day)} ${MONTH_ABBREVS[month - 1]}` : `${MONTH_ABBREVS[month - 1]} ${pad2(day)}`;
      out = `${dow} ${md} ${time} ${y}`;
      if (zone) out += ` ${zone.abbrev}`;
      break;
    }
    default:
      out = `${y}-${pad2(month)}-${pad2(day)} ${time}`;
      if (zone) out += formatOffset(zone.offset);
  }
  return year <= 0 ? `${out} BC` : out;
}
