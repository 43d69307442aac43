/**
 * CatalogTransaction over a Store. Holds a pinned read of the store (its base snapshot), an
 * immutable overlay of its own changes, and the writers it handed out. Commit rebases the
 * overlay onto the latest snapshot in one `store.commit`; rollback discards every writer.
 * Isolation is snapshot-like: reads see the base plus own changes; a conflicting commit on
 * the same table by another session makes this commit fail with 40001 (first committer wins).
 * READ COMMITTED moves the base forward per statement (`refreshSnapshot`), rebasing the overlay
 * and every live savepoint's onto the newest commit (rebase-overlay.ts).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Value } from '../types/value.js';
import type {
  CatalogSnapshot, ColumnBatch, RowGroupRef, RowGroupWriter, ScanOptions, SequenceState, Store, StoreReadView, StoredColumn, StoredObject, StoredSequence,
  StoredTable,
} from '../storage/storage-api.js';
import type { CatalogReader, CatalogTransaction, CreateOptions, NewColumn, TransactionSavepoint } from './catalog-transaction.js';
import { createStoredTable } from './create-stored-table.js';
import type { GroupReader } from './merge-concurrent-writes.js';
import { rebaseOverlay } from './rebase-overlay.js';
import { assertClaimsHeld, claimGroups, type RowGroupClaims } from './row-group-locks.js';
import { rebaseCatalogChange } from './rebase-catalog-change.js';
import { initialCounter } from './sequence-counter.js';
import { SEQUENCE_COLUMNS } from './sequence-definition.js';
import { parseRelationName } from './relation-name.js';
import { assertCreatableName, baseName, userSchemaOf } from './schemas.js';
import type { TemporaryRelations } from './temporary-relations.js';
import {
  allTables, baseOverlay, childrenOf, findById, lookupTable, putObject, putTable, removeObject, removeTable, type TransactionOverlay,
} from './transaction-overlay.js';

interface TrackedWriter {
  readonly tableId: number;
  readonly writer: RowGroupWriter;
}

interface Savepoint extends TransactionSavepoint {
  readonly owner: StoreCatalogTransaction;
  /** The overlay to restore; rebased with the transaction's (READ COMMITTED), so it reads the current base. */
  overlay: TransactionOverlay;
  readonly writerCount: number;
}

/**
 * Store snapshots a READ COMMITTED transaction moved away from that open portals or cursors may
 * still read: each pins an LMDB reader slot (126 per environment) and the pages it sees, so a
 * transaction keeps at most this many; past it, it stays on its snapshot until they close.
 */
const MAX_RETIRED_VIEWS = 4;

/**
 * Starts a transaction over `store`, reading the latest committed catalog and the session's
 * temporary relations (`temporary`; none when absent).
 * @example const txn = beginTransaction(store); txn.createTable('t', cols); txn.commit();
 */
export function beginTransaction(store: Store, temporary?: TemporaryRelations): CatalogTransaction {
  return new StoreCatalogTransaction(store, store.beginRead(), temporary);
}

/** A sequence relation's one row (last_value, log_cnt, is_called), as `SELECT * FROM seq` shows it. */
function sequenceRow(table: StoredTable, counter: SequenceState, columnIds: readonly number[]): ColumnBatch {
  const values: Record<string, Value> = { last_value: counter.lastValue, log_cnt: 0n, is_called: counter.isCalled };
  return { rowCount: 1, columns: columnIds.map((id) => [values[table.columns.find((c) => c.id === id)!.name] ?? null]) };
}

/** A transaction's own changes: permanent tables it touched, and every temporary one (never committed, so workers cannot read it). */
function ownChanges(overlay: TransactionOverlay, tableId: number): boolean {
  return overlay.touched.has(tableId) || findById(overlay, tableId)?.temporary === true;
}

function readOnlyTransaction(command: string): SqlError {
  return new SqlError(SQLSTATE.ReadOnlySqlTransaction, `cannot execute ${command} in a read-only transaction`);
}

/** SERIALIZABLE's commit check: no table this transaction read was changed by a commit since its snapshot. */
function assertReadsCurrent(latest: CatalogSnapshot, base: CatalogSnapshot, read: ReadonlySet<number>): void {
  if (read.size === 0) return;
  const version = (snapshot: CatalogSnapshot) => new Map([...snapshot.tables.values()].map((t) => [t.id, t.version]));
  const before = version(base);
  const now = version(latest);
  for (const id of read) {
    if (before.get(id) !== now.get(id)) {
      throw new SqlError(SQLSTATE.SerializationFailure, 'could not serialize access due to read/write dependencies among transactions', {
        detail: 'A table this transaction read was changed by a concurrent transaction that committed first.',
        hint: 'The transaction might succeed if retried.',
      });
    }
  }
}

