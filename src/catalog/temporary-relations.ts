/**
 * A session's temporary relations (CREATE TEMP TABLE / SEQUENCE): a name space of its own that
 * no other session sees, shadowing permanent relations of the same name (pg_temp is first on
 * the search path). Their rows are row groups staged in the store that no committed catalog
 * references, so a crash leaves them to the store's garbage collection on the next open; the
 * session drops them at its end. Transactions read this state as their temporary base and
 * publish their changes here on commit (a rolled-back CREATE TEMP TABLE never appears).
 */
import type { RowGroupRef, Store, StoredTable } from '../storage/storage-api.js';

export class TemporaryRelations {
  private current: ReadonlyMap<string, StoredTable> = new Map();

  constructor(private readonly store: Store) {}

  /** The committed temporary relations, by name. */
  get tables(): ReadonlyMap<string, StoredTable> {
    return this.current;
  }

  /**
   * A committing transaction's temporary relations replace the current ones; row groups none of
   * them references any more (`candidates`: the old groups and everything the transaction staged
   * for them) are deleted.
   */
  publish(next: ReadonlyMap<string, StoredTable>, staged: readonly { tableId: number; rowGroup: RowGroupRef }[]): void {
    const kept = new Set([...next.values()].flatMap((t) => t.rowGroups.map((g) => `${t.id}:${g.id}`)));
    const candidates = [...[...this.current.values()].flatMap((t) => t.rowGroups.map((rowGroup) => ({ tableId: t.id, rowGroup }))), ...staged];
    this.current = next;
    const freed = candidates.filter((c) => !kept.has(`${c.tableId}:${c.rowGroup.id}`));
    if (freed.length > 0) this.store.deleteStagedRowGroups(freed);
  }

  /** Session end or DISCARD TEMP: every temporary relation and its rows go. */
  dropAll(): void {
    this.publish(new Map(), []);
  }
}
