/**
 * The words date/time input knows (PostgreSQL's "Date/Time Key Words" appendix): months, days
 * of the week, AM/PM, AD/BC, the special values (`epoch`, `infinity`, `now`, `today` …), ISO
 * field labels (`y`, `m`, `d`, `t`, `j`), and for interval input the unit names and `ago`.
 * Like PostgreSQL, only the first 10 characters of a word are compared (`millisecond` and
 * `milliseconds` both match `millisecon`).
 */

/** Significant characters of a token (PostgreSQL's TOKMAXLEN). */
export const TOKEN_MAX_LENGTH = 10;

export type DateTokenKind =
  | 'month' | 'dow' | 'ampm' | 'adbc' | 'reserved' | 'ignore' | 'units' | 'isotime' | 'dstmod';

/** Special values a whole input may name. */
export type ReservedWord = 'epoch' | 'late' | 'early' | 'now' | 'today' | 'tomorrow' | 'yesterday' | 'zulu';

/** Field labels of ISO-style input (`y1999m01d08`, `J2451187`, `T040506`). */
export type UnitLabel = 'year' | 'month' | 'day' | 'minute' | 'second' | 'hour' | 'julian' | 'dow' | 'doy' | 'isodow' | 'isoyear' | 'time';

export interface DateToken {
  readonly kind: DateTokenKind;
  /** month 1–12, weekday 0–6 (Sunday 0), AM 0 / PM 1, AD 0 / BC 1, DST shift in seconds. */
  readonly value: number;
  readonly reserved?: ReservedWord;
  readonly unit?: UnitLabel;
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SECONDS_PER_HOUR = 3600;

function buildDateTokens(): Map<string, DateToken> {
  const m = new Map<string, DateToken>();
  MONTH_NAMES.forEach((name, i) => {
    m.set(name, { kind: 'month', value: i + 1 });
    m.set(name.slice(0, 3), { kind: 'month', value: i + 1 });
  });
  m.set('sept', { kind: 'month', value: 9 });
  DAY_NAMES.forEach((name, i) => {
    m.set(name, { kind: 'dow', value: i });
    m.set(name.slice(0, 3), { kind: 'dow', value: i });
  });
  for (const [w, d] of [['tues', 2], ['weds', 3], ['thur', 4], ['thurs', 4]] as const) m.set(w, { kind: 'dow', value: d });
  m.set('am', { kind: 'ampm', value: 0 });
  m.set('pm', { kind: 'ampm', value: 1 });
  m.set('ad', { kind: 'adbc', value: 0 });
  m.set('bc', { kind: 'adbc', value: 1 });
  const reserved: readonly [string, ReservedWord][] = [
    ['epoch', 'epoch'], ['infinity', 'late'], ['-infinity', 'early'], ['now', 'now'], ['today', 'today'],
    ['tomorrow', 'tomorrow'], ['yesterday', 'yesterday'], ['allballs', 'zulu'],
  ];
  for (const [w, r] of reserved) m.set(w, { kind: 'reserved', value: 0, reserved: r });
  m.set('at', { kind: 'ignore', value: 0 });
  m.set('on', { kind: 'ignore', value: 0 });
  const units: readonly [string, UnitLabel][] = [
    ['y', 'year'], ['m', 'month'], ['d', 'day'], ['h', 'hour'], ['mm', 'minute'], ['s', 'second'],
    ['j', 'julian'], ['jd', 'julian'], ['julian', 'julian'], ['dow', 'dow'], ['doy', 'doy'], ['isodow', 'isodow'], ['isoyear', 'isoyear'],
  ];
  for (const [w, u] of units) m.set(w, { kind: 'units', value: 0, unit: u });
  m.set('t', { kind: 'isotime', value: 0, unit: 'time' });
  m.set('dst', { kind: 'dstmod', value: SECONDS_PER_HOUR });
  return m;
}

const DATE_TOKENS = buildDateTokens();

/** The first TOKEN_MAX_LENGTH characters, the part PostgreSQL compares. */
export function tokenKey(lower: string): string {
  return lower.length > TOKEN_MAX_LENGTH ? lower.slice(0, TOKEN_MAX_LENGTH) : lower;
}

/** A date/time key word (lower-case input), or undefined. */
export function lookupDateToken(lower: string): DateToken | undefined {
  return DATE_TOKENS.get(tokenKey(lower));
}

/** Interval units and their sizes, for interval input. */
export type IntervalUnit =
  | 'microsecond' | 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter'
  | 'year' | 'decade' | 'century' | 'millennium' | 'timezone' | 'timezone_h' | 'timezone_m';

export type IntervalToken =
  | { readonly kind: 'unit'; readonly unit: IntervalUnit }
  | { readonly kind: 'ago' }
  | { readonly kind: 'ignore' };

function buildIntervalTokens(): Map<string, IntervalToken> {
  const m = new Map<string, IntervalToken>();
  const spellings: readonly [IntervalUnit, readonly string[]][] = [
    ['microsecond', ['microsecon', 'us', 'usec', 'usecs', 'useconds']],
    ['millisecond', ['millisecon', 'ms', 'msec', 'msecs', 'mseconds']],
    ['second', ['s', 'sec', 'secs', 'second', 'seconds']],
    ['minute', ['m', 'min', 'mins', 'minute', 'minutes']],
    ['hour', ['h', 'hr', 'hrs', 'hour', 'hours']],
    ['day', ['d', 'day', 'days']],
    ['week', ['w', 'week', 'weeks']],
    ['month', ['mon', 'mons', 'month', 'months']],
    ['quarter', ['qtr', 'quarter']],
    ['year', ['y', 'yr', 'yrs', 'year', 'years']],
    ['decade', ['dec', 'decs', 'decade', 'decades']],
    ['century', ['c', 'cent', 'century', 'centuries']],
    ['millennium', ['mil', 'mils', 'millennia', 'millennium']],
    ['timezone', ['timezone']], ['timezone_h', ['timezone_h']], ['timezone_m', ['timezone_m']],
  ];
  for (const [unit, words] of spellings) for (const w of words) m.set(w, { kind: 'unit', unit });
  m.set('ago', { kind: 'ago' });
  m.set('@', { kind: 'ignore' });
  return m;
}

const INTERVAL_TOKENS = buildIntervalTokens();

/** An interval key word (lower-case input), or undefined. */
export function lookupIntervalToken(lower: string): IntervalToken | undefined {
  return INTERVAL_TOKENS.get(tokenKey(lower));
}

/** Three-letter names, as PostgreSQL prints them (`Jan`, `Sun`). */
export const MONTH_ABBREVS = MONTH_NAMES.map((n) => n[0]!.toUpperCase() + n.slice(1, 3));
export const DAY_ABBREVS = DAY_NAMES.map((n) => n[0]!.toUpperCase() + n.slice(1, 3));
/** Full names (`January`, `Sunday`). */
export const MONTH_FULL_NAMES = MONTH_NAMES.map((n) => n[0]!.toUpperCase() + n.slice(1));
export const DAY_FULL_NAMES = DAY_NAMES.map((n) => n[0]!.toUpperCase() + n.slice(1));
