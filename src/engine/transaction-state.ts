/**
 * A session's transaction state machine (ReadyForQuery's I/T/E):
 *
 *   idle ──first statement──▶ implicit ──end of query string / Sync──▶ idle (commit, or rollback on error)
 *   idle|implicit ──BEGIN──▶ block ──error──▶ failed ──COMMIT/ROLLBACK──▶ idle
 *   block ──COMMIT/ROLLBACK──▶ idle;   failed ──ROLLBACK TO sp──▶ block
 *
 * The CatalogTransaction is opened lazily: session-level statements (SET, SHOW, BEGIN…) never
 * touch the catalog, so they work before any table exists (and without one in tests).
 */
import type { SettingLevels } from './setting-levels.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CatalogTransaction, TransactionSavepoint } from '../catalog/catalog-transaction.js';
import type { TransactionModes } from '../parser/ast.js';
import { changeCharacteristics, type TransactionCharacteristics } from './transaction-characteristics.js';

const READ_COMMITTED: TransactionCharacteristics = { isolation: 'read committed', readOnly: false, deferrable: false };

const MICROS_PER_MILLI = 1000;

export type TransactionMode = 'idle' | 'implicit' | 'block' | 'failed';

/** What reads the transaction's earlier snapshots as a statement starts: nothing, open cursors, or statements not finished. */
export type SnapshotReaders = 'none' | 'cursors' | 'statements';

interface NamedSavepoint {
  readonly name: string;
  readonly savepoint: TransactionSavepoint;
  /** The caller's mark when the savepoint was set (the session's portal counter). */
  readonly mark: number;
  /** READ ONLY when it was set: ending its subtransaction (released or rolled back) restores it, as PostgreSQL does. */
  readonly readOnly: boolean;
}

export class TransactionState {
  mode: TransactionMode = 'idle';
  private txn: CatalogTransaction | undefined;
  private savepoints: NamedSavepoint[] = [];
  private started = 0;
  /** Isolation level, READ ONLY, DEFERRABLE of the open transaction (the defaults' when idle). */
  private modes: TransactionCharacteristics = READ_COMMITTED;
  /**
   * The query string being run has several statements: PostgreSQL runs them in an implicit
   * transaction block, where VACUUM (like other block-refusing commands) is 25001.
   */
  multiStatement = false;
  /** A query (not SET, SHOW, SAVEPOINT …) ran in this transaction: PostgreSQL's FirstSnapshotSet. */
  private snapshotTaken = false;
  /** The running statement's command name (statementStarts). */
  private command = 'SELECT';

  /**
   * `ended` runs after every commit or rollback (transaction-level advisory locks go then);
   * `defaults` gives a new transaction's characteristics (default_transaction_*).
   */
  constructor(
    private readonly begin: () => CatalogTransaction, private readonly ended?: () => void,
    private readonly defaults: () => TransactionCharacteristics = () => READ_COMMITTED,
    /** The session's settings' undo levels (SET is rolled back with its transaction or savepoint). */
    private readonly settingLevels?: SettingLevels,
  ) {}

  /** The current transaction's characteristics; between transactions, the next one's. */
  get characteristics(): TransactionCharacteristics {
    return this.mode === 'idle' ? this.defaults() : this.modes;
  }

  /**
   * SET TRANSACTION / BEGIN's modes / SET transaction_*: changes this transaction's
   * characteristics where PostgreSQL allows it (25001 after its first query, in a savepoint).
   */
  setModes(modes: TransactionModes): void {
    if (this.mode === 'idle') this.leaveIdle('implicit');
    this.modes = changeCharacteristics(this.modes, modes, { snapshotTaken: this.snapshotTaken, inSubtransaction: this.savepoints.length > 0 });
    this.guardWrites();
  }

  /** A statement starts: `name` is what a READ ONLY transaction's 25006 calls it if it writes. */
  statementStarts(name: string): void {
    this.command = name;
    this.guardWrites();
  }

  private guardWrites(): void {
    if (this.txn) this.txn.readOnlyCommand = this.modes.readOnly ? this.command : undefined;
  }

  /**
   * A statement that reads tables is about to start (it takes the transaction's first snapshot,
   * if none yet). READ COMMITTED: it reads the latest committed data beside the transaction's
   * own changes (the catalog transaction rebases them). `readers` says what still uses earlier
   * snapshots: open cursors keep theirs; while a statement runs or a portal is bound and not
   * finished (a statement inside a function, a portal suspended midway), nothing moves, since
   * an executor midway may write back the tables it read (catalog/README.md, Isolation).
   */
  statementSnapshot(readers: SnapshotReaders): void {
    this.snapshotTaken = true;
    if (this.modes.isolation === 'repeatable read' || this.modes.isolation === 'serializable') return;
    if (this.mode === 'failed' || readers === 'statements') return;
    this.txn?.refreshSnapshot(readers === 'cursors');
  }

  /** ReadyForQuery status: I, T or E. */
  get status(): 'Idle' | 'InBlock' | 'Failed' {
    return this.mode === 'block' ? 'InBlock' : this.mode === 'failed' ? 'Failed' : 'Idle';
  }

  get inBlock(): boolean {
    return this.mode === 'block' || this.mode === 'failed';
  }

  /** When the transaction began, µs since 1970 (now() and 'now'); the clock between transactions. */
  get startTime(): number {
    return this.mode === 'idle' ? Date.now() * MICROS_PER_MILLI : this.started;
  }

  private leaveIdle(mode: TransactionMode): void {
    if (this.mode === 'idle') {
      this.settingLevels?.begin();
      this.started = Date.now() * MICROS_PER_MILLI;
      this.modes = this.defaults();
      this.snapshotTaken = false;
    }
    this.mode = mode;
  }

