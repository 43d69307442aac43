/**
 * `ALTER TABLE [IF EXISTS] t ADD [COLUMN] [IF NOT EXISTS] def | DROP [COLUMN] [IF EXISTS] c
 * [CASCADE|RESTRICT] | RENAME [COLUMN] a TO b | RENAME TO t2` and
 * `DROP TABLE [IF EXISTS] a, b [CASCADE|RESTRICT]`, parsed by hand.
 */
import type { AlterTable, AlterTableAction, DropTable } from './ast.js';
import { parseColumnDef } from './parse-create-table.js';
import type { StatementSource } from './statement-source.js';
import { TokenCursor } from './token-cursor.js';

function tableName(cur: TokenCursor): string {
  const q = cur.qualifiedName();
  return q.schema ? `${q.schema}.${q.name}` : q.name;
}

function ifExists(cur: TokenCursor): boolean {
  if (!cur.acceptWord('IF')) return false;
  cur.expectWord('EXISTS');
  return true;
}

/** Parse ALTER TABLE. */
export function parseAlterTable(src: StatementSource): AlterTable {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('ALTER');
  cur.expectWord('TABLE');
  const exists = ifExists(cur);
  cur.acceptWord('ONLY');
  const name = tableName(cur);
  const actions: AlterTableAction[] = [];
  do actions.push(parseAction(src, cur)); while (cur.acceptPunct(','));
  cur.expectEnd();
  return { kind: 'AlterTable', name, ifExists: exists, actions };
}

function parseAction(src: StatementSource, cur: TokenCursor): AlterTableAction {
  const kw = cur.expectWord('ADD', 'DROP', 'RENAME');
  if (kw === 'ADD') {
    cur.acceptWord('COLUMN');
    let ifNotExists = false;
    if (cur.acceptWord('IF')) { cur.expectWord('NOT'); cur.expectWord('EXISTS'); ifNotExists = true; }
    return { kind: 'AddColumn', column: parseColumnDef(src, cur), ifNotExists };
  }
  if (kw === 'DROP') {
    cur.acceptWord('COLUMN');
    const exists = ifExists(cur);
    const col = cur.ident();
    cur.acceptWord('CASCADE', 'RESTRICT');
    return { kind: 'DropColumn', name: col, ifExists: exists };
  }
  if (cur.acceptWord('TO')) return { kind: 'RenameTable', to: cur.ident() };
  cur.acceptWord('COLUMN');
  const from = cur.ident();
  cur.expectWord('TO');
  return { kind: 'RenameColumn', from, to: cur.ident() };
}

/** Parse DROP TABLE. */
export function parseDropTable(src: StatementSource): DropTable {
  const cur = new TokenCursor(src.tokens, src.text);
  cur.expectWord('DROP');
  cur.expectWord('TABLE');
  const exists = ifExists(cur);
  const names: string[] = [];
  do names.push(tableName(cur)); while (cur.acceptPunct(','));
  const cascade = cur.isWord('CASCADE');
  cur.acceptWord('CASCADE', 'RESTRICT');
  cur.expectEnd();
  return { kind: 'DropTable', names, ifExists: exists, ...(cascade ? { cascade } : {}) };
}
