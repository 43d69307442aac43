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
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CatalogTransaction, TransactionSavepoint } from '../catalog/catalog-transaction.js';

const MICROS_PER_MILLI = 1000;

export type TransactionMode = 'idle' | 'implicit' | 'block' | 'failed';

interface NamedSavepoint {
  readonly name: string;
  readonly savepoint: TransactionSavepoint;
  /** The caller's mark when the savepoint was set (the session's portal counter). */
  readonly mark: number;
}

export class TransactionState {
  mode: TransactionMode = 'idle';
  private txn: CatalogTransaction | undefined;
  private savepoints: NamedSavepoint[] = [];
  private started = 0;

  /** `ended` runs after every commit or rollback (transaction-level advisory locks go then). */
  constructor(private readonly begin: () => CatalogTransaction, private readonly ended?: () => void) {}

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
    if (this.mode === 'idle') this.started = Date.now() * MICROS_PER_MILLI;
    this.mode = mode;
  }

  /** The catalog transaction, opened on first use (an implicit one outside BEGIN). */
  current(): CatalogTransaction {
    if (this.mode === 'failed') throw abortedError();
    if (this.mode === 'idle') this.leaveIdle('implicit');
    this.txn ??= this.begin();
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

  /** COMMIT: returns the tag PostgreSQL answers (ROLLBACK for a failed block). */
  commitBlock(): 'COMMIT' | 'ROLLBACK' {
    const failed = this.mode === 'failed';
    this.finish(!failed);
    return failed ? 'ROLLBACK' : 'COMMIT';
  }

  rollbackBlock(): void {
    this.finish(false);
  }

  /** SAVEPOINT name; `mark` is handed back by a ROLLBACK TO this savepoint. */
  savepoint(name: string, mark = 0): void {
    if (!this.inBlock) throw new SqlError(SQLSTATE.NoActiveSqlTransaction, 'SAVEPOINT can only be used in transaction blocks');
    this.savepoints.push({ name, savepoint: this.current().savepoint(), mark });
  }

  /** ROLLBACK TO: undo to the savepoint, keep it, leave the failed state. Returns the savepoint's mark. */
  rollbackTo(name: string): number {
    if (!this.inBlock) throw new SqlError(SQLSTATE.NoActiveSqlTransaction, 'ROLLBACK TO SAVEPOINT can only be used in transaction blocks');
    const i = this.find(name);
    this.savepoints = this.savepoints.slice(0, i + 1);
    this.mode = 'block';
    const target = this.savepoints[i]!;
    this.current().rollbackTo(target.savepoint);
    return target.mark;
  }

  release(name: string): void {
    if (!this.inBlock) throw new SqlError(SQLSTATE.NoActiveSqlTransaction, 'RELEASE SAVEPOINT can only be used in transaction blocks');
    if (this.mode === 'failed') throw abortedError();
    this.savepoints = this.savepoints.slice(0, this.find(name));
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
    try {
      if (!txn) return;
      if (commit) txn.commit();
      else txn.rollback();
    } finally {
      this.ended?.();
    }
  }
}

export function abortedError(): SqlError {
  return new SqlError(SQLSTATE.InFailedSqlTransaction, 'current transaction is aborted, commands ignored until end of transaction block');
}
