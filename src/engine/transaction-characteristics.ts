/**
 * A transaction's characteristics — isolation level, READ ONLY, DEFERRABLE — and the rules for
 * changing them once it has begun, as PostgreSQL's check hooks for transaction_isolation,
 * transaction_read_only and transaction_deferrable state them (25001 after the first query or
 * inside a savepoint). The values are PostgreSQL's spellings, so SHOW and current_setting print
 * them unchanged.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { TransactionModes } from '../parser/ast.js';

export type IsolationLevel = 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable';

export interface TransactionCharacteristics {
  readonly isolation: IsolationLevel;
  readonly readOnly: boolean;
  readonly deferrable: boolean;
}

/** Where the transaction is, for the rules: has a query taken its snapshot, is a savepoint open. */
export interface TransactionProgress {
  readonly snapshotTaken: boolean;
  readonly inSubtransaction: boolean;
}

/** The setting names that are the current transaction's characteristics. */
export const TRANSACTION_SETTINGS: ReadonlySet<string> = new Set(['transaction_isolation', 'transaction_read_only', 'transaction_deferrable']);

/** A new transaction's characteristics from the session's default_transaction_* settings. */
export function defaultCharacteristics(setting: (name: string) => string | undefined): TransactionCharacteristics {
  return {
    isolation: (setting('default_transaction_isolation') ?? 'read committed') as IsolationLevel,
    readOnly: setting('default_transaction_read_only') === 'on',
    deferrable: setting('default_transaction_deferrable') === 'on',
  };
}

/** A characteristic as SHOW prints it (`name` is one of TRANSACTION_SETTINGS or its default_ form). */
export function characteristicText(c: TransactionCharacteristics, name: string): string {
  if (name.endsWith('isolation')) return c.isolation;
  return (name.endsWith('read_only') ? c.readOnly : c.deferrable) ? 'on' : 'off';
}

/** `modes` applied to `current`, refused where PostgreSQL refuses the change at this point (25001). */
export function changeCharacteristics(
  current: TransactionCharacteristics, modes: TransactionModes, progress: TransactionProgress,
): TransactionCharacteristics {
  let next = current;
  if (modes.isolation !== undefined && modes.isolation !== current.isolation) {
    if (progress.snapshotTaken) throw activeTransaction('SET TRANSACTION ISOLATION LEVEL must be called before any query');
    if (progress.inSubtransaction) throw activeTransaction('SET TRANSACTION ISOLATION LEVEL must not be called in a subtransaction');
    next = { ...next, isolation: modes.isolation as IsolationLevel };
  }
  if (modes.readOnly !== undefined) {
    if (!modes.readOnly && current.readOnly) {
      if (progress.inSubtransaction) throw activeTransaction('cannot set transaction read-write mode inside a read-only transaction');
      if (progress.snapshotTaken) throw activeTransaction('transaction read-write mode must be set before any query');
    }
    next = { ...next, readOnly: modes.readOnly };
  }
  if (modes.deferrable !== undefined) {
    if (progress.inSubtransaction) throw activeTransaction('SET TRANSACTION [NOT] DEFERRABLE cannot be called within a subtransaction');
    if (progress.snapshotTaken) throw activeTransaction('SET TRANSACTION [NOT] DEFERRABLE must be called before any query');
    next = { ...next, deferrable: modes.deferrable };
  }
  return next;
}

/** One transaction_* setting's text value as transaction modes. */
export function settingAsModes(name: string, value: string): TransactionModes {
  if (name === 'transaction_isolation') return { isolation: value };
  return name === 'transaction_read_only' ? { readOnly: value === 'on' } : { deferrable: value === 'on' };
}

/** 25006, worded as PostgreSQL's PreventCommandIfReadOnly words it. */
export function readOnlyTransactionError(command: string): SqlError {
  return new SqlError(SQLSTATE.ReadOnlySqlTransaction, `cannot execute ${command} in a read-only transaction`);
}

function activeTransaction(message: string): SqlError {
  return new SqlError(SQLSTATE.ActiveSqlTransaction, message);
}
