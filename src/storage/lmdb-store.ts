/**
 * The Store over one LMDB environment: caches the committed catalog snapshot, hands out
 * staging writers, and publishes catalog changes in single write transactions. One process
 * writes (the server); others may open the same directory read-only (see README.md).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { collectOrphans } from './collect-orphans.js';
import { EMPTY_SNAPSHOT, recordToSnapshot, snapshotToRecord, type StoredSnapshotRecord } from './catalog-serde.js';
import { StagingRowGroupWriter, type ChunkStager } from './row-group-writer.js';
import { readRawChunk, scanRowGroups } from './scan-row-groups.js';
import {
  CatalogKey, chunkKey, LAYOUT_VERSION, openStoreDbs, rowGroupRange, type OpenStoreOptions, type StoreDbs,
} from './store-layout.js';
import type {
  CatalogChange, CatalogSnapshot, ColumnBatch, RowGroupRef, RowGroupWriter, SequenceState, Store, StoreReadView, StoredColumn,
  StoredTable,
} from './storage-api.js';

/**
 * lmdb-js transaction flags for staging a row group: its defaults (abortable, synchronous
 * commit) plus LMDB's MDB_NOMETASYNC, which flushes the data pages but not the meta page.
 * LMDB documents that this keeps the database intact; a system crash may only undo the last
 * staging transaction, whose row group no committed catalog references yet (the catalog
 * commit itself still syncs everything). Halves the fsyncs of a large COPY.
 */
const STAGING_TXN_FLAGS = 0x3 | 0x40000;

/**
 * lmdb-js flags for a sequence advance: abortable, synchronous, and LMDB's MDB_NOSYNC (no fsync
 * at all). Safe because LMDB commits are ordered: the next durable commit flushes it first
 * (see `Store.advanceSequence`). A `SERIAL` INSERT runs one of these per row.
 */
const SEQUENCE_TXN_FLAGS = 0x3 | 0x10000;

/** Id counters persisted under `counters`; each is the next id to hand out. */
interface Counters {
  rowGroup: number;
  table: number;
  oid: number;
}

/**
 * Opens (creating if needed) the store in directory `dir`. A writable open garbage-collects
 * row groups staged but never committed (a crash mid-statement).
 * @example const store = openStore('/var/lib/thanosql'); const s = store.snapshot();
 */
export function openStore(dir: string, options: OpenStoreOptions = {}): Store {
  return new LmdbStore(openStoreDbs(dir, options), options.readOnly ?? false);
}

class LmdbStore implements Store, ChunkStager {
  private committed: CatalogSnapshot;
  private readonly counters: Counters;

  constructor(private readonly dbs: StoreDbs, private readonly readOnly: boolean) {
    const layout = dbs.catalog.get(CatalogKey.Layout) as number | undefined;
    if (layout !== undefined && layout > LAYOUT_VERSION) {
      throw new SqlError(SQLSTATE.FeatureNotSupported, `store layout version ${layout} is newer than this server's (${LAYOUT_VERSION})`);
    }
    this.committed = this.loadSnapshot();
    const stored = dbs.catalog.get(CatalogKey.Counters) as Counters | undefined;
    this.counters = stored ? { ...stored } : { rowGroup: 1, table: this.committed.nextTableId, oid: this.committed.nextOid };
    if (readOnly) return;
    const { maxRowGroupId } = collectOrphans(dbs, this.committed);
    this.counters.rowGroup = Math.max(this.counters.rowGroup, maxRowGroupId + 1);
    dbs.env.transactionSync(() => {
      dbs.catalog.putSync(CatalogKey.Layout, LAYOUT_VERSION);
      dbs.catalog.putSync(CatalogKey.Counters, this.counters);
    });
  }

  snapshot(): CatalogSnapshot {
    if (!this.readOnly) return this.committed;
    // A read-only opener shares the files with a writer elsewhere: it cannot cache, and its
    // reusable LMDB read transaction must be renewed to see commits made since.
    this.dbs.env.resetReadTxn();
    return this.loadSnapshot();
  }

  scan(table: StoredTable, columnIds: readonly number[]): Iterable<ColumnBatch> {
    return scanRowGroups(this.dbs, undefined, table, columnIds);
  }

  rawChunk(tableId: number, rowGroupId: number, columnId: number): Uint8Array | undefined {
    return readRawChunk(this.dbs, undefined, tableId, rowGroupId, columnId);
  }

  beginRead(): StoreReadView {
    // A read-only opener must renew lmdb-js's reusable read transaction, or the pin would keep
    // showing the state of its first read (commits by the writer elsewhere never appear).
    if (this.readOnly) this.dbs.env.resetReadTxn();
    const txn = this.dbs.env.useReadTransaction();
    const dbs = this.dbs;
    let released = false;
    // A writable store's cache is the committed state; a read-only one must read it under the pin.
    const pinnedRecord = this.readOnly ? dbs.catalog.get(CatalogKey.Snapshot, { transaction: txn }) : undefined;
    return {
      snapshot: pinnedRecord ? recordToSnapshot(pinnedRecord as StoredSnapshotRecord) : this.snapshot(),
      scan: (table, columnIds) => scanRowGroups(dbs, released ? undefined : txn, table, columnIds),
      rawChunk: (t, g, c) => readRawChunk(dbs, released ? undefined : txn, t, g, c),
      release: () => {
        if (!released) txn.done();
        released = true;
      },
    };
  }

