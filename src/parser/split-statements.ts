/**
 * Splits a query string into statements on top-level `;` (not inside brackets), using the
 * lexer, so semicolons in strings, quoted identifiers, dollar quotes and comments never split.
 * Used when a query string holds ThanoSQL statements, which PostgreSQL's grammar cannot split
 * for us. Never throws: an unterminated construct runs to the end and its statement reports it.
 */
import { scan } from './lexer.js';

/** One statement's text (from its first token to its last) and its 0-based offset in the whole string. */
export interface StatementText {
  readonly text: string;
  readonly offset: number;
}

/**
 * @example
 * splitStatements("BEGIN; SELECT ';'; -- done") // → [{text:'BEGIN',offset:0},{text:"SELECT ';'",offset:7}]
 */
export function splitStatements(sql: string): StatementText[] {
  const out: StatementText[] = [];
  let first = -1;
  let last = -1;
  let depth = 0;
  const push = (): void => {
    if (first >= 0) out.push({ text: sql.slice(first, last), offset: first });
    first = -1;
  };
  scan(sql, (kind, start, end) => {
    if (kind === 'punct') {
      const c = sql[start]!;
      if (c === ';' && depth === 0) { push(); return; }
      if (c === '(' || c === '[') depth++;
      else if ((c === ')' || c === ']') && depth > 0) depth--;
    }
    if (first < 0) first = start;
    last = end;
  });
  push();
  return out;
}
