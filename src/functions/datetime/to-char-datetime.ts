/**
 * to_char(timestamp[tz], format) as PostgreSQL 15's formatting.c writes it: the format is cut
 * into keywords (matched case-sensitively, longest first: `HH24` before `HH`, `Day` and `DAY`
 * distinct), FM / TM prefixes and TH / th suffixes, double-quoted literals and `\"`; every
 * other character is copied. Numbers are zero-padded to their keyword's width unless FM; names
 * are blank-padded to 9 (months, days) or 4 (Roman months) unless FM or TM. Parsed formats are
 * cached, as a statement applies one format to many rows.
 */
import { boundedCache } from '../../common/bounded-cache.js';
import { civilFromDays, daysFromCivil } from '../../types/datetime-codec-calendar.js';
import { DAYS_PER_WEEK, MICROS_PER_DAY, MICROS_PER_SECOND, SECONDS_PER_HOUR, SECONDS_PER_MINUTE } from '../../types/time-units.js';
import { extractFromTimestamp } from './datetime-fields.js';

/** A broken-down local time, as timestamp2tm gives it (year 0 is 1 BC). */
export interface FormatFields {
  readonly micros: number;
  /** Seconds east of UTC (0 for timestamp without time zone). */
  readonly gmtoff: number;
  /** The zone abbreviation TZ prints; undefined for timestamp without time zone. */
  readonly zoneName: string | undefined;
}

interface Tm {
  year: number; month: number; day: number; hour: number; minute: number; second: number; fraction: number;
  days: number; doy: number; dow: number; gmtoff: number; zoneName: string | undefined;
}

type Node =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'key'; readonly key: string; readonly fm: boolean; readonly tm: boolean; readonly th: 'upper' | 'lower' | undefined };

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const NAME_WIDTH = 9;
const ROMAN_WIDTH = 4;
const HOURS_PER_HALF_DAY = 12;
const FORMAT_CACHE_LIMIT = 256;

/** Keywords whose value is a number; both cases of each are keywords. */
const NUMERIC_KEYS = [
  'Y,YYY', 'YYYY', 'YYY', 'YY', 'Y', 'IYYY', 'IYY', 'IY', 'I', 'HH24', 'HH12', 'HH', 'MI', 'SSSSS', 'SSSS', 'SS', 'MS', 'US',
  'FF1', 'FF2', 'FF3', 'FF4', 'FF5', 'FF6', 'IDDD', 'DDD', 'DD', 'D', 'ID', 'IW', 'WW', 'W', 'MM', 'CC', 'Q', 'J',
];
/** Keywords whose case chooses the output's case. */
const CASED_KEYS = [
  'MONTH', 'Month', 'month', 'MON', 'Mon', 'mon', 'DAY', 'Day', 'day', 'DY', 'Dy', 'dy', 'RM', 'rm', 'TZH', 'TZM', 'TZ', 'tz',
  'OF', 'A.D.', 'a.d.', 'AD', 'ad', 'B.C.', 'b.c.', 'BC', 'bc', 'A.M.', 'a.m.', 'AM', 'am', 'P.M.', 'p.m.', 'PM', 'pm', 'FX',
];
const LOWER_ALIASES = ['tzh', 'tzm', 'of', 'fx'];
const KEYWORDS: readonly string[] = [...NUMERIC_KEYS, ...NUMERIC_KEYS.map((k) => k.toLowerCase()), ...CASED_KEYS, ...LOWER_ALIASES]
  .sort((a, b) => b.length - a.length);

const cache = boundedCache<string, readonly Node[]>(FORMAT_CACHE_LIMIT);

function parseFormat(format: string): readonly Node[] {
  const nodes: Node[] = [];
  let i = 0;
  while (i < format.length) {
    let fm = false;
    let tm = false;
    const prefix = format.slice(i, i + 2);
    if (prefix === 'FM' || prefix === 'fm') { fm = true; i += 2; }
    else if (prefix === 'TM' || prefix === 'tm') { tm = true; i += 2; }
    const key = KEYWORDS.find((k) => format.startsWith(k, i));
    if (key) {
      i += key.length;
      const suffix = format.slice(i, i + 2);
      const th = suffix === 'TH' ? 'upper' : suffix === 'th' ? 'lower' : undefined;
      if (th || suffix === 'SP') i += 2;
      nodes.push({ kind: 'key', key, fm, tm, th });
      continue;
    }
    if (i >= format.length) break;
    if (format[i] === '"') {
      // A quoted literal; backslash takes the next character as it is.
      let text = '';
      for (i++; i < format.length && format[i] !== '"'; i++) {
        if (format[i] === '\\' && i + 1 < format.length) i++;
        text += format[i];
      }
      nodes.push({ kind: 'text', text });
      i++;
      continue;
    }
    if (format[i] === '\\' && format[i + 1] === '"') i++;
    nodes.push({ kind: 'text', text: format[i]! });
    i++;
  }
  return nodes;
}

