/**
 * The session settings that shape date/time text: DateStyle (output style ISO / Postgres / SQL
 * / German and the field order DMY / MDY / YMD that input and some outputs follow) and
 * IntervalStyle (postgres, postgres_verbose, sql_standard, iso_8601), read from their setting
 * strings as PostgreSQL spells them.
 */

export type DateOutputStyle = 'ISO' | 'Postgres' | 'SQL' | 'German';
export type DateOrder = 'MDY' | 'DMY' | 'YMD';
export type IntervalStyle = 'postgres' | 'postgres_verbose' | 'sql_standard' | 'iso_8601';

export interface DateStyle {
  readonly style: DateOutputStyle;
  readonly order: DateOrder;
}

/** PostgreSQL's default: `ISO, MDY`. */
export const DEFAULT_DATE_STYLE: DateStyle = Object.freeze({ style: 'ISO', order: 'MDY' });

const STYLE_WORDS: Readonly<Record<string, DateOutputStyle>> = { iso: 'ISO', postgres: 'Postgres', sql: 'SQL', german: 'German' };
const ORDER_WORDS: Readonly<Record<string, DateOrder>> = {
  dmy: 'DMY', mdy: 'MDY', ymd: 'YMD', euro: 'DMY', european: 'DMY', us: 'MDY', noneuro: 'MDY', noneuropean: 'MDY',
};

/**
 * A DateStyle value (`Postgres, MDY`, `iso`, `dmy`, `german,euro`) on top of `current`: a word
 * left out keeps the current one, except that German alone implies DMY, as PostgreSQL's
 * check_datestyle does. Undefined when a word is not a style or order, or two conflict.
 */
export function parseDateStyle(value: string, current: DateStyle = DEFAULT_DATE_STYLE): DateStyle | undefined {
  let style: DateOutputStyle | undefined;
  let order: DateOrder | undefined;
  for (const word of value.split(/[\s,]+/).filter(Boolean)) {
    const w = word.toLowerCase();
    const s = STYLE_WORDS[w];
    const o = ORDER_WORDS[w];
    if (s) {
      if (style && style !== s) return undefined;
      style = s;
    } else if (o) {
      if (order && order !== o) return undefined;
      order = o;
    } else if (w !== 'default') {
      return undefined;
    }
  }
  if (style === 'German' && !order) order = 'DMY';
  return { style: style ?? current.style, order: order ?? current.order };
}

/** `Postgres, MDY`: the canonical spelling SHOW prints. */
export function formatDateStyle(d: DateStyle): string {
  return `${d.style}, ${d.order}`;
}

const cache = new Map<string, DateStyle>();

/** The DateStyle a (canonical) setting value names, cached: this runs per output batch. */
export function dateStyleOf(setting: string | undefined): DateStyle {
  if (setting === undefined) return DEFAULT_DATE_STYLE;
  let d = cache.get(setting);
  if (!d) {
    d = parseDateStyle(setting) ?? DEFAULT_DATE_STYLE;
    cache.set(setting, d);
  }
  return d;
}

const INTERVAL_STYLES: readonly IntervalStyle[] = ['postgres', 'postgres_verbose', 'sql_standard', 'iso_8601'];

/** An IntervalStyle setting value (case-insensitive), or undefined. */
export function parseIntervalStyle(value: string): IntervalStyle | undefined {
  const v = value.trim().toLowerCase();
  return INTERVAL_STYLES.find((s) => s === v);
}
