/**
 * `INSERT INTO t DEFAULT VALUES`, which node-sql-parser rejects. It becomes an Insert whose
 * source is one empty VALUES row and no column list: every column takes its default.
 */
import type { Insert } from './ast.js';
import { isWord } from './lexer.js';
import type { StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

/** True when the statement is `INSERT INTO t DEFAULT VALUES …`. */
export function isInsertDefaultValues(src: StatementSource): boolean {
  const t = src.tokens;
  const at = t.findIndex((tok, i) => isWord(tok, 'DEFAULT') && isWord(t[i + 1], 'VALUES'));
  return at > 0 && at <= 5;
}

/** Parse `INSERT INTO name DEFAULT VALUES` (RETURNING is 0A000 here). */
export function parseInsertDefaultValues(src: StatementSource): Insert {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('INSERT');
  cur.expectWord('INTO');
  const q = cur.qualifiedName();
  cur.expectWord('DEFAULT');
  cur.expectWord('VALUES');
  cur.expectEnd();
  return { kind: 'Insert', table: q.schema ? `${q.schema}.${q.name}` : q.name, source: { kind: 'Values', rows: [[]], orderBy: [] } };
}
