/**
 * SELECT … FOR UPDATE / FOR SHARE in a store without row locks. PostgreSQL locks the rows a
 * locking SELECT returns, so that nobody else changes them before the transaction ends (they
 * wait). Here nobody waits: the transaction claims the committed row groups of each locked table
 * it sees, and at COMMIT a claimed group that another transaction rewrote (an UPDATE or DELETE
 * of any of its rows committed first) fails it with 40001 — the same first-committer-wins rule
 * as two UPDATEs of one row group (merge-concurrent-writes.ts), never a silently lost lock.
 * Coarser than PostgreSQL: the whole table's groups as of the claim, not just the rows returned.
 */
import type { CatalogSnapshot, StoredTable } from '../storage/storage-api.js';
import { serializationFailure } from './rebase-catalog-change.js';

/** Claimed row group ids per table id. */
export type RowGroupClaims = Map<number, Set<number>>;

/** Adds `table`'s row groups (as committed in `base`) to `claims`. */
export function claimGroups(claims: RowGroupClaims, base: CatalogSnapshot, table: StoredTable | undefined): void {
  if (!table || table.temporary) return;
  const committed = [...base.tables.values()].find((t) => t.id === table.id);
  if (!committed) return;
  let groups = claims.get(table.id);
  if (!groups) claims.set(table.id, groups = new Set());
  for (const g of committed.rowGroups) groups.add(g.id);
}

/** @throws SqlError 40001 when a claimed group (or its table) is gone from `latest` */
export function assertClaimsHeld(claims: RowGroupClaims, latest: CatalogSnapshot): void {
  if (claims.size === 0) return;
  const byId = new Map([...latest.tables.values()].map((t) => [t.id, t]));
  for (const [tableId, groups] of claims) {
    const table = byId.get(tableId);
    if (!table) throw serializationFailure();
    const now = new Set(table.rowGroups.map((g) => g.id));
    for (const g of groups) if (!now.has(g)) throw serializationFailure();
  }
}