function sequenceOf(table: StoredTable): StoredSequence {
  if (!table.sequence) throw new SqlError(SQLSTATE.WrongObjectType, `"${table.name}" is not a sequence`);
  return table.sequence;
}

class StoreCatalogTransaction implements CatalogTransaction {
  private overlay: TransactionOverlay;
  private writers: TrackedWriter[] = [];
  /** Savepoints not yet released or rolled past, oldest first (each is rebased with the overlay). */
  private savepoints: Savepoint[] = [];
  /** Earlier pinned reads that snapshots taken before the last rebase still scan. */
  private retired: StoreReadView[] = [];
  private open = true;
  readOnlyCommand: string | undefined;
  serializable = false;
  /** Assigned on first use (txid_current), as PostgreSQL assigns an xid lazily. */
  private xid: bigint | undefined;
  /** Permanent tables scanned, when serializable (their versions are checked at commit). */
  private readonly readTables = new Set<number>();
  /** Row groups SELECT … FOR UPDATE / SHARE claimed (row-group-locks.ts). */
  private readonly claims: RowGroupClaims = new Map();

  constructor(private readonly store: Store, private view: StoreReadView, private readonly temporary?: TemporaryRelations) {
    this.overlay = baseOverlay(view.snapshot, temporary?.tables);
  }

  refreshSnapshot(readersOpen = false): void {
    this.assertOpen();
    if (!readersOpen) this.releaseRetired();
    else if (this.retired.length >= MAX_RETIRED_VIEWS) return;
    const latest = this.store.beginRead();
    if (latest.snapshot.version === this.view.snapshot.version) return latest.release();
    let moved: Map<TransactionOverlay, TransactionOverlay> | undefined;
    try {
      moved = this.rebaseOnto(latest);
    } finally {
      if (!moved) latest.release();
    }
    if (!moved) return;
    this.overlay = moved.get(this.overlay)!;
    for (const sp of this.savepoints) sp.overlay = moved.get(sp.overlay)!;
    if (readersOpen) this.retired.push(this.view);
    else this.view.release();
    this.view = latest;
  }

  /**
   * The overlay and every live savepoint's, each rebased onto `latest` (by the overlay it
   * replaces: savepoints often share one); undefined if any conflicts with what was committed.
   */
  private rebaseOnto(latest: StoreReadView): Map<TransactionOverlay, TransactionOverlay> | undefined {
    const read: GroupReader = (table, groups, columnIds) => latest.scan({ ...table, rowGroups: groups }, columnIds);
    const moved = new Map<TransactionOverlay, TransactionOverlay>();
    for (const overlay of [this.overlay, ...this.savepoints.map((sp) => sp.overlay)]) {
      if (moved.has(overlay)) continue;
      const rebased = rebaseOverlay(overlay, this.view.snapshot, latest.snapshot, read);
      if (!rebased) return undefined;
      moved.set(overlay, rebased);
    }
    return moved;
  }

  private releaseRetired(): void {
    for (const view of this.retired) view.release();
    this.retired = [];
  }

  claimRowGroups(tableId: number): void {
    this.assertOpen();
    claimGroups(this.claims, this.view.snapshot, this.getTableById(tableId));
  }

  /** 25006 for a write while READ ONLY; `table`: the relation whose rows change (a temporary one's stay writable). */
  private assertWritable(table?: StoredTable): void {
    if (this.readOnlyCommand !== undefined && table?.temporary !== true) throw readOnlyTransaction(this.readOnlyCommand);
  }

  transactionId(): bigint {
    this.assertOpen();
    return (this.xid ??= this.store.nextTransactionId());
  }

  assignedTransactionId(): bigint | undefined {
    return this.xid;
  }

  get baseVersion(): number {
    return this.view.snapshot.version;
  }

  hasOwnChanges(tableId: number): boolean {
    return ownChanges(this.overlay, tableId);
  }

  getTable(name: string): StoredTable | undefined {
    return lookupTable(this.overlay, name);
  }

  getTableById(id: number): StoredTable | undefined {
    return findById(this.overlay, id);
  }

  listTables(): readonly StoredTable[] {
    return allTables(this.overlay);
  }

  childrenOf(id: number): readonly StoredTable[] {
    return childrenOf(this.overlay, id);
  }

