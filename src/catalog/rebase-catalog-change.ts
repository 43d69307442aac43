/**
 * Turns a transaction's overlay into the CatalogChange the store commits: its touched tables
 * applied on top of the *current* committed snapshot (so other sessions' commits to other
 * tables are kept), a table that others wrote meanwhile merged with their writes row group by
 * row group where that is safe (merge-concurrent-writes.ts; else 40001, first committer wins),
 * and every row group no longer referenced — replaced committed groups, plus groups this
 * transaction staged but ended up not using (overwritten by a later statement, or left by a
 * failed one). Runs inside the store's commit write transaction.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CatalogChange, CatalogSnapshot, RowGroupRef, StoredObject, StoredTable } from '../storage/storage-api.js';
import { foreignKeyHazard, mergeConcurrentWrites, type GroupReader } from './merge-concurrent-writes.js';
import { findById, type TransactionOverlay } from './transaction-overlay.js';

/** Row groups staged by this transaction's writers, per table id. */
export interface StagedGroups {
  readonly tableId: number;
  readonly groups: readonly RowGroupRef[];
}

export function rebaseCatalogChange(
  current: CatalogSnapshot, base: CatalogSnapshot, overlay: TransactionOverlay, staged: readonly StagedGroups[],
  read: GroupReader,
): CatalogChange {
  const baseById = new Map([...base.tables.values()].map((t) => [t.id, t]));
  const currentById = new Map([...current.tables.values()].map((t) => [t.id, t]));
  const expectedVersions = new Map<number, number>();
  const merged = new Map<number, StoredTable>();
  const tables = new Map(current.tables);
  for (const id of overlay.touched) {
    const before = baseById.get(id);
    const latest = currentById.get(id);
    const after = findById(overlay, id);
    if (before) {
      if (after && foreignKeyHazard(before, after, baseById, currentById)) throw serializationFailure();
      if (latest?.version === before.version) {
        expectedVersions.set(id, before.version);
      } else {
        const combined = latest && after ? mergeConcurrentWrites(before, after, latest, read) : undefined;
        if (!combined) throw serializationFailure();
        merged.set(id, combined);
        expectedVersions.set(id, latest!.version);
      }
    }
    if (latest) tables.delete(latest.name);
  }
  const kept = new Set<string>();
  for (const id of overlay.touched) {
    const after = findById(overlay, id);
    if (!after) continue;
    if (tables.has(after.name)) {
      throw new SqlError(SQLSTATE.DuplicateTable, `relation "${after.name}" already exists`);
    }
    const final = merged.get(id) ?? after;
    tables.set(after.name, { ...final, version: (currentById.get(id)?.version ?? baseById.get(id)?.version ?? 0) + 1 });
    for (const g of final.rowGroups) kept.add(`${id}:${g.id}`);
  }
  const candidates: { tableId: number; rowGroup: RowGroupRef }[] = [];
  for (const id of overlay.touched) {
    for (const g of baseById.get(id)?.rowGroups ?? []) candidates.push({ tableId: id, rowGroup: g });
  }
  for (const s of staged) for (const g of s.groups) candidates.push({ tableId: s.tableId, rowGroup: g });
  const droppedRowGroups = candidates.filter((c) => !kept.has(`${c.tableId}:${c.rowGroup.id}`));
  const objects = rebaseObjects(current, base, overlay);
  // Sequences dropped by this transaction lose their counters in the same commit.
  const droppedSequences = [...overlay.touched].filter((id) => baseById.get(id)?.sequence && !findById(overlay, id));
  const next: CatalogSnapshot = { ...current, version: current.version + 1, tables, objects };
  return { next, expectedVersions, droppedRowGroups, ...(droppedSequences.length > 0 ? { droppedSequences } : {}) };
}

/**
 * The touched objects (user types) applied to the current snapshot's: an object changed by
 * another commit since the base is a conflict (40001), a type name created concurrently 42710.
 */
function rebaseObjects(current: CatalogSnapshot, base: CatalogSnapshot, overlay: TransactionOverlay): ReadonlyMap<number, StoredObject> {
  const objects = new Map(current.objects ?? []);
  if (overlay.touchedObjects.size === 0) return objects;
  for (const id of overlay.touchedObjects) {
    const before = base.objects?.get(id);
    if (objects.get(id)?.version !== before?.version) throw serializationFailure();
    const after = overlay.objects.get(id);
    if (!after) {
      objects.delete(id);
      continue;
    }
    // Functions share names (overloads); CREATE FUNCTION checks signatures itself.
    const clash = after.kind === 'type' && [...objects.values()].find((o) => o.id !== id && o.name === after.name && o.kind === after.kind);
    if (clash) throw new SqlError(SQLSTATE.DuplicateObject, `type "${after.name}" already exists`);
    objects.set(id, { ...after, version: (before?.version ?? 0) + 1 });
  }
  return objects;
}

export function serializationFailure(): SqlError {
  return new SqlError(SQLSTATE.SerializationFailure, 'could not serialize access due to concurrent update');
}

