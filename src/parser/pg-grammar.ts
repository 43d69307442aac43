/**
 * The one place libpg-query (PostgreSQL 17's own scanner and grammar, compiled to WASM) is
 * imported. Its parse tree is JSON of PostgreSQL's raw parse nodes; `convert/` turns it into
 * our AST and it never leaves `parser/`. Errors become SqlError with PostgreSQL's message and
 * a 1-based position into the whole query string.
 *
 * The WASM module is loaded once per thread by the top-level await below (an engine worker
 * thread that imports the parser gets its own instance), and parsing is synchronous afterwards.
 */
import { loadModule, parseSync, type RawStmt } from 'libpg-query';
import { SqlError, SQLSTATE, stackDepthExceeded, type SqlState } from '../common/sql-error.js';
import { checkParseDepth } from './depth-guard.js';
import type { SourceText } from './source-text.js';

await loadModule();

/**
 * Errors PostgreSQL's grammar raises with a SQLSTATE other than 42601, by message (libpg-query
 * reports only the message): window frame checks (42P20), the few constructs gram.y itself
 * rejects as unimplemented (0A000), and an exhausted heap (53200). Everything else from the
 * scanner and grammar is 42601 — even "LIMIT #,# syntax is not supported".
 */
const GRAMMAR_ERROR_CODES: readonly [RegExp, SqlState][] = [
  [/^frame (start|end|starting)/, SQLSTATE.WindowingError],
  [/ not yet implemented$| constraints cannot be marked |^CREATE SCHEMA IF NOT EXISTS cannot include /, SQLSTATE.FeatureNotSupported],
  // The WASM heap is full (its memory grows to fit the statement, up to the WASM limit).
  [/^out of memory/, SQLSTATE.OutOfMemory],
];

/**
 * Parses `source.text` into PostgreSQL raw statements (node locations are UTF-8 byte offsets
 * into `source.text`; `stmt_location`/`stmt_len` likewise, a missing `stmt_len` meaning "to the end").
 * @throws SqlError — 42601 syntax errors with PostgreSQL's message and position; 54001 for a
 * tree too deep to build (depth-guard.ts).
 */
export function parsePostgres(source: SourceText): readonly RawStmt[] {
  // libpg-query refuses blank input; PostgreSQL reads it as no statements.
  if (source.text.trim() === '') return [];
  checkParseDepth(source.text);
  let result: { stmts?: RawStmt[] };
  try {
    result = parseSync(source.text);
  } catch (err) {
    throw grammarError(err, source);
  }
  return result.stmts ?? [];
}

function grammarError(err: unknown, source: SourceText): SqlError {
  const details = (err as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
  if (details?.message === undefined) {
    // Not the grammar's error: the WASM itself failed (it should never get that far, see depth-guard.ts).
    if (err instanceof RangeError) return stackDepthExceeded();
    return new SqlError(SQLSTATE.InternalError, `parser failure: ${err instanceof Error ? err.message : String(err)}`);
  }
  const message = details.message;
  const code = GRAMMAR_ERROR_CODES.find(([pattern]) => pattern.test(message))?.[1] ?? SQLSTATE.SyntaxError;
  // libpg-query makes the cursor 0-based and reports 0 also when PostgreSQL gave no position;
  // scanner and grammar errors ("at or near …", "at end of input") always have one.
  const cursor = details.cursorPosition ?? 0;
  const positioned = cursor > 0 || / at or near "|at end of input/.test(message);
  const position = positioned ? source.base + source.indexOfCodePoint(cursor) + 1 : undefined;
  return new SqlError(code, message, position === undefined ? {} : { position });
}
