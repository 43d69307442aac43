/**
 * The contract between the storage layer and the layers above it (catalog, execution, engine).
 * Storage knows tables as ids, columns as ids with SqlTypes, and row groups of column chunks;
 * it knows nothing about SQL plans. The descriptors it persists are types/stored-table.ts.
 *
 * Atomicity model: writers *stage* row groups outside any table (many small LMDB transactions,
 * so a 100 MB COPY stays in bounded memory), then one `commit()` — one LMDB write transaction —
 * swaps in a new catalog snapshot that references them. A statement that fails calls
 * `discard()` on its staged row groups; anything staged but never committed (a crash mid-COPY)
 * is garbage-collected on open. So a reader sees each statement entirely or not at all.
 */
import type { CatalogSnapshot, RowGroupRef, SequenceState, StoredColumn, StoredTable } from '../types/stored-table.js';
import type { TextSlices } from '../types/text-slices.js';
import type { Value } from '../types/value.js';
import type { ColumnVector } from './column-vector.js';

/** The catalog's objects as stored (tables, columns, user types, snapshots) are types/'s. */
export type * from '../types/stored-table.js';
export type { ColumnVector } from './column-vector.js';

/** Rows of a scan, column-major: `columns[i]` holds `rowCount` values for the i-th requested column. */
export interface ColumnBatch {
  readonly rowCount: number;
  readonly columns: readonly (readonly Value[])[];
  /**
   * Only from a scan with `textSlices`: where `textSlices[i]` is set, column i's values are
   * those UTF-8 byte ranges and `columns[i]` is empty (types/text-slices.ts reads them).
   */
  readonly textSlices?: readonly (TextSlices | undefined)[];
}

/** How a scan hands its values over. */
export interface ScanOptions {
  /**
   * Text-like columns (UTF-8 chunks of every requested row) as byte ranges, not strings: for a
   * consumer that writes them out as they are (a streamed result's DataRows).
   */
  readonly textSlices?: boolean;
}

/** Stages new row groups for one table layout; nothing is visible until `Store.commit`. */
export interface RowGroupWriter {
  /** Append one row (values in the order of the `columns` given to `Store.writer`). */
  append(row: readonly Value[]): void;
  /**
   * Append a whole row group given as column vectors (in the `columns` order; a bulk loader's,
   * at most ROW_GROUP_ROWS rows): rows appended one by one before it are sealed as a group first.
   */
  appendGroup(vectors: readonly ColumnVector[], rowCount: number): void;
  /** Seal and stage the current partial row group; returns every group staged so far. */
  finish(): readonly RowGroupRef[];
  /** Row groups staged so far (full groups flushed by append, and any sealed by finish). */
  staged(): readonly RowGroupRef[];
  /** Drop everything this writer staged. Safe to call after finish() if the commit failed. */
  discard(): void;
}

export interface Store {
  /** The last committed snapshot (cheap while unchanged: the decoded copy is cached per version). */
  snapshot(): CatalogSnapshot;

  /**
   * Read the given column ids of a table, a row group at a time (missing chunks → NULLs); with
   * `rows`, only those row positions of each group, in that order.
   */
  scan(table: StoredTable, columnIds: readonly number[], rows?: readonly number[], options?: ScanOptions): Iterable<ColumnBatch>;

  /** A writer staging row groups for `columns` of `tableId`. */
  writer(tableId: number, columns: readonly StoredColumn[]): RowGroupWriter;

  /**
   * Atomically replace the catalog (one LMDB write transaction): `build` is called inside the
   * transaction with the latest committed snapshot and returns the change — `next` built on it,
   * and the chunks of `droppedRowGroups` to free (row groups no longer referenced: replaced by
   * UPDATE/DELETE, or belonging to dropped tables). No other commit can land between the read
   * and the write. Throws SqlError 40001 if `expectedVersions` names a table whose version
   * changed, or if `next.version` is not the current version + 1; whatever `build` throws
   * aborts the commit.
   */
  commit(build: (current: CatalogSnapshot) => CatalogChange): CatalogSnapshot;

  /**
   * Pins the current committed state (an LMDB read transaction) for one SQL transaction:
   * its scans keep seeing the row groups of `snapshot` even after a concurrent commit frees
   * them. Release it when the SQL transaction ends (a pinned reader holds old pages alive).
   */
  beginRead(): StoreReadView;

  /**
   * A fresh table id and OID (OIDs start at 16384, PostgreSQL's first user OID). Never
   * reused, even if the creating transaction rolls back — like PostgreSQL's OID counter.
   */
  allocateTableId(): { readonly id: number; readonly oid: number };

  /**
   * Deletes staged row groups that no committed snapshot references and nothing will commit (a
   * session's temporary tables, whose rows are never published), in one write transaction.
   */
  deleteStagedRowGroups(groups: readonly { readonly tableId: number; readonly rowGroup: RowGroupRef }[]): void;

  /** Raw bytes of one committed-or-staged chunk (for vector scans via `readVectorMatrix`). */
  rawChunk(tableId: number, rowGroupId: number, columnId: number): Uint8Array | undefined;

  /**
   * Reads sequence `id`'s counter and writes `advance(counter)` in one LMDB write transaction.
   * LMDB runs one write transaction at a time across every thread and process that opens the
   * store, and the counter is read from the database inside it (never from a cache), so two
   * sessions — in any thread — never get the same value. Not part of any SQL transaction
   * (nextval/setval are never rolled back). `undefined` means never advanced; if `advance`
   * throws, nothing is written. The commit skips fsync: any later durable commit (of rows
   * holding the values) makes it durable first, so a crash can only re-issue values that no
   * committed row holds — PostgreSQL's own guarantee for values of unfinished transactions.
   */
  advanceSequence(id: number, advance: (counter: SequenceState | undefined) => SequenceState): SequenceState;

  /**
   * A new transaction id, server-wide and never handed out twice (also across restarts): the
   * counter is a sequence record under id 0, which no table has (table ids start at 1).
   */
  nextTransactionId(): bigint;

  /** Sequence `id`'s counter as last written, or undefined if it was never advanced. */
  readSequence(id: number): SequenceState | undefined;

  /** Key-value side tables for other subsystems (model registry, settings), committed at once. */
  getMeta(key: string): unknown;
  putMeta(key: string, value: unknown): void;
  /**
   * Read-modify-write of one meta key in one LMDB write transaction (so concurrent updaters in
   * other threads never lose each other's changes); `update` returning undefined deletes the key.
   */
  updateMeta<T>(key: string, update: (current: T | undefined) => T | undefined): T | undefined;

  close(): Promise<void>;
}

/** A pinned, consistent read of the store (see `Store.beginRead`). */
export interface StoreReadView {
  readonly snapshot: CatalogSnapshot;
  /** Like `Store.scan`, but committed chunks come from the pinned state. */
  scan(table: StoredTable, columnIds: readonly number[], rows?: readonly number[], options?: ScanOptions): Iterable<ColumnBatch>;
  rawChunk(tableId: number, rowGroupId: number, columnId: number): Uint8Array | undefined;
  /** Ends the pin; idempotent. */
  release(): void;
}

export interface CatalogChange {
  readonly next: CatalogSnapshot;
  /** Table id → the table version the change was computed from (first-committer-wins). */
  readonly expectedVersions: ReadonlyMap<number, number>;
  readonly droppedRowGroups: readonly { readonly tableId: number; readonly rowGroup: RowGroupRef }[];
  /** Ids of sequences the change drops: their counters are deleted in the same commit. */
  readonly droppedSequences?: readonly number[];
}
