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

export function copyLineFormat(options: CopyOptions, types: readonly SqlType[], codec: TextCodecOptions): CopyLineFormat {
  const csv = options.format === 'csv';
  const delimiter = options.delimiter ?? (csv ? ',' : '\t');
  const nullText = options.null ?? (csv ? '' : '\\N');
  const quote = options.quote ?? '"';
  const escape = options.escape ?? quote;
  const forceAll = options.forceQuote === '*';
  const textEscape = (s: string) => s.replace(/[\\\n\r\t\b\f\v]/g, (c) => TEXT_ESCAPES[c]!)
    .split(delimiter).join(`\\${delimiter}`);
  const csvQuote = (s: string, force: boolean) => {
    const needs = force || s === nullText || s.includes(delimiter) || s.includes(quote) || s.includes('\n') || s.includes('\r') || s.startsWith('\\.');
    if (!needs) return s;
    return `${quote}${s.split(escape === quote ? quote : escape).join(`${escape}${escape === quote ? quote : escape}`)
      .split(escape === quote ? '\u0000' : quote).join(`${escape}${quote}`)}${quote}`;
  };
  const cell = (s: string) => (csv ? csvQuote(s, forceAll) : textEscape(s));
  return {
    line: (row) => `${row.map((v, i) => (v === null ? nullText : cell(formatText(v, types[i]!, codec)))).join(delimiter)}\n`,
    header: (names) => `${names.map((n) => (csv ? csvQuote(n, false) : textEscape(n))).join(delimiter)}\n`,
  };
}