  listObjects(): readonly StoredObject[] {
    return [...this.overlay.objects.values()];
  }

  putObject(object: StoredObject): void {
    this.assertOpen();
    this.assertWritable();
    this.overlay = putObject(this.overlay, object);
  }

  dropObject(object: StoredObject): void {
    this.assertOpen();
    this.assertWritable();
    this.overlay = removeObject(this.overlay, object.id);
  }

  snapshot(): CatalogReader {
    const overlay = this.overlay;
    // Its rows come from the store snapshot it was taken over, even after a rebase moves on.
    const view = this.view;
    return {
      baseVersion: this.baseVersion,
      getTable: (name) => lookupTable(overlay, name),
      getTableById: (id) => findById(overlay, id),
      listTables: () => allTables(overlay),
      childrenOf: (id) => childrenOf(overlay, id),
      listObjects: () => [...overlay.objects.values()],
      hasOwnChanges: (tableId) => ownChanges(overlay, tableId),
      scan: (table, columnIds, rows, options) => this.scanIn(view, table, columnIds, rows, options),
      sequenceCounter: (sequence) => this.sequenceCounter(sequence),
    };
  }

  sequenceCounter(sequence: StoredTable): SequenceState {
    return this.store.readSequence(sequence.id) ?? initialCounter(sequenceOf(sequence));
  }

  createSequence(name: string, sequence: StoredSequence, options: CreateOptions = {}): StoredTable {
    const created = this.createTable(name, SEQUENCE_COLUMNS, options);
    const table: StoredTable = { ...created, sequence };
    this.overlay = putTable(this.overlay, table);
    return table;
  }

  advanceSequence(sequence: StoredTable, advance: (counter: SequenceState) => SequenceState): SequenceState {
    const definition = sequenceOf(sequence);
    if (this.readOnlyCommand !== undefined && sequence.temporary !== true) throw readOnlyTransaction('nextval()');
    return this.store.advanceSequence(sequence.id, (counter) => advance(counter ?? initialCounter(definition)));
  }

  scan(table: StoredTable, columnIds: readonly number[], rows?: readonly number[], options?: ScanOptions): Iterable<ColumnBatch> {
    return this.scanIn(this.view, table, columnIds, rows, options);
  }

  private scanIn(
    view: StoreReadView, table: StoredTable, columnIds: readonly number[], rows?: readonly number[], options?: ScanOptions,
  ): Iterable<ColumnBatch> {
    this.assertOpen();
    if (this.serializable && table.temporary !== true) this.readTables.add(table.id);
    if (table.sequence) return [sequenceRow(table, this.sequenceCounter(table), columnIds)];
    return view.scan(table, columnIds, rows, options);
  }

  createTable(qualified: string, columns: readonly NewColumn[], options: CreateOptions = {}): StoredTable {
    this.assertOpen();
    this.assertWritable();
    const { namespace, name } = parseRelationName(qualified);
    if (namespace === undefined) assertCreatableName(this.listObjects(), qualified);
    const inUserSchema = userSchemaOf(this.listObjects(), name) !== undefined;
    if (inUserSchema && options.temporary === true) {
      throw new SqlError(SQLSTATE.InvalidTableDefinition, 'cannot create temporary relation in non-temporary schema');
    }
    // CREATE TABLE pg_temp.t makes a temporary table, as in PostgreSQL; public.t a permanent one.
    const temporary = namespace === 'pg_temp' || (namespace === undefined && options.temporary === true);
    if ((temporary ? this.overlay.temp : this.overlay.tables).has(name)) {
      throw new SqlError(SQLSTATE.DuplicateTable, `relation "${baseName(this.listObjects(), name)}" already exists`);
    }
    if (temporary && !this.temporary) throw new SqlError(SQLSTATE.FeatureNotSupported, 'temporary relations need a session');
    const { id, oid } = this.store.allocateTableId();
    const table = createStoredTable(id, oid, name, columns);
    this.overlay = putTable(this.overlay, temporary ? { ...table, temporary: true } : table);
    return findById(this.overlay, id)!;
  }

  /** `dropped` is advisory: freed groups are computed at commit as "no longer referenced". */
  replaceTable(next: StoredTable, _dropped: readonly RowGroupRef[]): void {
    this.assertOpen();
    const current = findById(this.overlay, next.id);
    if (!current) throw new SqlError(SQLSTATE.UndefinedTable, `relation with id ${next.id} does not exist`);
    this.assertWritable(current);
    this.overlay = putTable(this.overlay, next);
  }

