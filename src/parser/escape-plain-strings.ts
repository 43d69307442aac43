/**
 * standard_conforming_strings = off: a plain '…' string takes backslash escapes, as E'…' does.
 * PostgreSQL's grammar (libpg-query) always reads '…' with the setting on, so before it parses,
 * each plain string that holds a backslash is written as the E'…' string it means under off.
 * Error positions after such a string move by the one character added.
 *
 * @example
 * escapePlainStrings(String.raw`SELECT 'a\tb', $$x\y$$`) // → String.raw`SELECT E'a\tb', $$x\y$$`
 */
import { scan } from './lexer.js';

export function escapePlainStrings(sql: string): string {
  if (!sql.includes('\\')) return sql;
  const starts: number[] = [];
  scan(sql, (kind, start, end) => {
    if (kind === 'string' && sql.charCodeAt(start) === 39 /* ' */ && sql.slice(start, end).includes('\\')) starts.push(start);
  }, true);
  let out = '';
  let from = 0;
  for (const start of starts) {
    out += `${sql.slice(from, start)}E`;
    from = start;
  }
  return out + sql.slice(from);
}
