/**
 * A transaction's private view of the catalog: the base snapshot's tables with this
 * transaction's creates, replacements and drops applied. Immutable, so a savepoint is just a
 * reference to the overlay at that moment.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CatalogSnapshot, StoredTable } from '../storage/storage-api.js';

export interface TransactionOverlay {
  /** Every table as the transaction sees it, by name. */
  readonly tables: ReadonlyMap<string, StoredTable>;
  /** Ids of tables created, replaced or dropped by the transaction. */
  readonly touched: ReadonlySet<number>;
}

export function baseOverlay(base: CatalogSnapshot): TransactionOverlay {
  return { tables: base.tables, touched: new Set() };
}

/** The overlay with `table` added or replacing the table with the same id (renames allowed). */
export function putTable(overlay: TransactionOverlay, table: StoredTable): TransactionOverlay {
  const tables = new Map(overlay.tables);
  const previous = findById(overlay, table.id);
  if (previous) tables.delete(previous.name);
  const clash = tables.get(table.name);
  if (clash) throw new SqlError(SQLSTATE.DuplicateTable, `relation "${table.name}" already exists`);
  tables.set(table.name, table);
  return { tables, touched: new Set(overlay.touched).add(table.id) };
}

/** The overlay without the table named `name`; 42P01 if there is none. */
export function removeTable(overlay: TransactionOverlay, name: string): TransactionOverlay {
  const table = overlay.tables.get(name);
  if (!table) throw new SqlError(SQLSTATE.UndefinedTable, `table "${name}" does not exist`);
  const tables = new Map(overlay.tables);
  tables.delete(name);
  return { tables, touched: new Set(overlay.touched).add(table.id) };
}

/** Id → table per overlay, built on first use (overlays are immutable, so it never goes stale). */
const byIdCache = new WeakMap<TransactionOverlay, ReadonlyMap<number, StoredTable>>();

export function findById(overlay: TransactionOverlay, id: number): StoredTable | undefined {
  let byId = byIdCache.get(overlay);
  if (!byId) {
    byId = new Map([...overlay.tables.values()].map((t) => [t.id, t]));
    byIdCache.set(overlay, byId);
  }
  return byId.get(id);
}