  writer(tableId: number, columns: readonly StoredColumn[]): RowGroupWriter {
    this.assertWritable();
    return new StagingRowGroupWriter(this, tableId, columns);
  }

  allocateTableId(): { id: number; oid: number } {
    this.assertWritable();
    // Persisted by the next write transaction; an id lost to a crash was never committed.
    return { id: this.counters.table++, oid: this.counters.oid++ };
  }

  allocateRowGroupId(): number {
    return this.counters.rowGroup++;
  }

  stageChunks(tableId: number, rowGroupId: number, chunks: ReadonlyMap<number, Uint8Array>): void {
    this.dbs.env.transactionSync(() => {
      for (const [columnId, bytes] of chunks) this.dbs.chunks.putSync(chunkKey(tableId, rowGroupId, columnId), bytes);
      this.dbs.catalog.putSync(CatalogKey.Counters, this.counters);
    }, STAGING_TXN_FLAGS);
  }

  deleteRowGroups(tableId: number, rowGroupIds: readonly number[]): void {
    this.dbs.env.transactionSync(() => this.removeGroups(tableId, rowGroupIds));
  }

  deleteStagedRowGroups(groups: readonly { readonly tableId: number; readonly rowGroup: RowGroupRef }[]): void {
    this.assertWritable();
    this.dbs.env.transactionSync(() => {
      for (const { tableId, rowGroup } of groups) this.removeGroups(tableId, [rowGroup.id]);
    }, STAGING_TXN_FLAGS);
  }

  commit(change: CatalogChange): CatalogSnapshot {
    this.assertWritable();
    const next = recordToSnapshot({
      ...snapshotToRecord(change.next),
      nextTableId: this.counters.table,
      nextOid: this.counters.oid,
    });
    this.dbs.env.transactionSync(() => {
      // Re-read inside the write transaction: the on-disk state is the authority.
      const current = this.loadSnapshot();
      checkExpectedVersions(current, change);
      this.dbs.catalog.putSync(CatalogKey.Snapshot, snapshotToRecord(next));
      this.dbs.catalog.putSync(CatalogKey.Counters, this.counters);
      for (const { tableId, rowGroup } of change.droppedRowGroups) this.removeGroups(tableId, [rowGroup.id]);
      for (const id of change.droppedSequences ?? []) this.dbs.sequences.removeSync(id);
    });
    this.committed = next;
    return next;
  }

  advanceSequence(id: number, advance: (counter: SequenceState | undefined) => SequenceState): SequenceState {
    this.assertWritable();
    return this.dbs.env.transactionSync(() => {
      // Read inside the write transaction: another thread or process may have advanced it.
      const next = advance(this.sequenceRecord(id));
      this.dbs.sequences.putSync(id, { lastValue: next.lastValue.toString(), isCalled: next.isCalled });
      return next;
    }, SEQUENCE_TXN_FLAGS);
  }

  readSequence(id: number): SequenceState | undefined {
    // lmdb-js's reusable read transaction may predate another thread's advance: renew it.
    this.dbs.env.resetReadTxn();
    return this.sequenceRecord(id);
  }

  /** The stored counter (inside a write transaction, as that transaction sees it). */
  private sequenceRecord(id: number): SequenceState | undefined {
    const record = this.dbs.sequences.get(id);
    return record && { lastValue: BigInt(record.lastValue), isCalled: record.isCalled };
  }

  getMeta(key: string): unknown {
    return this.dbs.meta.get(key);
  }

  putMeta(key: string, value: unknown): void {
    this.assertWritable();
    this.dbs.meta.putSync(key, value);
  }

  async close(): Promise<void> {
    await this.dbs.env.close();
  }

  private loadSnapshot(): CatalogSnapshot {
    const record = this.dbs.catalog.get(CatalogKey.Snapshot) as StoredSnapshotRecord | undefined;
    return record ? recordToSnapshot(record) : EMPTY_SNAPSHOT;
  }

  /** Must run inside a write transaction. */
  private removeGroups(tableId: number, rowGroupIds: readonly number[]): void {
    for (const id of rowGroupIds) {
      // Collect first: deleting under a live cursor is not something to rely on.
      const keys = [...this.dbs.chunks.getKeys(rowGroupRange(tableId, id))];
      for (const key of keys) this.dbs.chunks.removeSync(key);
    }
  }

  private assertWritable(): void {
    if (this.readOnly) throw new SqlError(SQLSTATE.InternalError, 'store was opened read-only');
  }
}

/** First committer wins: any table this change was computed from must be unchanged since. */
function checkExpectedVersions(current: CatalogSnapshot, change: CatalogChange): void {
  const conflict = (): SqlError =>
    new SqlError(SQLSTATE.SerializationFailure, 'could not serialize access due to concurrent update');
  if (change.next.version !== current.version + 1) throw conflict();
  const byId = new Map([...current.tables.values()].map((t) => [t.id, t]));
  for (const [tableId, expected] of change.expectedVersions) {
    if (byId.get(tableId)?.version !== expected) throw conflict();
  }
}
