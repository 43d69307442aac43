/** `DROP INDEX [CONCURRENTLY] | VIEW | SEQUENCE [IF EXISTS] a, b [CASCADE|RESTRICT]`, parsed by hand. */
import type { DropRelation } from './ast.js';
import { relationName } from './parse-create-index.js';
import type { StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

/** Parse DROP INDEX / DROP VIEW / DROP SEQUENCE. */
export function parseDropRelation(src: StatementSource): DropRelation {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('DROP');
  const relkind = cur.expectWord('INDEX', 'VIEW', 'SEQUENCE').toLowerCase() as DropRelation['relkind'];
  if (relkind === 'index') cur.acceptWord('CONCURRENTLY');
  let ifExists = false;
  if (cur.acceptWord('IF')) { cur.expectWord('EXISTS'); ifExists = true; }
  const names: string[] = [];
  do names.push(relationName(cur)); while (cur.acceptPunct(','));
  const cascade = cur.isWord('CASCADE');
  cur.acceptWord('CASCADE', 'RESTRICT');
  cur.expectEnd();
  return { kind: 'DropRelation', relkind, names, ifExists, cascade };
}
