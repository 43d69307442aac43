/**
 * CatalogTransaction over a Store. Holds a pinned read of the store (its base snapshot), an
 * immutable overlay of its own changes, and the writers it handed out. Commit rebases the
 * overlay onto the latest snapshot in one `store.commit`; rollback discards every writer.
 * Isolation is snapshot-like: reads see the base plus own changes; a conflicting commit on
 * the same table by another session makes this commit fail with 40001 (first committer wins).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type {
  ColumnBatch, RowGroupRef, RowGroupWriter, Store, StoreReadView, StoredColumn, StoredTable,
} from '../storage/storage-api.js';
import type { CatalogTransaction, NewColumn, TransactionSavepoint } from './catalog-transaction.js';
import { createStoredTable } from './create-stored-table.js';
import { rebaseCatalogChange } from './rebase-catalog-change.js';
import { baseOverlay, findById, putTable, removeTable, type TransactionOverlay } from './transaction-overlay.js';

interface TrackedWriter {
  readonly tableId: number;
  readonly writer: RowGroupWriter;
}

interface Savepoint extends TransactionSavepoint {
  readonly owner: StoreCatalogTransaction;
  readonly overlay: TransactionOverlay;
  readonly writerCount: number;
}

/**
 * Starts a transaction over `store`, reading the latest committed catalog.
 * @example const txn = beginTransaction(store); txn.createTable('t', cols); txn.commit();
 */
export function beginTransaction(store: Store): CatalogTransaction {
  return new StoreCatalogTransaction(store, store.beginRead());
}

class StoreCatalogTransaction implements CatalogTransaction {
  private overlay: TransactionOverlay;
  private writers: TrackedWriter[] = [];
  private open = true;

  constructor(private readonly store: Store, private readonly view: StoreReadView) {
    this.overlay = baseOverlay(view.snapshot);
  }

  get baseVersion(): number {
    return this.view.snapshot.version;
  }

  hasOwnChanges(tableId: number): boolean {
    return this.overlay.touched.has(tableId);
  }

  getTable(name: string): StoredTable | undefined {
    return this.overlay.tables.get(name);
  }

  listTables(): readonly StoredTable[] {
    return [...this.overlay.tables.values()].sort((a, b) => a.oid - b.oid);
  }

  scan(table: StoredTable, columnIds: readonly number[]): Iterable<ColumnBatch> {
    this.assertOpen();
    return this.view.scan(table, columnIds);
  }

  createTable(name: string, columns: readonly NewColumn[]): StoredTable {
    this.assertOpen();
    if (this.overlay.tables.has(name)) throw new SqlError(SQLSTATE.DuplicateTable, `relation "${name}" already exists`);
    const { id, oid } = this.store.allocateTableId();
    const table = createStoredTable(id, oid, name, columns);
    this.overlay = putTable(this.overlay, table);
    return table;
  }

  /** `dropped` is advisory: freed groups are computed at commit as "no longer referenced". */
  replaceTable(next: StoredTable, _dropped: readonly RowGroupRef[]): void {
    this.assertOpen();
    const current = findById(this.overlay, next.id);
    if (!current) throw new SqlError(SQLSTATE.UndefinedTable, `relation with id ${next.id} does not exist`);
    this.overlay = putTable(this.overlay, next);
  }

  dropTable(name: string): void {
    this.assertOpen();
    this.overlay = removeTable(this.overlay, name);
  }

  allocateOid(): number {
    this.assertOpen();
    return this.store.allocateTableId().oid;
  }

  writer(table: StoredTable, columns: readonly StoredColumn[]): RowGroupWriter {
    this.assertOpen();
    const writer = this.store.writer(table.id, columns);
    this.writers.push({ tableId: table.id, writer });
    return writer;
  }

  savepoint(): TransactionSavepoint {
    this.assertOpen();
    const sp: Savepoint = { __savepoint: true, owner: this, overlay: this.overlay, writerCount: this.writers.length };
    return sp;
  }

  rollbackTo(savepoint: TransactionSavepoint): void {
    this.assertOpen();
    const sp = savepoint as Savepoint;
    if (sp.owner !== this || sp.writerCount > this.writers.length) {
      throw new SqlError(SQLSTATE.InvalidSavepointSpecification, 'savepoint does not belong to this transaction');
    }
    for (const w of this.writers.splice(sp.writerCount)) w.writer.discard();
    // Groups staged after the savepoint by older writers are freed at commit (unreferenced).
    this.overlay = sp.overlay;
  }

  commit(): void {
    this.assertOpen();
    try {
      if (this.overlay.touched.size > 0) {
        const staged = this.writers.map((w) => ({ tableId: w.tableId, groups: w.writer.staged() }));
        this.store.commit((latest) => rebaseCatalogChange(latest, this.view.snapshot, this.overlay, staged));
      } else {
        this.discardWriters();
      }
    } catch (err) {
      // A failed COMMIT ends the transaction, as in PostgreSQL: nothing it staged survives.
      this.discardWriters();
      throw err;
    } finally {
      this.close();
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
    for (const w of this.writers) w.writer.discard();
    this.writers = [];
  }

  private close(): void {
    this.open = false;
    this.writers = [];
    this.view.release();
  }

  private assertOpen(): void {
    if (!this.open) throw new SqlError(SQLSTATE.InternalError, 'catalog transaction already ended');
  }
}
