/**
 * A query string → ParsedStatement[]. Plain SQL goes to PostgreSQL's grammar whole, which also
 * splits it (statement locations come from libpg-query). When the grammar rejects the string
 * and it holds ThanoSQL, the string is split on `;` and each statement is parsed on its own:
 * ThanoSQL statements by hand (thano/), the others by the grammar, with any SEARCH/CONVERT
 * query inside them parsed by hand and embedded (thano/embed-thano-queries.ts).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { ParsedStatement, Query, Statement } from './ast.js';
import { convertQuery } from './convert/convert-select.js';
import { convertStatement } from './convert/convert-statement.js';
import { matchingClose, tokenize, type Token } from './lexer.js';
import { parsePostgres } from './pg-grammar.js';
import { SourceText } from './source-text.js';
import { splitStatements } from './split-statements.js';
import { embedThanoQueries } from './thano/embed-thano-queries.js';
import { startsThanoQuery } from './thano/parse-thano-query.js';
import { isThanoStatement, parseThanoStatement } from './thano/parse-thano-statements.js';
import type { ThanoSource } from './thano/thano-source.js';
import { syntaxErrorAt } from './thano/token-cursor.js';

/** Every ThanoSQL construct starts with one of these words. */
const THANO_WORDS = /\b(copy|print|build|list|delete|search|convert)\b/i;

/** Parse every statement of `sql`. */
export function parseStatements(sql: string): ParsedStatement[] {
  let grammarError: SqlError;
  try {
    return parseWhole(sql);
  } catch (err) {
    if (!(err instanceof SqlError) || err.code !== SQLSTATE.SyntaxError) throw err;
    grammarError = err;
  }
  // Without these words there is no ThanoSQL: the grammar's error stands.
  if (!THANO_WORDS.test(sql)) throw grammarError;
  const pieces = splitStatements(sql);
  const tokenized = pieces.map((p) => {
    try {
      return tokenize(p.text, p.offset);
    } catch {
      return undefined;
    }
  });
  // Plain SQL the grammar rejected: its own error is the right one (the whole string was its input).
  if (!tokenized.some((tokens) => tokens !== undefined && mayHoldThanoSql(tokens))) throw grammarError;
  return pieces.map((p, i) => {
    const tokens = tokenized[i] ?? tokenize(p.text, p.offset);
    return { statement: parseOne(sql, tokens, p.offset + p.text.length), text: p.text, offset: p.offset };
  });
}

/** The whole string through the grammar; statement spans from its locations. */
function parseWhole(sql: string): ParsedStatement[] {
  const source = new SourceText(sql);
  return parsePostgres(source).map((raw) => {
    const startByte = raw.stmt_location ?? 0;
    const from = source.indexOf(startByte);
    const to = raw.stmt_len ? source.indexOf(startByte + raw.stmt_len) : sql.length;
    const written = sql.slice(from, to);
    const lead = written.length - written.trimStart().length;
    const text = written.trim();
    const start = from + lead;
    const statement = convertStatement(raw.stmt!, { source, embedded: [], start, end: start + text.length });
    return { statement, text, offset: start };
  });
}

function mayHoldThanoSql(tokens: readonly Token[]): boolean {
  return isThanoStatement(tokens) || tokens.some((t, i) => startsThanoQuery(t, tokens[i + 1]));
}

/** One statement (its tokens; `end` is where its text ends) from a string holding ThanoSQL. */
function parseOne(sql: string, tokens: readonly Token[], end: number): Statement {
  const src = thanoSource(sql, tokens, end);
  const thano = parseThanoStatement(src);
  if (thano) return thano;
  const start = tokens[0]!.start;
  const embedded = embedThanoQueries(sql, start, src);
  const source = new SourceText(embedded.text, start, sql.slice(start, end));
  const raws = parsePostgres(source);
  if (raws.length !== 1) throw syntaxErrorAt(tokens[0], end);
  return convertStatement(raws[0]!.stmt!, { source, embedded: embedded.queries, start: 0, end: embedded.text.length });
}

function thanoSource(sql: string, tokens: readonly Token[], end: number): ThanoSource {
  return { tokens, end, parseQuery: (from, to) => parseQueryTokens(sql, tokens, from, to, end) };
}

/** tokens[from, to) as a query: `( … )` unwrapped, then the grammar (with nested ThanoSQL embedded). */
function parseQueryTokens(sql: string, tokens: readonly Token[], from: number, to: number, end: number): Query {
  if (from >= to) throw syntaxErrorAt(tokens[to], end);
  if (tokens[from]!.text === '(' && matchingClose(tokens, from, to) === to - 1) return parseQueryTokens(sql, tokens, from + 1, to - 1, end);
  const range = tokens.slice(from, to);
  const start = range[0]!.start;
  const stop = range[range.length - 1]!.end;
  const embedded = embedThanoQueries(sql, start, thanoSource(sql, range, stop));
  const source = new SourceText(embedded.text, start, sql.slice(start, stop));
  const raws = parsePostgres(source);
  const stmt = raws.length === 1 ? raws[0]!.stmt : undefined;
  if (stmt === undefined || !('SelectStmt' in stmt)) throw syntaxErrorAt(range[0], end);
  return convertQuery(stmt, { source, embedded: embedded.queries, start: 0, end: embedded.text.length });
}
