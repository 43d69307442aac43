/**
 * The contract between the storage layer and the layers above it (catalog, execution, engine).
 * Storage knows tables as ids, columns as ids with SqlTypes, and row groups of column chunks;
 * it knows nothing about SQL plans.
 *
 * Atomicity model: writers *stage* row groups outside any table (many small LMDB transactions,
 * so a 100 MB COPY stays in bounded memory), then one `commit()` — one LMDB write transaction —
 * swaps in a new catalog snapshot that references them. A statement that fails calls
 * `discard()` on its staged row groups; anything staged but never committed (a crash mid-COPY)
 * is garbage-collected on open. So a reader sees each statement entirely or not at all.
 */
import type { SqlType } from '../types/sql-type.js';
import type { Value } from '../types/value.js';

/** A column as stored: `id` is stable across renames and never reused within a table. */
export interface StoredColumn {
  readonly id: number;
  readonly name: string;
  readonly type: SqlType;
  readonly notNull: boolean;
  /** Default expression as SQL text (re-parsed when used), if any. */
  readonly defaultSql?: string;
  /** COMMENT ON COLUMN text, if any (absent in snapshots written before comments existed). */
  readonly comment?: string;
  /**
   * An identity column (pg_attribute.attidentity): 'a' GENERATED ALWAYS, 'd' BY DEFAULT. Its
   * values come from the sequence owned by this column (no `defaultSql`, as in PostgreSQL).
   */
  readonly identity?: 'a' | 'd';
  /** pg_attribute.attinhcount: how many parents pass this column down (absent = 0). */
  readonly inheritCount?: number;
  /** pg_attribute.attislocal: false when the column exists only by inheritance (absent = true). */
  readonly isLocal?: boolean;
  /** ALTER COLUMN SET STATISTICS target (pg_attribute.attstattarget); absent = -1, the default. */
  readonly statistics?: number;
  /** ALTER COLUMN SET STORAGE (pg_attribute.attstorage: p, e, m, x); absent = the type's own. */
  readonly storage?: string;
}

/**
 * An index as the catalog records it (CREATE INDEX, or the one a PRIMARY KEY / UNIQUE
 * constraint creates). Storage builds no index structure: it is metadata only.
 */
export interface StoredIndex {
  /** pg_class OID of the index relation. */
  readonly oid: number;
  readonly name: string;
  /** Key column ids of the owning table, in key order. */
  readonly columnIds: readonly number[];
  readonly unique: boolean;
  readonly primary: boolean;
  /** COMMENT ON INDEX text, if any. */
  readonly comment?: string;
  /**
   * A vector index (CREATE INDEX … USING hnsw): its options. Its data is derived, kept in files
   * beside the store by the vector workers (ml/vector/), never read as the truth: see ml/README.md.
   */
  readonly vector?: StoredVectorIndex;
}

/** A vector index's definition (pgvector's HNSW options; `quantization` of the vectors it holds). */
export interface StoredVectorIndex {
  readonly method: 'hnsw';
  readonly opclass: 'vector_cosine_ops' | 'vector_ip_ops';
  readonly m: number;
  readonly efConstruction: number;
  readonly quantization: 'f32' | 'f16' | 'i8';
}

/** A PRIMARY KEY ('p'), UNIQUE ('u') or FOREIGN KEY ('f') constraint of a table. */
export interface StoredConstraint {
  /** pg_constraint OID. */
  readonly oid: number;
  readonly name: string;
  readonly type: 'p' | 'u' | 'f' | 'c';
  /** COMMENT ON CONSTRAINT text, if any. */
  readonly comment?: string;
  /** Key columns; for 'c' the columns the expression reads. */
  readonly columnIds: readonly number[];
  /** 'p'/'u': OID of the StoredIndex that backs the constraint. */
  readonly indexOid?: number;
  /** 'f': the referenced table (by id) and its columns. */
  readonly references?: StoredForeignKeyTarget;
  /** 'c': the CHECK expression as SQL text, parenthesized as pg_get_expr shows it (`(a > 0)`); re-bound at each use. */
  readonly checkSql?: string;
  /** 'c'/'f' added NOT VALID and not validated since (pg_constraint.convalidated false): new rows are checked, old ones were not. */
  readonly notValid?: boolean;
  /** 'c': NO INHERIT (pg_constraint.connoinherit): children do not get it. */
  readonly noInherit?: boolean;
  /** pg_constraint.coninhcount: how many parents pass this constraint down (absent = 0). */
  readonly inheritCount?: number;
  /** pg_constraint.conislocal: false when it exists only by inheritance (absent = true). */
  readonly isLocal?: boolean;
}

