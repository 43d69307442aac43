/**
 * `COMMENT ON TABLE|VIEW|INDEX name IS 'text' | NULL` and `COMMENT ON COLUMN t.c IS …`.
 * Other object kinds PostgreSQL accepts (FUNCTION, SCHEMA, CONSTRAINT …) are 0A000.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CommentOn } from './ast.js';
import { relationName } from './parse-create-index.js';
import type { StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

const RELATION_KINDS = ['TABLE', 'VIEW', 'INDEX', 'COLUMN'];

/** Parse COMMENT ON. */
export function parseComment(src: StatementSource): CommentOn {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('COMMENT');
  cur.expectWord('ON');
  if (!cur.isWord(...RELATION_KINDS)) {
    const at = cur.peek();
    if (at?.type !== 'word') throw cur.error();
    throw new SqlError(SQLSTATE.FeatureNotSupported, `COMMENT ON ${at.value.toUpperCase()} is not supported`, { position: at.start + 1 });
  }
  const target = cur.expectWord(...RELATION_KINDS).toLowerCase() as CommentOn['target'];
  let relation: string;
  let column: string | undefined;
  if (target === 'column') {
    const parts = [cur.ident()];
    while (cur.acceptPunct('.')) parts.push(cur.ident());
    if (parts.length < 2 || parts.length > 3) throw cur.error();
    column = parts.pop()!;
    relation = parts.length === 2 && parts[0] !== 'public' ? parts.join('.') : parts[parts.length - 1]!;
  } else {
    relation = relationName(cur);
  }
  cur.expectWord('IS');
  let text: string | null;
  if (cur.acceptWord('NULL')) text = null;
  else {
    const t = cur.next();
    if (t.type !== 'string') throw cur.error(t);
    text = t.value;
  }
  cur.expectEnd();
  return { kind: 'CommentOn', target, relation, ...(column === undefined ? {} : { column }), text };
}
