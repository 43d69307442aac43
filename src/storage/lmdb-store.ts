/**
 * The Store over one LMDB environment: reads the committed catalog snapshot (cached per
 * version), hands out staging writers, and publishes catalog changes in single write
 * transactions. Several threads of one process may open the same directory writable (the engine
 * threads): every id comes from a counter read and bumped inside an LMDB write transaction, and
 * every commit is computed against the snapshot read inside its own write transaction, so
 * nothing depends on a per-thread copy being current. Other processes may open it read-only.
 * Every write goes through `write()`, which reports a full disk as 53100 (write-errors.ts).
 */
import { basename, join } from 'node:path';
import type { Transaction } from 'lmdb';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { collectOrphans, TRANSACTION_ID_COUNTER } from './collect-orphans.js';
import { EMPTY_SNAPSHOT, recordToSnapshot, snapshotToRecord, type StoredSnapshotRecord } from './catalog-serde.js';
import { StagingRowGroupWriter, type ChunkStager } from './row-group-writer.js';
import { isDiskFull, lowOnSpace, writeError } from './write-errors.js';
import { readRawChunk, scanRowGroups } from './scan-row-groups.js';
import {
  CatalogKey, chunkKey, LAYOUT_VERSION, openStoreDbs, rowGroupRange, type ChunkKey, type OpenStoreOptions, type StoreDbs,
} from './store-layout.js';
import type {
  CatalogChange, CatalogSnapshot, ColumnBatch, RowGroupRef, RowGroupWriter, ScanOptions, SequenceState, Store, StoreReadView, StoredColumn,
  StoredTable,
} from './storage-api.js';

/**
 * lmdb-js transaction flags for staging row groups: its defaults (abortable, synchronous
 * commit) plus LMDB's MDB_NOMETASYNC, which flushes the data pages but not the meta page.
 * LMDB documents that this keeps the database intact; a system crash may only undo the last
 * staging transaction, whose row groups no committed catalog references yet (the catalog
 * commit itself still syncs everything). Halves the fsyncs of a large COPY. Counter bumps use
 * the same flags: one undone by a crash was spent only on row groups nothing durable references.
 */
const STAGING_TXN_FLAGS = 0x3 | 0x40000;

/**
 * lmdb-js flags for a sequence advance: abortable, synchronous, and LMDB's MDB_NOSYNC (no fsync
 * at all). Safe because LMDB commits are ordered: the next durable commit flushes it first
 * (see `Store.advanceSequence`). A `SERIAL` INSERT runs one of these per row.
 */
const SEQUENCE_TXN_FLAGS = 0x3 | 0x10000;

/** Ids start above this, as PostgreSQL's first normal xids sit a little above its reserved ones. */
const FIRST_TRANSACTION_ID = 1000n;

/** Id counters persisted under `counters`; each is the next id to hand out. */
interface Counters {
  rowGroup: number;
  table: number;
  oid: number;
}

/**
 * Opens (creating if needed) the store in directory `dir`. A writable open garbage-collects
 * row groups staged but never committed (a crash mid-statement) unless `collectOrphans` is false.
 * @example const store = openStore('/var/lib/thanosql'); const s = store.snapshot();
 */
export function openStore(dir: string, options: OpenStoreOptions = {}): Store {
  return new LmdbStore(openStoreDbs(dir, options), dir, options);
}

/** LMDB's data file, as errors name it: relative to the data directory, as PostgreSQL names relation files. */
const DATA_FILE = 'data.mdb';

class LmdbStore implements Store, ChunkStager {
  /** The last snapshot this thread decoded; reused while the stored version is the same. */
  private cached: CatalogSnapshot = EMPTY_SNAPSHOT;
  private readonly readOnly: boolean;
  /** The data file as error messages name it (`store/data.mdb`). */
  private readonly file: string;
  /** Uncommitted row groups a full disk kept us from deleting; retried before later writes. */
  private readonly undeleted: { readonly tableId: number; readonly rowGroupIds: readonly number[] }[] = [];

  constructor(private readonly dbs: StoreDbs, private readonly dir: string, options: OpenStoreOptions) {
    this.file = join(basename(dir), DATA_FILE);
    this.readOnly = options.readOnly ?? false;
    const layout = dbs.catalog.get(CatalogKey.Layout) as number | undefined;
    if (layout !== undefined && layout > LAYOUT_VERSION) {
      throw new SqlError(SQLSTATE.FeatureNotSupported, `store layout version ${layout} is newer than this server's (${LAYOUT_VERSION})`);
    }
    if (this.readOnly || options.collectOrphans === false) return;
    const committed = this.snapshot();
    const { maxRowGroupId } = collectOrphans(dbs, committed, (keys) => this.removeChunks(keys));
    try {
      this.write(() => {
        const counters = this.readCounters(committed);
        counters.rowGroup = Math.max(counters.rowGroup, maxRowGroupId + 1);
        dbs.catalog.putSync(CatalogKey.Layout, LAYOUT_VERSION);
        dbs.catalog.putSync(CatalogKey.Counters, counters);
      });
    } catch (err) {
      // A store on a full disk still opens, so it can be read and space freed: its persisted
      // counters are already past every staged row group (both are written in one transaction).
      const current = layout === LAYOUT_VERSION && dbs.catalog.get(CatalogKey.Counters) !== undefined;
      if (!(isDiskFullError(err) && current)) throw err;
    }
  }