/**
 * PARTITION BY: how a partitioned table (relkind 'p') divides its rows among its partitions.
 * It stores no rows itself.
 */
export interface StoredPartitionKey {
  readonly strategy: 'range' | 'list' | 'hash';
  readonly parts: readonly StoredPartitionKeyPart[];
}

/** One key column or expression (pg_partitioned_table.partattrs / partexprs). */
export interface StoredPartitionKeyPart {
  /** The key column's id; absent for an expression. */
  readonly columnId?: number;
  /** An expression key as SQL text, as pg_get_partkeydef shows it (re-bound over the row at each use). */
  readonly exprSql?: string;
  /** The key's type: the column's, or the expression's. */
  readonly type: SqlType;
  /** COLLATE written in PARTITION BY, if any. */
  readonly collation?: string;
  /** An operator class written in PARTITION BY, if any. */
  readonly opclass?: string;
}

/**
 * FOR VALUES …: a partition's bound in its parent. Values are kept as their text form in the
 * key's type (time zone UTC), NULL as null, and parsed again when rows are routed.
 */
export type StoredPartitionBound =
  | { readonly kind: 'default' }
  | { readonly kind: 'list'; readonly values: readonly (string | null)[] }
  | { readonly kind: 'range'; readonly from: readonly StoredRangeDatum[]; readonly to: readonly StoredRangeDatum[] }
  | { readonly kind: 'hash'; readonly modulus: number; readonly remainder: number };

/** One column of a range bound: a value's text, or MINVALUE / MAXVALUE. */
export type StoredRangeDatum = { readonly value: string } | 'minvalue' | 'maxvalue';

/** What a FOREIGN KEY points at, and its actions as pg_constraint letters (a, r, c, n, d). */
export interface StoredForeignKeyTarget {
  readonly tableId: number;
  readonly columnIds: readonly number[];
  readonly onUpdate: string;
  readonly onDelete: string;
  /** MATCH FULL (confmatchtype 'f'): NULL in some but not all key columns violates; absent = MATCH SIMPLE. */
  readonly matchFull?: boolean;
}

/** A view: its query as SQL text (bound anew at each use) and the relations it reads. */
export interface StoredView {
  readonly sql: string;
  /** Ids of the tables and views its query references (DROP … RESTRICT checks them). */
  readonly dependsOn: readonly number[];
}

/**
 * A sequence's definition (CREATE/ALTER SEQUENCE). Integers are decimal strings (int8 range:
 * exact, and plain data for every serializer). Its counter is not part of the definition:
 * `Store.advanceSequence` keeps it outside transactions, as PostgreSQL does.
 */
export interface StoredSequence {
  readonly type: 'int2' | 'int4' | 'int8';
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly start: string;
  readonly cache: string;
  readonly cycle: boolean;
  /** OWNED BY: the column whose table or column DROP drops the sequence (serial, identity). */
  readonly ownedBy?: { readonly tableId: number; readonly columnId: number };
}

/** A sequence's counter as PostgreSQL keeps it: the last value (or the one to start from) and whether it was handed out. */
export interface SequenceState {
  readonly lastValue: bigint;
  readonly isCalled: boolean;
}

/** A committed row group: `rowCount` rows, one chunk per column id it was written with. */
export interface RowGroupRef {
  readonly id: number;
  readonly rowCount: number;
  /** Column ids that have a chunk; a column added later reads as NULL in older groups. */
  readonly columnIds: readonly number[];
}

