/**
 * The one place node-sql-parser is imported. Parses PostgreSQL text (already prepared by
 * `rewriteForNsp`) into node-sql-parser's AST; its syntax errors become SqlError 42601 with a
 * position in the original statement text.
 */
import pkg from 'node-sql-parser';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Token } from './lexer.js';
import type { Rewritten } from './rewrite-state.js';
import { syntaxErrorAt } from './token-cursor.js';

const { Parser } = pkg;
const parser = new Parser();
const OPTIONS = { database: 'postgresql' };

/**
 * node-sql-parser's AST. Its published typings are incomplete for the PostgreSQL dialect, so
 * the transform reads it structurally; it never leaves `parser/`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type NspNode = any;

/**
 * Parse one statement. `tokens`/`text` are the original statement's, for error messages.
 * @throws SqlError 42601 `syntax error at or near "X"` with a position into `text`.
 */
export function astifyPg(rw: Rewritten, tokens: readonly Token[], text: string): NspNode {
  let ast: NspNode;
  try {
    ast = parser.astify(rw.sql, OPTIONS);
  } catch (err) {
    const loc = (err as { location?: { start?: { offset?: number } } }).location?.start?.offset;
    if (typeof loc !== 'number') {
      throw new SqlError(SQLSTATE.SyntaxError, `syntax error: ${(err as Error).message ?? String(err)}`);
    }
    const orig = rw.toOriginal(loc);
    throw syntaxErrorAt(tokens.find((t) => t.end > orig), text.length);
  }
  const list = Array.isArray(ast) ? ast : [ast];
  if (list.length !== 1) {
    throw new SqlError(SQLSTATE.SyntaxError, 'syntax error: expected exactly one statement');
  }
  return list[0];
}