function cachedFormat(format: string): readonly Node[] {
  let nodes = cache.get(format);
  if (!nodes) {
    nodes = parseFormat(format);
    cache.set(format, nodes);
  }
  return nodes;
}

function breakDown(f: FormatFields): Tm {
  const days = Math.floor(f.micros / MICROS_PER_DAY);
  const time = f.micros - days * MICROS_PER_DAY;
  const { year, month, day } = civilFromDays(days);
  const seconds = Math.floor(time / MICROS_PER_SECOND);
  return {
    year, month, day, days,
    hour: Math.floor(seconds / SECONDS_PER_HOUR),
    minute: Math.floor((seconds % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE),
    second: seconds % SECONDS_PER_MINUTE,
    fraction: time - seconds * MICROS_PER_SECOND,
    doy: days - daysFromCivil(year, 1, 1) + 1,
    dow: ((days % DAYS_PER_WEEK) + DAYS_PER_WEEK + 4) % DAYS_PER_WEEK,
    gmtoff: f.gmtoff, zoneName: f.zoneName,
  };
}

/** sprintf("%0*d", width, n): zero-padded after the sign. */
function padded(n: number, width: number): string {
  const digits = String(Math.abs(n));
  return n < 0 ? `-${digits.padStart(width - 1, '0')}` : digits.padStart(width, '0');
}

/** The year as BC/AD numbering writes it (year 0 is 1 BC). */
const adjustYear = (year: number) => (year <= 0 ? -(year - 1) : year);

/** English ordinal suffix of a number's text (teens take th). */
function ordinal(text: string, th: 'upper' | 'lower'): string {
  const last = text[text.length - 1];
  const teen = text.length > 1 && text[text.length - 2] === '1';
  const suffix = teen ? 'th' : last === '1' ? 'st' : last === '2' ? 'nd' : last === '3' ? 'rd' : 'th';
  return text + (th === 'upper' ? suffix.toUpperCase() : suffix);
}

function isoYear(tm: Tm): number {
  const v = extractFromTimestamp('isoyear', tm.days * MICROS_PER_DAY);
  return v > 0 ? v : v + 1;
}

function yearDigits(year: number, fm: boolean, modulo: number, width: number): string {
  const y = adjustYear(year);
  return padded(y % modulo, fm ? 0 : y >= 0 ? width : width + 1);
}

function century(year: number, fm: boolean): string {
  const c = year > 0 ? Math.trunc((year - 1) / 100) + 1 : Math.trunc(year / 100) - 1;
  return c <= 99 && c >= -99 ? padded(c, fm ? 0 : c >= 0 ? 2 : 3) : String(c);
}

function fullYear(year: number, fm: boolean): string {
  const y = adjustYear(year);
  return year <= 9999 && year >= -9998 ? padded(y, fm ? 0 : y >= 0 ? 4 : 5) : String(y);
}

/** A numeric keyword's text (before any TH suffix). */
function numeric(key: string, tm: Tm, fm: boolean): string {
  const w = (n: number, width: number) => padded(n, fm ? 0 : width);
  const hour12 = tm.hour % HOURS_PER_HALF_DAY === 0 ? HOURS_PER_HALF_DAY : tm.hour % HOURS_PER_HALF_DAY;
  const isoWeek = () => extractFromTimestamp('week', tm.days * MICROS_PER_DAY);
  const isoDow = tm.dow === 0 ? DAYS_PER_WEEK : tm.dow;
  switch (key.toUpperCase()) {
    case 'Y,YYY': {
      const y = adjustYear(tm.year);
      return `${Math.trunc(y / 1000)},${padded(y - Math.trunc(y / 1000) * 1000, 3)}`;
    }
    case 'YYYY': return fullYear(tm.year, fm);
    case 'YYY': return yearDigits(tm.year, fm, 1000, 3);
    case 'YY': return yearDigits(tm.year, fm, 100, 2);
    case 'Y': return yearDigits(tm.year, fm, 10, 1);
    case 'IYYY': return fullYear(isoYear(tm), fm);
    case 'IYY': return yearDigits(isoYear(tm), fm, 1000, 3);
    case 'IY': return yearDigits(isoYear(tm), fm, 100, 2);
    case 'I': return yearDigits(isoYear(tm), fm, 10, 1);
    case 'HH24': return w(tm.hour, 2);
    case 'HH12': case 'HH': return w(hour12, 2);
    case 'MI': return w(tm.minute, 2);
    case 'SS': return w(tm.second, 2);
    case 'SSSS': case 'SSSSS': return String(tm.hour * SECONDS_PER_HOUR + tm.minute * SECONDS_PER_MINUTE + tm.second);
    case 'MS': return padded(Math.trunc(tm.fraction / 1000), 3);
    case 'US': return padded(tm.fraction, 6);
    case 'FF1': case 'FF2': case 'FF3': case 'FF4': case 'FF5': case 'FF6':
      return padded(tm.fraction, 6).slice(0, Number(key[2]));
    case 'IDDD': return w((isoWeek() - 1) * DAYS_PER_WEEK + isoDow, 3);
    case 'DDD': return w(tm.doy, 3);
    case 'DD': return w(tm.day, 2);
    case 'D': return String(tm.dow + 1);
    case 'ID': return String(isoDow);
    case 'IW': return w(isoWeek(), 2);
    case 'WW': return w(Math.trunc((tm.doy - 1) / DAYS_PER_WEEK) + 1, 2);
    case 'W': return String(Math.trunc((tm.day - 1) / DAYS_PER_WEEK) + 1);
    case 'MM': return w(tm.month, 2);
    case 'CC': return century(tm.year, fm);
    case 'Q': return String(Math.trunc((tm.month - 1) / 3) + 1);
    default: return String(tm.days + 2440588);
  }
}

/** A name in the keyword's case, blank-padded to `width` unless FM or TM. */
function cased(key: string, name: string, width: number, node: { fm: boolean; tm: boolean }): string {
  const text = key === key.toUpperCase() ? name.toUpperCase() : key === key.toLowerCase() ? name.toLowerCase() : name;
  return node.fm || node.tm ? text : text.padEnd(width);
}

function offsetText(key: string, tm: Tm, fm: boolean): string {
  const sign = tm.gmtoff >= 0 ? '+' : '-';
  const abs = Math.abs(tm.gmtoff);
  const hours = Math.trunc(abs / SECONDS_PER_HOUR);
  const minutes = padded(Math.trunc((abs % SECONDS_PER_HOUR) / SECONDS_PER_MINUTE), 2);
  if (key === 'TZH') return `${sign}${padded(hours, 2)}`;
  if (key === 'TZM') return minutes;
  return `${sign}${padded(hours, fm ? 0 : 2)}${abs % SECONDS_PER_HOUR !== 0 ? `:${minutes}` : ''}`;
}

function render(node: Node & { kind: 'key' }, tm: Tm): string {
  const { key } = node;
  const upperKey = key.toUpperCase();
  if (NUMERIC_KEYS.includes(upperKey)) {
    const text = numeric(key, tm, node.fm);
    return node.th ? ordinal(text, node.th) : text;
  }
  // AD/BC and AM/PM: the keyword's dots and case carry over to the word written.
  const marker = (word: string) => {
    const text = key.includes('.') ? `${word[0]}.${word[1]}.` : word;
    return key === key.toLowerCase() ? text.toLowerCase() : text;
  };
  switch (upperKey) {
    case 'MONTH': return cased(key, MONTHS[tm.month - 1]!, NAME_WIDTH, node);
    case 'MON': return cased(key, MONTHS[tm.month - 1]!.slice(0, 3), 0, node);
    case 'DAY': return cased(key, DAYS[tm.dow]!, NAME_WIDTH, node);
    case 'DY': return cased(key, DAYS[tm.dow]!.slice(0, 3), 0, node);
    case 'RM': {
      const roman = ROMAN[tm.month - 1]!;
      const text = key === 'rm' ? roman.toLowerCase() : roman;
      return node.fm ? text : text.padEnd(ROMAN_WIDTH);
    }
    case 'TZ': return tm.zoneName === undefined ? '' : key === 'tz' ? tm.zoneName.toLowerCase() : tm.zoneName;
    case 'TZH': case 'TZM': case 'OF': return offsetText(upperKey, tm, node.fm);
    case 'AD': case 'BC': case 'A.D.': case 'B.C.': return marker(tm.year <= 0 ? 'BC' : 'AD');
    case 'AM': case 'PM': case 'A.M.': case 'P.M.': return marker(tm.hour >= HOURS_PER_HALF_DAY ? 'PM' : 'AM');
    default: return '';
  }
}

/** to_char of a finite local time; ±infinity is the caller's NULL. */
export function formatDatetime(fields: FormatFields, format: string): string {
  const tm = breakDown(fields);
  let out = '';
  for (const node of cachedFormat(format)) out += node.kind === 'text' ? node.text : render(node, tm);
  return out;
}
