/**
 * A top-level `VALUES (…), (…)` statement (node-sql-parser only accepts VALUES inside INSERT
 * or FROM). Each row is parsed as `SELECT <row items>`. ORDER BY / LIMIT after VALUES are 0A000.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Expr, QueryStatement } from './ast.js';
import { parseExprListRange, type StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

/** Parse `VALUES (a, b), (c, d)`. */
export function parseValues(src: StatementSource): QueryStatement {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('VALUES');
  const rows: Expr[][] = [];
  do {
    if (!cur.isPunct('(')) throw cur.error();
    const close = cur.matchParen(cur.pos);
    if (close < 0) throw cur.error(undefined);
    rows.push(parseExprListRange(src, cur.pos + 1, close));
    cur.pos = close + 1;
  } while (cur.acceptPunct(','));
  if (cur.isWord('ORDER', 'LIMIT', 'OFFSET')) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'ORDER BY/LIMIT on a top-level VALUES is not supported', { position: cur.peek()!.start + 1 });
  }
  cur.expectEnd();
  return { kind: 'QueryStatement', query: { kind: 'Values', rows, orderBy: [] } };
}
