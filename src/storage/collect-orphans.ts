/**
 * Garbage-collects chunks no committed row group references: row groups staged by a statement
 * that crashed (kill -9 mid-COPY) or never committed; and sequence counters of sequences no
 * committed catalog has (created by a transaction that rolled back). Run on open, before any
 * writer exists, so "not referenced by the committed catalog" really means "garbage". The store does the
 * deleting (`remove`), so a full disk is handled as for any other deletion.
 */
import type { CatalogSnapshot } from './storage-api.js';
import type { ChunkKey, StoreDbs } from './store-layout.js';

/** The sequence record holding the last transaction id (no table has id 0; lmdb-store.ts advances it). */
export const TRANSACTION_ID_COUNTER = 0;

/** Deletions per LMDB write transaction, so a huge orphaned COPY is freed in bounded batches. */
const DELETE_BATCH = 4096;

export interface OrphanScan {
  /** Chunks deleted. */
  readonly deleted: number;
  /** Highest row-group id seen in any chunk key (live or orphan), or 0. */
  readonly maxRowGroupId: number;
}

/**
 * @param remove deletes a batch of chunks; false when it could not (the disk is full), which
 *   ends the collection: what is left stays garbage until a later start
 */
export function collectOrphans(dbs: StoreDbs, snapshot: CatalogSnapshot, remove: (keys: readonly ChunkKey[]) => boolean): OrphanScan {
  const live = new Set<string>();
  for (const t of snapshot.tables.values()) for (const g of t.rowGroups) live.add(`${t.id}:${g.id}`);
  let maxRowGroupId = 0;
  const orphans: ChunkKey[] = [];
  for (const key of dbs.chunks.getKeys()) {
    const [tableId, rowGroupId] = key as ChunkKey;
    maxRowGroupId = Math.max(maxRowGroupId, rowGroupId);
    if (!live.has(`${tableId}:${rowGroupId}`)) orphans.push(key as ChunkKey);
  }
  let deleted = 0;
  for (let i = 0; i < orphans.length; i += DELETE_BATCH) {
    const batch = orphans.slice(i, i + DELETE_BATCH);
    if (!remove(batch)) break;
    deleted += batch.length;
  }
  // The transaction-id counter (TRANSACTION_ID_COUNTER) is owned by no sequence and must live on.
  const sequences = new Set([TRANSACTION_ID_COUNTER, ...[...snapshot.tables.values()].filter((t) => t.sequence).map((t) => t.id)]);
  const counters = [...dbs.sequences.getKeys()].filter((id) => !sequences.has(id as number));
  try {
    if (counters.length > 0) dbs.env.transactionSync(() => { for (const id of counters) dbs.sequences.removeSync(id); });
  } catch {
    // A full disk: the stray counters are harmless and go at a later start.
  }
  return { deleted, maxRowGroupId };
}
