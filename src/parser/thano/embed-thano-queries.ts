/**
 * ThanoSQL queries (SEARCH …, CONVERT …) inside SQL that PostgreSQL's grammar parses: each is
 * parsed by hand and replaced in the text by `TABLE "__thano_sub_N"` padded with spaces to the
 * same length — a query the grammar accepts wherever a query may stand (FROM ( … ), WITH … AS
 * ( … ), IN ( … ), CREATE TABLE … AS, DECLARE … FOR, EXPLAIN, or a whole statement) — and
 * convert-select.ts puts query N back. Same length keeps every offset, so positions in errors
 * and source slices still point into what the client wrote.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Query } from '../ast.js';
import { matchingClose, type Token } from '../lexer.js';
import { parseThanoQuery, startsThanoQuery } from './parse-thano-query.js';
import type { ThanoSource } from './thano-source.js';

const PLACEHOLDER_PREFIX = '__thano_sub_';

/** The text with placeholders, and the queries they stand for. */
export interface Embedded {
  readonly text: string;
  readonly queries: readonly Query[];
}

/** The placeholder number of a relation name, if it is one. */
export function embeddedIndex(relname: string): number | undefined {
  if (!relname.startsWith(PLACEHOLDER_PREFIX)) return undefined;
  const n = Number(relname.slice(PLACEHOLDER_PREFIX.length));
  return Number.isInteger(n) ? n : undefined;
}

/**
 * Replaces each outermost ThanoSQL query among `src.tokens` in `sql.slice(start, end)`: one in
 * parentheses runs to its `)`, a bare one to the end of its bracket level (or of the text).
 */
export function embedThanoQueries(sql: string, start: number, src: ThanoSource): Embedded {
  const tokens = src.tokens;
  let text = sql.slice(start, src.end);
  const queries: Query[] = [];
  const opens: number[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'punct' && (t.text === '(' || t.text === '[')) opens.push(i);
    else if (t.type === 'punct' && (t.text === ')' || t.text === ']')) opens.pop();
    if (!startsThanoQuery(t, tokens[i + 1])) continue;
    const open = opens[opens.length - 1];
    const close = open === undefined ? -1 : matchingClose(tokens, open);
    const to = close < 0 ? tokens.length : close;
    const spanEnd = to < tokens.length ? tokens[to]!.start : src.end;
    text = replaceSpan(text, t.start - start, spanEnd - start, queries.length, t);
    queries.push(parseThanoQuery(src, i, to));
    i = to - 1;
  }
  return { text, queries };
}

function replaceSpan(text: string, from: number, to: number, n: number, at: Token): string {
  const placeholder = `TABLE "${PLACEHOLDER_PREFIX}${n}"`;
  if (placeholder.length > to - from) {
    throw new SqlError(SQLSTATE.SyntaxError, `syntax error at or near "${at.text}"`, { position: at.start + 1 });
  }
  return text.slice(0, from) + placeholder.padEnd(to - from) + text.slice(to);
}
