/**
 * The `REFERENCES t [(cols)] [MATCH …] [ON DELETE action] [ON UPDATE action] [[NOT] DEFERRABLE …]`
 * tail of a FOREIGN KEY, column- or table-level. Actions become pg_constraint's letters.
 */
import type { ForeignKeyReference } from './ast.js';
import type { TokenCursor } from './token-cursor.js';

/** pg_constraint.confupdtype / confdeltype letters. */
const ACTION_LETTERS: Readonly<Record<string, string>> = {
  'NO ACTION': 'a', RESTRICT: 'r', CASCADE: 'c', 'SET NULL': 'n', 'SET DEFAULT': 'd',
};

/** Parses after the REFERENCES keyword. */
export function parseReferences(cur: TokenCursor): ForeignKeyReference {
  const q = cur.qualifiedName();
  const table = q.schema && q.schema !== 'public' ? `${q.schema}.${q.name}` : q.name;
  let columns: string[] | undefined;
  if (cur.acceptPunct('(')) {
    columns = [];
    do columns.push(cur.ident()); while (cur.acceptPunct(','));
    cur.expectPunct(')');
  }
  let onDelete = 'a';
  let onUpdate = 'a';
  for (;;) {
    if (cur.acceptWord('MATCH')) cur.expectWord('SIMPLE', 'FULL', 'PARTIAL');
    else if (cur.acceptWord('ON')) {
      const event = cur.expectWord('DELETE', 'UPDATE');
      const action = parseAction(cur);
      if (event === 'DELETE') onDelete = action; else onUpdate = action;
    } else if (cur.acceptWord('NOT')) cur.expectWord('DEFERRABLE');
    else if (cur.acceptWord('DEFERRABLE')) continue;
    else if (cur.acceptWord('INITIALLY')) cur.expectWord('DEFERRED', 'IMMEDIATE');
    else break;
  }
  return { table, ...(columns ? { columns } : {}), onDelete, onUpdate };
}

function parseAction(cur: TokenCursor): string {
  const first = cur.expectWord('NO', 'RESTRICT', 'CASCADE', 'SET');
  if (first === 'NO') { cur.expectWord('ACTION'); return ACTION_LETTERS['NO ACTION']!; }
  if (first === 'SET') return ACTION_LETTERS[`SET ${cur.expectWord('NULL', 'DEFAULT')}`]!;
  return ACTION_LETTERS[first]!;
}
