/**
 * READ COMMITTED's per-statement rebase: a transaction that has written moves its overlay from
 * the snapshot it read so far (`base`) onto the newest committed one (`latest`), so its next
 * statement sees other sessions' commits beside its own changes, as PostgreSQL's does.
 *
 * The rebased overlay is what the transaction would hold had it begun at `latest` and made the
 * same changes: the latest tables and objects, with every table it touched replaced by its own
 * version — merged row group by row group with the concurrent writes when another commit moved
 * the table (merge-concurrent-writes.ts, the rule COMMIT uses). When COMMIT would refuse the
 * change now (a row group both rewrote, a definition changed on either side, a FOREIGN KEY
 * check gone stale, a unique key added on both sides, a name taken concurrently, a touched
 * type changed) there is no rebased overlay: the transaction keeps its snapshot, so it never
 * shows a row twice or loses one, and its COMMIT reports the conflict as before.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CatalogSnapshot, StoredObject, StoredTable } from '../storage/storage-api.js';
import { foreignKeyHazard, mergeConcurrentWrites, type GroupReader } from './merge-concurrent-writes.js';
import { baseOverlay, findById, type TransactionOverlay } from './transaction-overlay.js';

/**
 * `overlay` (read over `base`) moved onto `latest`, or undefined when it conflicts with what
 * was committed since. `read` reads row groups' key columns for the unique re-check.
 * @example const moved = rebaseOverlay(overlay, view.snapshot, latest.snapshot, latest.scan);
 */
export function rebaseOverlay(
  overlay: TransactionOverlay, base: CatalogSnapshot, latest: CatalogSnapshot, read: GroupReader,
): TransactionOverlay | undefined {
  if (overlay.touched.size === 0 && overlay.touchedObjects.size === 0) return { ...baseOverlay(latest), temp: overlay.temp };
  const tables = rebaseTables(overlay, base, latest, read);
  const objects = tables && rebaseObjects(overlay, base, latest);
  if (!tables || !objects) return undefined;
  return { tables, temp: overlay.temp, touched: overlay.touched, objects, touchedObjects: overlay.touchedObjects };
}

/** The latest tables with the touched ones as this transaction has them, merged where others wrote too. */
function rebaseTables(
  overlay: TransactionOverlay, base: CatalogSnapshot, latest: CatalogSnapshot, read: GroupReader,
): Map<string, StoredTable> | undefined {
  const baseById = byId(base);
  const latestById = byId(latest);
  const tables = new Map(latest.tables);
  const own = new Map<number, StoredTable>();
  for (const id of overlay.touched) {
    const before = baseById.get(id);
    const now = latestById.get(id);
    const after = findById(overlay, id);
    if (now) tables.delete(now.name);
    if (!before) {
      if (after) own.set(id, after);
      continue;
    }
    // Dropped by another commit, or the transaction's FOREIGN KEY checks no longer hold.
    if (!now || (after && foreignKeyHazard(before, after, baseById, latestById))) return undefined;
    if (now.version === before.version) {
      if (after) own.set(id, after);
      continue;
    }
    // Dropped here, changed there: COMMIT answers 40001.
    if (!after) return undefined;
    const merged = mergeOrUndefined(before, after, now, read);
    if (!merged) return undefined;
    own.set(id, merged);
  }
  for (const table of own.values()) {
    // A name another commit took meanwhile: COMMIT answers 42P07.
    if (tables.has(table.name)) return undefined;
    tables.set(table.name, table);
  }
  return tables;
}

/** mergeConcurrentWrites, with a unique key added on both sides (23505 at COMMIT) as no merge. */
function mergeOrUndefined(before: StoredTable, after: StoredTable, now: StoredTable, read: GroupReader): StoredTable | undefined {
  try {
    return mergeConcurrentWrites(before, after, now, read);
  } catch (err) {
    if (err instanceof SqlError && err.code === SQLSTATE.UniqueViolation) return undefined;
    throw err;
  }
}

/** The latest objects with the touched ones as this transaction has them; undefined if another commit changed one. */
function rebaseObjects(overlay: TransactionOverlay, base: CatalogSnapshot, latest: CatalogSnapshot): ReadonlyMap<number, StoredObject> | undefined {
  const objects = new Map(latest.objects ?? []);
  for (const id of overlay.touchedObjects) {
    if (objects.get(id)?.version !== base.objects?.get(id)?.version) return undefined;
    const after = overlay.objects.get(id);
    if (!after) {
      objects.delete(id);
      continue;
    }
    const clash = after.kind === 'type' && [...objects.values()].some((o) => o.id !== id && o.name === after.name && o.kind === after.kind);
    if (clash) return undefined;
    objects.set(id, after);
  }
  return objects;
}

function byId(snapshot: CatalogSnapshot): Map<number, StoredTable> {
  return new Map([...snapshot.tables.values()].map((t) => [t.id, t]));
}