  snapshot(): CatalogSnapshot {
    // A read-only opener shares the files with a writer in another process: its reusable LMDB
    // read transaction must be renewed to see commits made since (lmdb-js renews it by itself
    // for commits by threads of this process).
    if (this.readOnly) this.dbs.env.resetReadTxn();
    return this.loadSnapshot(undefined);
  }

  scan(table: StoredTable, columnIds: readonly number[], rows?: readonly number[], options?: ScanOptions): Iterable<ColumnBatch> {
    return scanRowGroups(this.dbs, undefined, table, columnIds, rows, options);
  }

  rawChunk(tableId: number, rowGroupId: number, columnId: number): Uint8Array | undefined {
    return readRawChunk(this.dbs, undefined, tableId, rowGroupId, columnId);
  }

  beginRead(): StoreReadView {
    if (this.readOnly) this.dbs.env.resetReadTxn();
    const txn = this.dbs.env.useReadTransaction();
    const dbs = this.dbs;
    let released = false;
    return {
      // Read under the pin: the snapshot and the chunks it names are one consistent state.
      snapshot: this.loadSnapshot(txn),
      scan: (table, columnIds, rows, options) => scanRowGroups(dbs, released ? undefined : txn, table, columnIds, rows, options),
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
    let ids = { id: 0, oid: 0 };
    this.write(() => {
      const counters = this.readCounters(undefined);
      ids = { id: counters.table++, oid: counters.oid++ };
      this.dbs.catalog.putSync(CatalogKey.Counters, counters);
    }, STAGING_TXN_FLAGS);
    return ids;
  }

  stageRowGroups(tableId: number, groups: readonly ReadonlyMap<number, Uint8Array>[]): number[] {
    this.retryDeletes();
    let ids: number[] = [];
    this.write(() => {
      const counters = this.readCounters(undefined);
      // Assigned inside the body: a retried transaction (disk full) takes fresh ids.
      ids = groups.map((chunks) => {
        const id = counters.rowGroup++;
        for (const [columnId, bytes] of chunks) this.dbs.chunks.putSync(chunkKey(tableId, id, columnId), bytes);
        return id;
      });
      this.dbs.catalog.putSync(CatalogKey.Counters, counters);
    }, STAGING_TXN_FLAGS);
    return ids;
  }

  deleteRowGroups(tableId: number, rowGroupIds: readonly number[]): void {
    this.undeleted.push({ tableId, rowGroupIds });
    this.retryDeletes();
  }

  deleteStagedRowGroups(groups: readonly { readonly tableId: number; readonly rowGroup: RowGroupRef }[]): void {
    this.assertWritable();
    this.dbs.env.transactionSync(() => {
      for (const { tableId, rowGroup } of groups) this.removeGroups(tableId, [rowGroup.id]);
    }, STAGING_TXN_FLAGS);
  }

  commit(build: (current: CatalogSnapshot) => CatalogChange): CatalogSnapshot {
    this.assertWritable();
    this.retryDeletes();
    let next: CatalogSnapshot = EMPTY_SNAPSHOT;
    let freed = false;
    this.write(() => {
      // Inside the write transaction the on-disk state is the authority, and no other thread
      // or process can commit until this one ends.
      const current = this.loadSnapshot(undefined);
      const change = build(current);
      checkExpectedVersions(current, change);
      const counters = this.readCounters(current);
      next = recordToSnapshot({ ...snapshotToRecord(change.next), nextTableId: counters.table, nextOid: counters.oid });
      this.dbs.catalog.putSync(CatalogKey.Snapshot, snapshotToRecord(next));
      this.dbs.catalog.putSync(CatalogKey.Version, next.version);
      freed = change.droppedRowGroups.length > 0;
      for (const { tableId, rowGroup } of change.droppedRowGroups) this.removeGroups(tableId, [rowGroup.id]);
      for (const id of change.droppedSequences ?? []) this.dbs.sequences.removeSync(id);
    });
    if (freed && lowOnSpace(this.dir)) this.advance();
    this.cached = next;
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

  nextTransactionId(): bigint {
    return this.advanceSequence(TRANSACTION_ID_COUNTER, (counter) => ({ lastValue: (counter?.lastValue ?? FIRST_TRANSACTION_ID) + 1n, isCalled: true })).lastValue;
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
    this.write(() => this.dbs.meta.putSync(key, value));
  }

  updateMeta<T>(key: string, update: (current: T | undefined) => T | undefined): T | undefined {
    this.assertWritable();
    let result: T | undefined;
    this.write(() => {
      result = update(this.dbs.meta.get(key) as T | undefined);
      if (result === undefined) this.dbs.meta.removeSync(key);
      else this.dbs.meta.putSync(key, result);
    });
    return result;
  }

  async close(): Promise<void> {
    await this.dbs.env.close();
  }

  /**
   * One LMDB write transaction (`body` may run twice, so it must only read and write the store);
   * an LMDB failure becomes a SqlError (53100 for a full disk). LMDB reuses the pages a
   * transaction freed only once a later one has committed, so the first write after space was
   * freed (DROP, DELETE) can find none: on a full disk one tiny transaction is committed first
   * and the write tried once more. A failed transaction leaves nothing behind (LMDB aborts it).
   */
  private write(body: () => void, flags?: number): void {
    try {
      this.dbs.env.transactionSync(body, flags);
      return;
    } catch (err) {
      if (!isDiskFull(err, this.dir)) throw writeError(err, this.dir, this.file);
    }
    this.advance();
    try {
      this.dbs.env.transactionSync(body, flags);
    } catch (err) {
      throw writeError(err, this.dir, this.file);
    }
  }

  /**
   * Deletes the uncommitted row groups waiting for it. On a full disk even a deletion can fail:
   * it needs a few new pages of its own, and freeing many chunks at once makes the free list's
   * record large. Then the chunks go one per transaction (each needs a page or two, and the pages
   * each frees serve the ones after); if even that fails, the groups stay invisible garbage,
   * retried before this store's next writes and collected at the next start if still there
   * (collect-orphans.ts). The statement's own error is what its client sees, never this one.
   */
  private retryDeletes(): void {
    while (this.undeleted.length > 0) {
      const { tableId, rowGroupIds } = this.undeleted[0]!;
      if (!this.deleteGroups(tableId, rowGroupIds)) return;
      this.undeleted.shift();
    }
  }

  /** See retryDeletes; false when the disk is too full for now. */
  private deleteGroups(tableId: number, rowGroupIds: readonly number[]): boolean {
    // Only this writer knows these groups, so their keys can be listed outside the transaction.
    const keys = rowGroupIds.flatMap((id) => [...this.dbs.chunks.getKeys(rowGroupRange(tableId, id))] as ChunkKey[]);
    if (!this.removeChunks(keys)) return false;
    if (lowOnSpace(this.dir)) this.advance();
    return true;
  }

  /** Deletes chunks in one transaction or, on a full disk, one per transaction; false if even that fails. */
  private removeChunks(keys: readonly ChunkKey[]): boolean {
    try {
      this.write(() => {
        for (const key of keys) this.dbs.chunks.removeSync(key);
      });
      return true;
    } catch (err) {
      if (!isDiskFullError(err)) throw err;
    }
    for (const key of keys) {
      try {
        this.write(() => this.dbs.chunks.removeSync(key), STAGING_TXN_FLAGS);
      } catch (err) {
        if (isDiskFullError(err)) return false;
        throw err;
      }
    }
    return true;
  }

  /**
   * Commits a transaction that changes nothing anyone reads, so pages freed before it can be
   * reused. Called after space was freed (DROP, DELETE, a failed statement's staged groups) on a
   * nearly full disk: the next statement pins the latest snapshot for its reads, and LMDB reuses
   * pages freed by a commit only once no reader pins that commit's snapshot or an older one.
   */
  private advance(): void {
    // lmdb-js keeps this thread's last read snapshot open until its next macrotask: let it go
    // now, unless a pinned view still uses it (lmdb-js then keeps it for that view alone).
    this.dbs.env.resetReadTxn();
    try {
      this.dbs.env.transactionSync(() => {
        const version = this.dbs.catalog.get(CatalogKey.Version);
        if (version !== undefined) this.dbs.catalog.putSync(CatalogKey.Version, version);
      }, STAGING_TXN_FLAGS);
    } catch {
      // Still no room even for that: the retry fails and reports it.
    }
  }

  /**
   * The committed snapshot as `txn` (or the thread's current read) sees it. Decoding the
   * catalog costs in proportion to its size, so the decoded copy is reused while the small
   * version key says it is current.
   */
  private loadSnapshot(txn: Transaction | undefined): CatalogSnapshot {
    const options = txn ? { transaction: txn } : undefined;
    const version = this.dbs.catalog.get(CatalogKey.Version, options) as number | undefined;
    if (version !== undefined && version === this.cached.version) return this.cached;
    const record = this.dbs.catalog.get(CatalogKey.Snapshot, options) as StoredSnapshotRecord | undefined;
    const snapshot = record ? recordToSnapshot(record) : EMPTY_SNAPSHOT;
    // Stores written before the version key existed: cache only what the key can confirm later.
    if (version !== undefined) this.cached = snapshot;
    return snapshot;
  }

  private readCounters(committed: CatalogSnapshot | undefined): Counters {
    const stored = this.dbs.catalog.get(CatalogKey.Counters) as Counters | undefined;
    if (stored) return { ...stored };
    const base = committed ?? this.loadSnapshot(undefined);
    return { rowGroup: 1, table: base.nextTableId, oid: base.nextOid };
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

const isDiskFullError = (err: unknown): boolean => err instanceof SqlError && err.code === SQLSTATE.DiskFull;

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
