/**
 * One statement's text and tokens, and the two ways a token range becomes our AST: as a query
 * (ThanoSQL or plain SQL, recursively) or as a plain SQL statement via node-sql-parser.
 */
import type { Expr, Query, Statement } from './ast.js';
import type { Token } from './lexer.js';
import { astifyPg, type NspNode } from './nsp.js';
import { parseThanoQuery } from './parse-thano-query.js';
import { rewriteForNsp, startsThano, type Rewritten } from './rewrite-for-nsp.js';
import { TokenCursor } from './token-cursor.js';
import { contextOf } from './transform/transform-context.js';
import { transformExpr } from './transform/transform-expr.js';
import { transformStatement } from './transform/transform-statement.js';

/** A statement's text (positions are relative to it) and its tokens. */
export interface StatementSource {
  readonly text: string;
  readonly tokens: readonly Token[];
}

/** tokens[from, to) as a Query: `( … )` unwrapped, SEARCH/CONVERT by hand, the rest via node-sql-parser. */
export function parseQueryRange(src: StatementSource, from: number, to: number): Query {
  const cur = new TokenCursor(src.tokens, src.text, from, to);
  if (from >= to) throw cur.error();
  if (cur.isPunct('(') && cur.matchParen(from) === to - 1) return parseQueryRange(src, from + 1, to - 1);
  if (startsThano(src.tokens[from], src.tokens[from + 1])) return parseThanoQuery(src, from, to);
  const stmt = parseSqlRange(src, from, to);
  if (stmt.kind !== 'QueryStatement') throw cur.error();
  return stmt.query;
}

/** tokens[from, to) as a plain SQL statement through node-sql-parser. */
export function parseSqlRange(src: StatementSource, from: number, to: number): Statement {
  const rw = rewrite(src, from, to);
  return transformStatement(astifyPg(rw, src.tokens, src.text), contextOf(rw));
}

/** tokens[from, to) as one expression (parsed as `SELECT <expr>`). */
export function parseExprRange(src: StatementSource, from: number, to: number): Expr {
  const list = parseExprListRange(src, from, to);
  if (list.length !== 1) throw new TokenCursor(src.tokens, src.text, from, to).error();
  return list[0]!;
}

/** tokens[from, to) as a comma-separated expression list (parsed as `SELECT <list>`). */
export function parseExprListRange(src: StatementSource, from: number, to: number): Expr[] {
  const rw = rewrite(src, from, to);
  const prefix = 'select ';
  const shifted: Rewritten = { ...rw, sql: prefix + rw.sql, toOriginal: (o) => rw.toOriginal(Math.max(0, o - prefix.length)) };
  const ast = astifyPg(shifted, src.tokens, src.text);
  const cols = ast?.columns;
  if (!Array.isArray(cols) || ast.from || ast.where) throw new TokenCursor(src.tokens, src.text, from, to).error();
  return cols.map((c: NspNode) => transformExpr(c.type === 'cast' ? { ...c, as: undefined } : c.expr, contextOf(rw)));
}

function rewrite(src: StatementSource, from: number, to: number): Rewritten {
  return rewriteForNsp(src.text, src.tokens, from, to, (a, b) => parseQueryRange(src, a, b));
}
