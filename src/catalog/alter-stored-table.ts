/**
 * Pure ALTER TABLE steps over StoredTable, for the executor to pass to `replaceTable`.
 * Column ids are never reused, so an added column is NULL in existing row groups (no rewrite)
 * and a dropped column's chunks simply stop being read (they go when their group is rewritten).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { StoredColumn, StoredTable } from '../storage/storage-api.js';
import type { NewColumn } from './catalog-transaction.js';
import { MAX_TABLE_COLUMNS, toStoredColumn, tooManyColumns } from './create-stored-table.js';
import { withObjects } from './schema-objects.js';

/**
 * ALTER TABLE … ADD COLUMN: a new id from `nextColumnId`; 42701 if the name is taken; 54011 past
 * 1,600 ids (dropped columns keep theirs, as attnum does in PostgreSQL).
 */
export function addColumn(table: StoredTable, column: NewColumn): StoredTable {
  if (findColumn(table, column.name)) {
    throw new SqlError(SQLSTATE.DuplicateColumn, `column "${column.name}" of relation "${table.name}" already exists`);
  }
  if (table.nextColumnId > MAX_TABLE_COLUMNS) throw tooManyColumns();
  const added = toStoredColumn(table.nextColumnId, column);
  return { ...table, columns: [...table.columns, added], nextColumnId: table.nextColumnId + 1 };
}

/**
 * ALTER TABLE … DROP COLUMN; 42703 if missing. Indexes and constraints over the column go
 * with it, as PostgreSQL drops them automatically.
 */
export function dropColumn(table: StoredTable, name: string): StoredTable {
  const column = requireColumn(table, name);
  const next = { ...table, columns: table.columns.filter((c) => c.id !== column.id) };
  return withObjects(next, (table.indexes ?? []).filter((i) => !i.columnIds.includes(column.id)),
    (table.constraints ?? []).filter((c) => !c.columnIds.includes(column.id)));
}

/** ALTER TABLE … RENAME COLUMN a TO b; 42703 if `from` is missing, 42701 if `to` exists. */
export function renameColumn(table: StoredTable, from: string, to: string): StoredTable {
  const column = requireColumn(table, from);
  if (from !== to && findColumn(table, to)) {
    throw new SqlError(SQLSTATE.DuplicateColumn, `column "${to}" of relation "${table.name}" already exists`);
  }
  return alterColumn(table, from, { name: to }, column);
}

/**
 * ALTER COLUMN … SET/DROP NOT NULL, SET/DROP DEFAULT, TYPE. Changing the type does not
 * convert stored chunks: the executor must rewrite the row groups with the new type.
 */
export function alterColumn(
  table: StoredTable, name: string, changes: Partial<Omit<StoredColumn, 'id'>>, column = requireColumn(table, name),
): StoredTable {
  const merged: StoredColumn = { ...column, ...changes, id: column.id };
  const { defaultSql, ...rest } = merged;
  const next = defaultSql === undefined ? rest : merged;
  return { ...table, columns: table.columns.map((c) => (c.id === column.id ? next : c)) };
}

/** ALTER TABLE … RENAME TO; name collisions are checked by `replaceTable`. */
export function renameTable(table: StoredTable, name: string): StoredTable {
  return { ...table, name };
}

export function findColumn(table: StoredTable, name: string): StoredColumn | undefined {
  return table.columns.find((c) => c.name === name);
}

function requireColumn(table: StoredTable, name: string): StoredColumn {
  const column = findColumn(table, name);
  if (!column) {
    throw new SqlError(SQLSTATE.UndefinedColumn, `column "${name}" of relation "${table.name}" does not exist`);
  }
  return column;
}
