/**
 * A relation's shape as binding depends on it — identity, name, columns (ids, names, types,
 * NOT NULL, defaults), constraints, a view's query and its place in an inheritance tree — without its rows or version. Two
 * tables with equal shapes bind every statement the same way, so a cached plan whose
 * relations still have the shapes it was bound against needs no re-planning (PostgreSQL
 * invalidates on DDL, not on writes).
 */
import type { StoredTable } from '../storage/storage-api.js';
import type { CatalogReader } from './catalog-transaction.js';
import { descendantsOf } from './inheritance.js';

const shapes = new WeakMap<StoredTable, string>();

/** @example relationShape(t) === relationShape({ ...t, rowGroups: [] }) // true: rows don't count */
export function relationShape(table: StoredTable): string {
  let shape = shapes.get(table);
  if (shape === undefined) {
    shape = JSON.stringify([
      table.id, table.oid, table.name, table.columns, table.constraints ?? [], table.view ?? null,
      table.inherits ?? [], table.partitionKey ?? null, table.partitionBound ?? null,
    ]);
    shapes.set(table, shape);
  }
  return shape;
}

/** The shapes of `table` and every table inheriting from it (a write over the tree depends on them all). */
export function familyShape(reader: Pick<CatalogReader, 'childrenOf'>, table: StoredTable): string {
  return descendantsOf(reader, table).map(relationShape).join('\n');
}
