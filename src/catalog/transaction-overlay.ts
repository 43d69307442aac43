/**
 * A transaction's private view of the catalog: the base snapshot's tables and the session's
 * temporary relations, with this transaction's creates, replacements and drops applied.
 * Immutable, so a savepoint is just a reference to the overlay at that moment. Permanent and
 * temporary relations are two name spaces (a temporary `t` may shadow a permanent `t`).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CatalogSnapshot, StoredObject, StoredTable } from '../storage/storage-api.js';
import { parseRelationName } from './relation-name.js';

export interface TransactionOverlay {
  /** Permanent relations (schema public) as the transaction sees them, by name. */
  readonly tables: ReadonlyMap<string, StoredTable>;
  /** The session's temporary relations (schema pg_temp), by name; never committed to the store. */
  readonly temp: ReadonlyMap<string, StoredTable>;
  /** Ids of permanent tables created, replaced or dropped by the transaction. */
  readonly touched: ReadonlySet<number>;
  /** User types and other non-relation objects, by id. */
  readonly objects: ReadonlyMap<number, StoredObject>;
  /** Ids of objects created, replaced or dropped by the transaction. */
  readonly touchedObjects: ReadonlySet<number>;
}

const NO_OBJECTS: ReadonlyMap<number, StoredObject> = new Map();

export function baseOverlay(base: CatalogSnapshot, temp: ReadonlyMap<string, StoredTable> = new Map()): TransactionOverlay {
  return { tables: base.tables, temp, touched: new Set(), objects: base.objects ?? NO_OBJECTS, touchedObjects: new Set() };
}

/** The overlay with `object` added or replacing the object with the same id. */
export function putObject(overlay: TransactionOverlay, object: StoredObject): TransactionOverlay {
  const objects = new Map(overlay.objects).set(object.id, object);
  return { ...overlay, objects, touchedObjects: new Set(overlay.touchedObjects).add(object.id) };
}

/** The overlay without the object with id `id`. */
export function removeObject(overlay: TransactionOverlay, id: number): TransactionOverlay {
  const objects = new Map(overlay.objects);
  objects.delete(id);
  return { ...overlay, objects, touchedObjects: new Set(overlay.touchedObjects).add(id) };
}

/** A relation by (possibly qualified) name: the temporary one first, as the search path does. */
export function lookupTable(overlay: TransactionOverlay, qualified: string): StoredTable | undefined {
  const { namespace, name } = parseRelationName(qualified);
  if (namespace === 'public') return overlay.tables.get(name);
  if (namespace === 'pg_temp') return overlay.temp.get(name);
  return overlay.temp.get(name) ?? overlay.tables.get(name);
}

/** The overlay with `table` added or replacing the table with the same id (renames allowed). */
export function putTable(overlay: TransactionOverlay, table: StoredTable): TransactionOverlay {
  const space = new Map(table.temporary ? overlay.temp : overlay.tables);
  const previous = findById(overlay, table.id);
  if (previous) space.delete(previous.name);
  if (space.get(table.name)) throw new SqlError(SQLSTATE.DuplicateTable, `relation "${table.name}" already exists`);
  space.set(table.name, table);
  if (table.temporary) return { ...overlay, temp: space };
  return { ...overlay, tables: space, touched: new Set(overlay.touched).add(table.id) };
}

/** The overlay without `table` (by id); 42P01 if it is not there. */
export function removeTable(overlay: TransactionOverlay, table: StoredTable): TransactionOverlay {
  const current = findById(overlay, table.id);
  if (!current) throw new SqlError(SQLSTATE.UndefinedTable, `table "${table.name}" does not exist`);
  const space = new Map(current.temporary ? overlay.temp : overlay.tables);
  space.delete(current.name);
  if (current.temporary) return { ...overlay, temp: space };
  return { ...overlay, tables: space, touched: new Set(overlay.touched).add(current.id) };
}

/** Id → table per overlay, built on first use (overlays are immutable, so it never goes stale). */
const byIdCache = new WeakMap<TransactionOverlay, ReadonlyMap<number, StoredTable>>();

export function findById(overlay: TransactionOverlay, id: number): StoredTable | undefined {
  let byId = byIdCache.get(overlay);
  if (!byId) {
    byId = new Map([...overlay.tables.values(), ...overlay.temp.values()].map((t) => [t.id, t]));
    byIdCache.set(overlay, byId);
  }
  return byId.get(id);
}

/** Parent id → its children per overlay, built on first use (PostgreSQL's pg_inherits index). */
const childrenCache = new WeakMap<TransactionOverlay, ReadonlyMap<number, readonly StoredTable[]>>();

/** The tables that inherit directly from table `id` (pg_inherits.inhparent = id), by OID. */
export function childrenOf(overlay: TransactionOverlay, id: number): readonly StoredTable[] {
  let children = childrenCache.get(overlay);
  if (!children) {
    const byParent = new Map<number, StoredTable[]>();
    for (const t of [...overlay.tables.values(), ...overlay.temp.values()]) {
      for (const parent of t.inherits ?? []) {
        const list = byParent.get(parent);
        if (list) list.push(t);
        else byParent.set(parent, [t]);
      }
    }
    for (const list of byParent.values()) list.sort((a, b) => a.oid - b.oid);
    children = byParent;
    childrenCache.set(overlay, children);
  }
  return children.get(id) ?? [];
}

/** Every relation, permanent and temporary, by OID. */
export function allTables(overlay: TransactionOverlay): StoredTable[] {
  return [...overlay.tables.values(), ...overlay.temp.values()].sort((a, b) => a.oid - b.oid);
}
