/**
 * Output side of COPY: one row as a line of PostgreSQL's text format (tab-delimited, `\N`,
 * backslash escapes) or CSV (quoting only where needed; NULL unquoted).
 */
import type { CopyOptions } from '../../parser/ast.js';
import type { SqlType } from '../../types/sql-type.js';
import { formatText, type TextCodecOptions } from '../../types/text-codec.js';
import type { Row } from '../../types/value.js';

const TEXT_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v' };

export interface CopyLineFormat {
  line(row: Row): string;
  header(names: readonly string[]): string;
}

/** `forceQuote`: output positions always quoted in CSV (FORCE_QUOTE). */
export function copyLineFormat(options: CopyOptions, types: readonly SqlType[], codec: TextCodecOptions,
  forceQuote: ReadonlySet<number> = new Set()): CopyLineFormat {
  const csv = options.format === 'csv';
  const delimiter = options.delimiter ?? (csv ? ',' : '\t');
  const nullText = options.null ?? (csv ? '' : '\\N');
  const quote = options.quote ?? '"';
  const escape = options.escape ?? quote;
  const textEscape = (s: string) => s.replace(/[\\\n\r\t\b\f\v]/g, (c) => TEXT_ESCAPES[c]!)
    .split(delimiter).join(`\\${delimiter}`);
  // A lone `\.` is quoted only when it is the whole line (one column), as PostgreSQL does.
  const single = types.length === 1;
  const escapable = new RegExp(`[${[quote, escape].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`, 'g');
  const csvQuote = (s: string, force: boolean) => {
    const needs = force || s === nullText || s.includes(delimiter) || s.includes(quote) || s.includes('\n') || s.includes('\r')
      || (single && s === '\\.');
    if (!needs) return s;
    // Quotes and escapes inside are preceded by the escape (a doubled quote by default).
    const body = escape === quote ? s.split(quote).join(quote + quote) : s.replace(escapable, (c) => escape + c);
    return `${quote}${body}${quote}`;
  };
  const cell = (s: string, i: number) => (csv ? csvQuote(s, forceQuote.has(i)) : textEscape(s));
  return {
    line: (row) => `${row.map((v, i) => (v === null ? nullText : cell(formatText(v, types[i]!, codec), i))).join(delimiter)}\n`,
    header: (names) => `${names.map((n) => (csv ? csvQuote(n, false) : textEscape(n))).join(delimiter)}\n`,
  };
}
