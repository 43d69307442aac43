/**
 * Builds the StoredTable for CREATE TABLE: column ids 1..n in declaration order, no row
 * groups, version 0 (the commit that publishes it makes it version 1).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { StoredColumn, StoredTable } from '../storage/storage-api.js';
import type { NewColumn } from './catalog-transaction.js';

/** PostgreSQL's MaxHeapAttributeNumber: column numbers, dropped ones included, go up to this. */
export const MAX_TABLE_COLUMNS = 1600;

/** 54011, PostgreSQL's wording, for a table past MAX_TABLE_COLUMNS. */
export function tooManyColumns(): SqlError {
  return new SqlError(SQLSTATE.TooManyColumns, `tables can have at most ${MAX_TABLE_COLUMNS} columns`);
}

/** @example createStoredTable(1, 16384, 'images', [{ name: 'path', type: T.text, notNull: true }]) */
export function createStoredTable(id: number, oid: number, name: string, columns: readonly NewColumn[]): StoredTable {
  if (columns.length > MAX_TABLE_COLUMNS) throw tooManyColumns();
  const seen = new Set<string>();
  for (const c of columns) {
    if (seen.has(c.name)) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${c.name}" specified more than once`);
    seen.add(c.name);
  }
  const stored = columns.map((c, i): StoredColumn => toStoredColumn(i + 1, c));
  return { id, oid, name, columns: stored, rowGroups: [], nextColumnId: stored.length + 1, version: 0 };
}

/** A NewColumn with its id (no `defaultSql` key when there is no default). */
export function toStoredColumn(id: number, c: NewColumn): StoredColumn {
  const base = { id, name: c.name, type: c.type, notNull: c.notNull };
  return c.defaultSql === undefined ? base : { ...base, defaultSql: c.defaultSql };
}
