/** SQL-level prepared statements by hand: `PREPARE name [(types)] AS statement`, `EXECUTE name [(args)]`. */
import type { ExecuteStatement, PrepareStatement, Statement, TypeRef } from './ast.js';
import { parseTypeName } from './parse-type-name.js';
import { parseExprListRange, type StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

/** Statement kinds PostgreSQL's grammar allows after PREPARE … AS (PreparableStmt). */
const PREPARABLE = new Set<Statement['kind']>(['QueryStatement', 'Insert', 'Update', 'Delete']);

/**
 * `PREPARE name [(type, …)] AS statement`; `parseInner` parses the statement's tokens
 * (the statement router, passed in to keep the import graph acyclic).
 * @example PREPARE add_one (integer) AS SELECT $1 + 1
 */
export function parsePrepare(src: StatementSource, parseInner: (inner: StatementSource) => Statement): PrepareStatement {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('PREPARE');
  const name = cur.ident();
  const paramTypes: TypeRef[] = [];
  if (cur.acceptPunct('(')) {
    do paramTypes.push(parseTypeName(cur)); while (cur.acceptPunct(','));
    cur.expectPunct(')');
  }
  cur.expectWord('AS');
  const first = cur.peek();
  const statement = parseInner({ text: src.text, tokens: src.tokens.slice(cur.pos) });
  if (!PREPARABLE.has(statement.kind)) throw cur.error(first);
  return { kind: 'Prepare', name, paramTypes, statement };
}

/** `EXECUTE name [(arg, …)]`. @example EXECUTE add_one (41) */
export function parseExecute(src: StatementSource): ExecuteStatement {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('EXECUTE');
  const name = cur.ident();
  let args: ExecuteStatement['args'] = [];
  if (cur.isPunct('(')) {
    const close = cur.matchParen(cur.pos);
    if (close < 0) throw cur.error();
    args = parseExprListRange(src, cur.pos + 1, close);
    cur.pos = close + 1;
  }
  cur.expectEnd();
  return { kind: 'Execute', name, args };
}