  /** The catalog transaction, opened on first use (an implicit one outside BEGIN). */
  /** The open transaction, if any, without opening one (for output formatting). */
  peek(): CatalogTransaction | undefined {
    return this.mode === 'failed' ? undefined : this.txn;
  }

  current(): CatalogTransaction {
    if (this.mode === 'failed') throw abortedError();
    if (this.mode === 'idle') this.leaveIdle('implicit');
    if (!this.txn) {
      this.txn = this.begin();
      this.txn.serializable = this.modes.isolation === 'serializable';
      this.guardWrites();
    }
    return this.txn;
  }

  /** Marks that a statement runs: outside a block this opens the implicit transaction. */
  enterStatement(): void {
    if (this.mode === 'idle') this.leaveIdle('implicit');
  }

  /** Savepoint before a statement inside a block (only if the catalog was touched yet). */
  statementSavepoint(): TransactionSavepoint | undefined {
    return this.mode === 'block' && this.txn ? this.txn.savepoint() : undefined;
  }

  /** A statement failed: roll back the implicit transaction, or fail the block. */
  statementFailed(savepoint: TransactionSavepoint | undefined): void {
    if (this.mode === 'implicit') return this.finish(false);
    if (this.mode === 'block') {
      if (savepoint && this.txn) this.txn.rollbackTo(savepoint);
      this.mode = 'failed';
    }
  }

  /** The statement's savepoint is no longer needed (it ended either way). */
  statementEnded(savepoint: TransactionSavepoint | undefined): void {
    if (savepoint) this.txn?.releaseSavepoint(savepoint);
  }

  /** End of a query string or Sync: commit the implicit transaction. */
  endImplicit(): void {
    if (this.mode === 'implicit') this.finish(true);
  }

  /** BEGIN: an implicit transaction (earlier statements of the same string) becomes the block. */
  beginBlock(): boolean {
    if (this.inBlock) return false;
    this.leaveIdle('block');
    return true;
  }

  /**
   * COMMIT: returns the tag PostgreSQL answers (ROLLBACK for a failed block). `chain`: a new
   * block starts at once with the same characteristics (COMMIT AND CHAIN), even when the
   * commit failed, as PostgreSQL does.
   */
  commitBlock(chain = false): 'COMMIT' | 'ROLLBACK' {
    const failed = this.mode === 'failed';
    const modes = this.modes;
    try {
      this.finish(!failed);
    } finally {
      if (chain) this.chainBlock(modes);
    }
    return failed ? 'ROLLBACK' : 'COMMIT';
  }

  rollbackBlock(chain = false): void {
    const modes = this.modes;
    this.finish(false);
    if (chain) this.chainBlock(modes);
  }

  private chainBlock(modes: TransactionCharacteristics): void {
    this.leaveIdle('block');
    this.modes = modes;
  }

  /** SAVEPOINT name; `mark` is handed back by a ROLLBACK TO this savepoint. */
  savepoint(name: string, mark = 0): void {
    if (!this.inBlock) throw new SqlError(SQLSTATE.NoActiveSqlTransaction, 'SAVEPOINT can only be used in transaction blocks');
    this.savepoints.push({ name, savepoint: this.current().savepoint(), mark, readOnly: this.modes.readOnly });
    this.settingLevels?.savepoint();
  }

  /** ROLLBACK TO: undo to the savepoint, keep it, leave the failed state. Returns the savepoint's mark. */
  rollbackTo(name: string): number {
    if (!this.inBlock) throw new SqlError(SQLSTATE.NoActiveSqlTransaction, 'ROLLBACK TO SAVEPOINT can only be used in transaction blocks');
    const i = this.find(name);
    this.savepoints = this.savepoints.slice(0, i + 1);
    this.mode = 'block';
    const target = this.savepoints[i]!;
    this.current().rollbackTo(target.savepoint);
    this.settingLevels?.rollbackTo(i + 1);
    this.restoreReadOnly(target);
    return target.mark;
  }

  release(name: string): void {
    if (!this.inBlock) throw new SqlError(SQLSTATE.NoActiveSqlTransaction, 'RELEASE SAVEPOINT can only be used in transaction blocks');
    if (this.mode === 'failed') throw abortedError();
    const i = this.find(name);
    this.restoreReadOnly(this.savepoints[i]!);
    for (const released of this.savepoints.slice(i)) this.txn?.releaseSavepoint(released.savepoint);
    this.savepoints = this.savepoints.slice(0, i);
    this.settingLevels?.release(i + 1);
  }

  private restoreReadOnly(savepoint: NamedSavepoint): void {
    this.modes = { ...this.modes, readOnly: savepoint.readOnly };
    this.guardWrites();
  }

  private find(name: string): number {
    for (let i = this.savepoints.length - 1; i >= 0; i--) if (this.savepoints[i]!.name === name) return i;
    throw new SqlError(SQLSTATE.InvalidSavepointSpecification, `savepoint "${name}" does not exist`);
  }

  private finish(commit: boolean): void {
    const txn = this.txn;
    this.txn = undefined;
    this.savepoints = [];
    this.mode = 'idle';
    let committed = false;
    try {
      if (!txn) {
        committed = commit;
        return;
      }
      if (commit) txn.commit();
      else txn.rollback();
      committed = commit;
    } finally {
      // A commit that failed rolled back: its settings go back too.
      this.settingLevels?.end(committed);
      this.ended?.();
    }
  }
}

export function abortedError(): SqlError {
  return new SqlError(SQLSTATE.InFailedSqlTransaction, 'current transaction is aborted, commands ignored until end of transaction block');
}
