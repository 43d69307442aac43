/**
 * ALTER TABLE | VIEW | SEQUENCE … RENAME TO and ALTER INDEX … RENAME TO. Tables, views, indexes
 * and sequences share one name space (42P07 on a clash); an index that backs a PRIMARY KEY or
 * UNIQUE constraint renames the constraint too, as PostgreSQL does. Column defaults that draw
 * from a renamed sequence follow it (they are stored as `nextval('name'::regclass)` text where
 * PostgreSQL stores the sequence's OID).
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import {
  columnsUsingSequence, nextvalDefault, relationNameTaken, renameTable, withObjects,
} from '../../../catalog/index.js';
import type { StoredTable } from '../../../storage/storage-api.js';
import type { ExecContext } from '../../exec-context.js';
import type { AlterRun } from './alter-run.js';

export function renameRelation(run: AlterRun, to: string): StoredTable {
  const { ctx } = run;
  const table = run.table;
  const sameSpace = ctx.run.txn.listTables().filter((t) => t.temporary === table.temporary);
  if (relationNameTaken(sameSpace, to)) throw new SqlError(SQLSTATE.DuplicateTable, `relation "${to}" already exists`);
  if (table.sequence) {
    for (const { table: user, column } of columnsUsingSequence(ctx.run.txn.listTables(), table)) {
      if (user.id === table.id) continue;
      const current = ctx.run.txn.getTableById(user.id)!;
      const columns = current.columns.map((c) => (c.id === column.id ? { ...c, defaultSql: nextvalDefault(to) } : c));
      ctx.run.txn.replaceTable({ ...current, columns }, []);
    }
  }
  return renameTable(table, to);
}

/** ALTER INDEX name RENAME TO `to` (`table` owns the index). */
export function renameIndex(table: StoredTable, name: string, to: string, ctx: ExecContext): void {
  const sameSpace = ctx.run.txn.listTables().filter((t) => t.temporary === table.temporary);
  if (relationNameTaken(sameSpace, to)) throw new SqlError(SQLSTATE.DuplicateTable, `relation "${to}" already exists`);
  const index = table.indexes!.find((i) => i.name === name)!;
  const indexes = table.indexes!.map((i) => (i.oid === index.oid ? { ...i, name: to } : i));
  const constraints = (table.constraints ?? []).map((c) => (c.indexOid === index.oid ? { ...c, name: to } : c));
  ctx.run.txn.replaceTable(withObjects(table, indexes, constraints), []);
}
