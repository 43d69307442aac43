/**
 * The contract for a transaction over the catalog and table data (implemented in this folder
 * over `storage`). Every statement runs inside one: an implicit one per statement outside
 * BEGIN, or the session's explicit one. Reads see the transaction's own uncommitted changes;
 * `commit()` publishes them in one LMDB write transaction; `rollback()` discards staged rows.
 */
import type { SqlType } from '../types/sql-type.js';
import type {
  ColumnBatch, RowGroupRef, RowGroupWriter, ScanOptions, SequenceState, StoredColumn, StoredObject, StoredSequence, StoredTable,
} from '../storage/storage-api.js';

export interface NewColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly notNull: boolean;
  readonly defaultSql?: string;
  /** Inherited from this many parents (pg_attribute.attinhcount); absent = 0. */
  readonly inheritCount?: number;
  /** False when the column exists only by inheritance (attislocal); absent = true. */
  readonly isLocal?: boolean;
}

/**
 * What reading needs: the tables (definitions and row groups) as one moment of a transaction
 * sees them, and their rows. A transaction is a reader of its current state; `snapshot()`
 * freezes one moment (a statement's or a cursor's snapshot).
 */
export interface CatalogReader {
  /**
   * A relation by name as this transaction sees it. Names are stored case-folded (unquoted →
   * lower). A plain name searches the session's temporary relations, then public; `public.t`
   * and `pg_temp.t` pick one (relation-name.ts).
   */
  getTable(name: string): StoredTable | undefined;
  /** The table with this id (plans name tables by id), or undefined once it was dropped. */
  getTableById(id: number): StoredTable | undefined;
  /** Every relation, permanent and temporary (`temporary` set), by OID. */
  listTables(): readonly StoredTable[];
  /**
   * The tables inheriting directly from table `id` (children and partitions), by OID; cheap
   * after the first call on an unchanged transaction state.
   */
  childrenOf(id: number): readonly StoredTable[];
  /** Every user type (and other non-relation object), by id. */
  listObjects(): readonly StoredObject[];

  /**
   * The committed catalog version this transaction reads (its pinned snapshot). A reader
   * elsewhere (a worker thread) sees the same committed rows only at this version.
   */
  readonly baseVersion: number;

  /** True if this transaction created, replaced or dropped the table with id `tableId` (not yet committed). */
  hasOwnChanges(tableId: number): boolean;

  /** Rows of a table (missing chunks → NULL), a row group at a time. */
  scan(table: StoredTable, columnIds: readonly number[], rows?: readonly number[], options?: ScanOptions): Iterable<ColumnBatch>;

  /** A sequence's counter now (never transactional: the latest value any session wrote). */
  sequenceCounter(sequence: StoredTable): SequenceState;
}

/** CREATE [TEMP]: a temporary relation lives in the session's pg_temp name space. */
export interface CreateOptions {
  readonly temporary?: boolean;
}

export interface CatalogTransaction extends CatalogReader {
  /**
   * READ ONLY: the running statement's name (`INSERT`, `DROP TABLE` …). While set, creating or
   * dropping anything, changing a permanent relation or advancing a permanent sequence fails
   * with 25006 naming it; a temporary table's rows stay writable, as in PostgreSQL.
   */
  readOnlyCommand: string | undefined;
  /**
   * SERIALIZABLE: the tables this transaction scans are remembered, and a commit that changes
   * anything fails with 40001 if another commit changed one of them since this transaction's
   * snapshot (optimistic validation: the transaction then serialises at its commit).
   */
  serializable: boolean;
  /**
   * READ COMMITTED, before a statement: moves the transaction onto the latest committed
   * snapshot, its own changes (and its savepoints') rebased onto it (rebase-overlay.ts). It
   * keeps its snapshot when a change conflicts with what was committed since (its COMMIT then
   * fails as before). `readersOpen`: readers from `snapshot()` taken before (open portals,
   * cursors) keep reading their snapshot, which stays pinned; else they must be finished.
   * Nothing runs a statement meanwhile: an executor holding a table across it could write
   * back stale row groups.
   */
  refreshSnapshot(readersOpen?: boolean): void;
  /**
   * SELECT … FOR UPDATE / SHARE: claims the committed row groups of table `tableId` this
   * transaction sees, so that its COMMIT fails with 40001 if another transaction rewrote one of
   * them first (row-group-locks.ts). Temporary tables are the session's own: nothing to claim.
   */
  claimRowGroups(tableId: number): void;

  /**
   * The transaction as it is now, unaffected by its later changes: what a statement or an open
   * cursor reads (PostgreSQL's snapshot at portal start). Valid until the transaction ends;
   * row groups it references are never freed before then.
   */
  snapshot(): CatalogReader;
  /** This transaction's id (txid_current), assigned from the store's counter on first use. */
  transactionId(): bigint;
  /** This transaction's id if `transactionId()` assigned it already, else undefined. */
  assignedTransactionId(): bigint | undefined;

  /**
   * Creates an empty table; throws 42P07 if the name is taken in its name space. `name` may be
   * qualified (`public.t`, `pg_temp.t`: the latter is temporary like `options.temporary`).
   */
  createTable(name: string, columns: readonly NewColumn[], options?: CreateOptions): StoredTable;

  /**
   * Replaces a table's definition and/or row groups (ALTER, INSERT appends, UPDATE/DELETE
   * rewrites). `dropped` are row groups no longer referenced; they are freed at commit.
   */
  replaceTable(next: StoredTable, dropped: readonly RowGroupRef[]): void;

  /** Creates a sequence relation (no counter yet: its first nextval returns its start); 42P07 if the name is taken. */
  createSequence(name: string, sequence: StoredSequence, options?: CreateOptions): StoredTable;

  /**
   * Advances a sequence's counter at once, outside this transaction (nextval, setval, ALTER …
   * RESTART are never rolled back); `advance` gets the current counter. Returns the new one.
   */
  advanceSequence(sequence: StoredTable, advance: (counter: SequenceState) => SequenceState): SequenceState;

  /** Drops a table (by id); its row groups are freed at commit. */
  dropTable(table: StoredTable): void;

  /** Creates or replaces a user type or other non-relation object (by id). */
  putObject(object: StoredObject): void;
  /** Drops a non-relation object (by id). */
  dropObject(object: StoredObject): void;

  /** A fresh OID for an index or constraint (never reused, like PostgreSQL's OID counter). */
  allocateOid(): number;

  /** A writer staging row groups for `columns` of `table`; discarded automatically on rollback. */
  writer(table: StoredTable, columns: readonly StoredColumn[]): RowGroupWriter;

  /** Savepoints for SAVEPOINT / ROLLBACK TO and for per-statement atomicity inside BEGIN. */
  savepoint(): TransactionSavepoint;
  /** Back to `savepoint` (which stays; later ones are gone); 3B001 for one released or not this transaction's. */
  rollbackTo(savepoint: TransactionSavepoint): void;
  /** The savepoint will not be rolled back to: it stops being rebased with the transaction (idempotent). */
  releaseSavepoint(savepoint: TransactionSavepoint): void;

  commit(): void;
  rollback(): void;
}

/** Opaque marker of a point in a transaction. */
export interface TransactionSavepoint {
  readonly __savepoint: true;
}