export interface StoredTable {
  readonly id: number;
  /** pg_class OID clients see; stable for the table's life. */
  readonly oid: number;
  readonly name: string;
  readonly columns: readonly StoredColumn[];
  readonly rowGroups: readonly RowGroupRef[];
  readonly nextColumnId: number;
  /** Bumped on every committed change to this table (conflict detection). */
  readonly version: number;
  /**
   * Optional so snapshots written before these existed still read: absent = none.
   * A relation with `view` is a view (no row groups; `columns` are its output columns).
   */
  readonly indexes?: readonly StoredIndex[];
  readonly constraints?: readonly StoredConstraint[];
  readonly comment?: string;
  /** CREATE UNLOGGED TABLE / SET UNLOGGED (pg_class.relpersistence 'u'); writes are durable all the same. */
  readonly unlogged?: boolean;
  /** Storage parameters (pg_class.reloptions) as `name=value` text, in order. */
  readonly options?: readonly string[];
  readonly view?: StoredView;
  /** A sequence (relkind 'S'): its definition; `columns` are last_value, log_cnt, is_called; no row groups. */
  readonly sequence?: StoredSequence;
  /** A session's temporary relation (schema pg_temp): never in a committed snapshot. */
  readonly temporary?: boolean;
  /**
   * Table inheritance (INHERITS, PARTITION OF, ALTER TABLE … INHERIT / ATTACH PARTITION): the
   * parents' ids in pg_inherits.inhseqno order. A partition has one parent, its partitioned table.
   */
  readonly inherits?: readonly number[];
  /** PARTITION BY: a partitioned table (relkind 'p'). */
  readonly partitionKey?: StoredPartitionKey;
  /** A partition (relispartition): its bound in its parent, `inherits[0]`. */
  readonly partitionBound?: StoredPartitionBound;
}

/**
 * A user-defined type: CREATE TYPE … AS (…) (composite), CREATE TYPE … AS ENUM, CREATE DOMAIN.
 * `type` is the SqlType values of it have, fully resolved (fields, labels, constraints); the
 * catalog rewrites it, and the column types that embed it, when the type is altered.
 */
export interface StoredUserType {
  readonly kind: 'type';
  /** The object id: its pg_type OID. */
  readonly id: number;
  readonly name: string;
  /** Bumped on every committed change (first committer wins, as for tables). */
  readonly version: number;
  readonly type: SqlType;
  readonly comment?: string;
}

/**
 * A schema made by CREATE SCHEMA (public, pg_catalog … are built in). Its relations are stored
 * under `schema.name` in the one table name space (catalog/schemas.ts).
 */
export interface StoredSchema {
  readonly kind: 'schema';
  /** The object id: its pg_namespace OID. */
  readonly id: number;
  readonly name: string;
  readonly version: number;
}

/** A catalog object that is not a relation (kept apart from `tables`, by id). */
export type StoredObject = StoredUserType | StoredSchema;

/** An immutable view of every table at one commit. Names are unique (one schema: public). */
export interface CatalogSnapshot {
  readonly version: number;
  readonly tables: ReadonlyMap<string, StoredTable>;
  /** User types (and other non-relation objects) by id; absent in snapshots written before them. */
  readonly objects?: ReadonlyMap<number, StoredObject>;
  /** Next free table id / OID (allocated by the catalog layer when it creates tables). */
  readonly nextTableId: number;
  readonly nextOid: number;
}

/** Rows of a scan, column-major: `columns[i]` holds `rowCount` values for the i-th requested column. */
export interface ColumnBatch {
  readonly rowCount: number;
  readonly columns: readonly (readonly Value[])[];
}

/** Stages new row groups for one table layout; nothing is visible until `Store.commit`. */
export interface RowGroupWriter {
  /** Append one row (values in the order of the `columns` given to `Store.writer`). */
  append(row: readonly Value[]): void;
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
  scan(table: StoredTable, columnIds: readonly number[], rows?: readonly number[]): Iterable<ColumnBatch>;

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
  scan(table: StoredTable, columnIds: readonly number[], rows?: readonly number[]): Iterable<ColumnBatch>;
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