  dropTable(table: StoredTable): void {
    this.assertOpen();
    this.assertWritable();
    this.overlay = removeTable(this.overlay, table);
  }

  allocateOid(): number {
    this.assertOpen();
    return this.store.allocateTableId().oid;
  }

  writer(table: StoredTable, columns: readonly StoredColumn[]): RowGroupWriter {
    this.assertOpen();
    this.assertWritable(table);
    const writer = this.store.writer(table.id, columns);
    this.writers.push({ tableId: table.id, writer });
    return writer;
  }

  savepoint(): TransactionSavepoint {
    this.assertOpen();
    const sp: Savepoint = { __savepoint: true, owner: this, overlay: this.overlay, writerCount: this.writers.length };
    this.savepoints.push(sp);
    return sp;
  }

  releaseSavepoint(savepoint: TransactionSavepoint): void {
    const at = this.savepoints.indexOf(savepoint as Savepoint);
    if (at >= 0) this.savepoints.splice(at, 1);
  }

  rollbackTo(savepoint: TransactionSavepoint): void {
    this.assertOpen();
    const sp = savepoint as Savepoint;
    const at = this.savepoints.indexOf(sp);
    // A released savepoint was not rebased with the overlay: restoring it could lose rows.
    if (sp.owner !== this || at < 0 || sp.writerCount > this.writers.length) {
      throw new SqlError(SQLSTATE.InvalidSavepointSpecification, 'savepoint does not belong to this transaction');
    }
    // Savepoints set after it are gone (PostgreSQL destroys them); it stays for another ROLLBACK TO.
    this.savepoints.length = at + 1;
    for (const w of this.writers.splice(sp.writerCount)) w.writer.discard();
    // Groups staged after the savepoint by older writers are freed at commit (unreferenced).
    this.overlay = sp.overlay;
  }

  commit(): void {
    this.assertOpen();
    try {
      // Writers of temporary tables stage rows that the session's temporary relations keep.
      const temporaryIds = new Set([...(this.temporary?.tables.values() ?? []), ...this.overlay.temp.values()].map((t) => t.id));
      const staged = this.writers.map((w) => ({ tableId: w.tableId, groups: w.writer.staged() }));
      if (this.overlay.touched.size > 0 || this.overlay.touchedObjects.size > 0) {
        const permanent = staged.filter((s) => !temporaryIds.has(s.tableId));
        // Concurrent writes are merged reading their groups inside the store's write transaction.
        const read = (table: StoredTable, groups: readonly RowGroupRef[], columnIds: readonly number[]) =>
          this.store.scan({ ...table, rowGroups: groups }, columnIds);
        this.store.commit((latest) => {
          if (this.serializable) assertReadsCurrent(latest, this.view.snapshot, this.readTables);
          assertClaimsHeld(this.claims, latest);
          return rebaseCatalogChange(latest, this.view.snapshot, this.overlay, permanent, read);
        });
      } else {
        for (const w of this.writers) if (!temporaryIds.has(w.tableId)) w.writer.discard();
        if (this.claims.size > 0) this.assertClaimsHeldNow();
      }
      this.temporary?.publish(this.overlay.temp, staged.filter((s) => temporaryIds.has(s.tableId))
        .flatMap((s) => s.groups.map((rowGroup) => ({ tableId: s.tableId, rowGroup }))));
    } catch (err) {
      // A failed COMMIT ends the transaction, as in PostgreSQL: nothing it staged survives.
      this.discardWriters();
      throw err;
    } finally {
      this.close();
    }
  }

  /** A transaction that wrote nothing checks its claims against the latest commit. */
  private assertClaimsHeldNow(): void {
    const latest = this.store.beginRead();
    try {
      assertClaimsHeld(this.claims, latest.snapshot);
    } finally {
      latest.release();
    }
  }

  rollback(): void {
    if (!this.open) return;
    this.discardWriters();
    this.close();
  }

  private discardWriters(): void {
    // The transaction is ending: unpinning its snapshot first lets LMDB reuse freed pages for
    // the deletion, which on a full disk is what makes it possible at all.
    this.view.release();
    this.releaseRetired();
    for (const w of this.writers) w.writer.discard();
    this.writers = [];
  }

  private close(): void {
    this.open = false;
    this.writers = [];
    this.savepoints = [];
    this.view.release();
    this.releaseRetired();
  }

  private assertOpen(): void {
    if (!this.open) throw new SqlError(SQLSTATE.InternalError, 'catalog transaction already ended');
  }
}
