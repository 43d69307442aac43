/**
 * `CREATE [UNIQUE] INDEX [CONCURRENTLY] [[IF NOT EXISTS] name] ON [ONLY] t [USING btree]
 * (col [ASC|DESC] [NULLS FIRST|LAST], …)`, parsed by hand. Expression keys, INCLUDE, WHERE
 * (partial indexes) and methods other than btree are 0A000.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CreateIndex } from './ast.js';
import type { StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

/** A relation name as stored: `public.` is dropped (the one user schema). */
export function relationName(cur: TokenCursor): string {
  const q = cur.qualifiedName();
  return q.schema && q.schema !== 'public' ? `${q.schema}.${q.name}` : q.name;
}

function notSupported(cur: TokenCursor, what: string): SqlError {
  const at = cur.peek();
  return new SqlError(SQLSTATE.FeatureNotSupported, `${what} is not supported`, at ? { position: at.start + 1 } : {});
}

/** Parse CREATE INDEX. */
export function parseCreateIndex(src: StatementSource): CreateIndex {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('CREATE');
  const unique = cur.acceptWord('UNIQUE');
  cur.expectWord('INDEX');
  cur.acceptWord('CONCURRENTLY');
  let ifNotExists = false;
  if (cur.acceptWord('IF')) { cur.expectWord('NOT'); cur.expectWord('EXISTS'); ifNotExists = true; }
  const name = cur.isWord('ON') ? undefined : cur.ident();
  if (ifNotExists && name === undefined) throw cur.error();
  cur.expectWord('ON');
  cur.acceptWord('ONLY');
  const table = relationName(cur);
  if (cur.acceptWord('USING')) {
    const method = cur.peek();
    if (cur.ident() !== 'btree') throw new SqlError(SQLSTATE.FeatureNotSupported, `access method "${method?.value.toLowerCase()}" is not supported`);
  }
  cur.expectPunct('(');
  const columns: string[] = [];
  do {
    if (cur.isPunct('(')) throw notSupported(cur, 'an index on an expression');
    columns.push(cur.ident());
    if (cur.isPunct('(') || cur.isPunct(':')) throw notSupported(cur, 'an index on an expression');
    if (cur.acceptWord('COLLATE')) cur.qualifiedName();
    cur.acceptWord('ASC', 'DESC');
    if (cur.acceptWord('NULLS')) cur.expectWord('FIRST', 'LAST');
  } while (cur.acceptPunct(','));
  cur.expectPunct(')');
  if (cur.isWord('INCLUDE')) throw notSupported(cur, 'INCLUDE');
  if (cur.isWord('WHERE')) throw notSupported(cur, 'a partial index (WHERE)');
  cur.expectEnd();
  return { kind: 'CreateIndex', ...(name === undefined ? {} : { name }), table, unique, ifNotExists, columns };
}
