/**
 * Session-level statements (SET, SHOW, RESET, BEGIN/COMMIT/ROLLBACK, SAVEPOINT, DISCARD,
 * PREPARE/EXECUTE/DEALLOCATE, DECLARE/FETCH/MOVE/CLOSE, no-ops) as PreparedStatements, so the simple and the
 * extended protocol (Describe, portals, row limits) treat them like any other statement.
 */
import { SqlError, SQLSTATE, type Notice } from '../common/sql-error.js';
import type { CommandResult, PreparedStatement, ResultColumn, RunContext } from '../execution/statement-api.js';
import type { DeclareCursor, Maintenance, SetTransaction, Statement, TransactionStatement } from '../parser/ast.js';
import { T } from '../types/sql-type.js';
import type { Row } from '../types/value.js';
import type { Portal } from './portal.js';
import type { Settings } from './settings.js';
import {
  prepareCreateTableAsExecute, prepareExplainExecute, prepareSqlExecute, prepareSqlPrepare, type PreparedStatementHost,
} from './sql-prepared-statements.js';
import type { TransactionState } from './transaction-state.js';

/** DECLARE's options, as pg_cursors shows them. */
export interface CursorOptions {
  readonly hold: boolean;
  readonly scroll: boolean;
  readonly noScroll: boolean;
  readonly binary: boolean;
}

/** What session statements may touch. */
export interface SessionHost extends PreparedStatementHost {
  readonly settings: Settings;
  readonly transaction: TransactionState;
  notice(notice: Notice): void;
  /** DECLARE: prepare the cursor's query and open a named portal. */
  declareCursor(name: string, statement: Statement, sql: string, options: CursorOptions): void;
  cursor(name: string): Portal;
  closeCursor(name: string | undefined): Promise<void>;
  /** COMMIT / ROLLBACK: keep WITH HOLD cursors' rows (commit) or close the cursors. */
  endCursors(commit: boolean): Promise<void>;
  /** Portals opened so far (a savepoint remembers it). */
  readonly portalMark: number;
  /** ROLLBACK TO: drop the cursors and portals opened after `mark` (PostgreSQL drops a rolled-back subtransaction's portals). */
  dropPortalsAfter(mark: number): Promise<void>;
  deallocate(name: string | undefined): void;
  discardAll(): Promise<void>;
  /** DISCARD SEQUENCES: forget this session's currval/lastval values. */
  discardSequences(): void;
  /** DISCARD TEMP: drop this session's temporary relations. */
  discardTemporary(): void;
}

/** A PreparedStatement run by the session itself. */
export interface SessionStatement extends PreparedStatement {
  /** COMMIT/ROLLBACK/ROLLBACK TO: allowed in a failed block, not wrapped in a savepoint. */
  readonly transactionControl: boolean;
}

const textColumn = (name: string): ResultColumn => ({ name, type: T.text, tableOid: 0, columnAttnum: 0 });

function make(
  columns: readonly ResultColumn[] | null,
  body: (ctx: RunContext) => Promise<{ rows?: Row[]; tag: string }> | { rows?: Row[]; tag: string },
  transactionControl = false,
): SessionStatement {
  return {
    paramTypes: [], columns, mutates: false, transactionControl,
    async *run(ctx: RunContext): AsyncGenerator<readonly Row[], CommandResult, void> {
      const { rows, tag } = await body(ctx);
      if (rows && rows.length > 0) yield rows;
      return { tag };
    },
    explain: () => [],
  };
}

function warning(code: Notice['code'], message: string): Notice {
  return { severity: 'WARNING', code, message };
}

function transaction(stmt: TransactionStatement, host: SessionHost): SessionStatement {
  const tx = host.transaction;
  switch (stmt.action) {
    case 'BEGIN': case 'START':
      return make(null, () => {
        if (!tx.beginBlock()) host.notice(warning(SQLSTATE.ActiveSqlTransaction, 'there is already a transaction in progress'));
        if (stmt.modes) tx.setModes(stmt.modes);
        return { tag: stmt.action === 'BEGIN' ? 'BEGIN' : 'START TRANSACTION' };
      });
    case 'COMMIT':
      return make(null, async () => {
        if (stmt.chain && !tx.inBlock) throw chainOutsideBlock('COMMIT AND CHAIN', tx);
        if (!tx.inBlock) {
          // Outside a block COMMIT still ends the implicit transaction of earlier statements in
          // the same query string (PostgreSQL commits them now; a later failure keeps them).
          host.notice(warning(SQLSTATE.NoActiveSqlTransaction, 'there is no transaction in progress'));
          await host.endCursors(true);
          tx.endImplicit();
          return { tag: 'COMMIT' };
        }
        await host.endCursors(tx.mode !== 'failed');
        return { tag: tx.commitBlock(stmt.chain) };
      }, true);
    case 'ROLLBACK':
      return make(null, async () => {
        if (stmt.chain && !tx.inBlock) throw chainOutsideBlock('ROLLBACK AND CHAIN', tx);
        // Outside a block it still rolls back the implicit transaction (earlier statements of the string).
        if (!tx.inBlock) host.notice(warning(SQLSTATE.NoActiveSqlTransaction, 'there is no transaction in progress'));
        await host.endCursors(false);
        tx.rollbackBlock(stmt.chain);
        return { tag: 'ROLLBACK' };
      }, true);
    case 'SAVEPOINT': return make(null, () => { tx.savepoint(stmt.savepoint!, host.portalMark); return { tag: 'SAVEPOINT' }; });
    case 'RELEASE': return make(null, () => { tx.release(stmt.savepoint!); return { tag: 'RELEASE' }; });
    case 'ROLLBACK_TO':
      return make(null, async () => { await host.dropPortalsAfter(tx.rollbackTo(stmt.savepoint!)); return { tag: 'ROLLBACK' }; }, true);
  }
}

/** AND CHAIN outside a block: 25P01, and the implicit transaction (earlier statements of the string) rolls back. */
function chainOutsideBlock(what: string, tx: TransactionState): SqlError {
  tx.statementFailed(undefined);
  return new SqlError(SQLSTATE.NoActiveSqlTransaction, `${what} can only be used in transaction blocks`);
}

/** SET TRANSACTION (this transaction; outside a block PostgreSQL warns) or SET SESSION CHARACTERISTICS (the defaults). */
function setTransaction(stmt: SetTransaction, host: SessionHost): SessionStatement {
  return make(null, () => {
    const { isolation, readOnly, deferrable } = stmt.modes;
    if (stmt.session) {
      if (isolation !== undefined) host.settings.set('default_transaction_isolation', isolation);
      if (readOnly !== undefined) host.settings.set('default_transaction_read_only', readOnly ? 'on' : 'off');
      if (deferrable !== undefined) host.settings.set('default_transaction_deferrable', deferrable ? 'on' : 'off');
    } else {
      if (!host.transaction.inBlock) host.notice(warning(SQLSTATE.NoActiveSqlTransaction, 'SET TRANSACTION can only be used in transaction blocks'));
      host.transaction.setModes(stmt.modes);
    }
    return { tag: 'SET' };
  });
}

/**
 * VACUUM / ANALYZE: nothing to do in the columnar store (no dead rows, no planner statistics),
 * but the names are checked as PostgreSQL checks them, and VACUUM refuses a transaction block.
 */
function maintenance(stmt: Maintenance, host: SessionHost): SessionStatement {
  return make(null, () => {
    if (stmt.command === 'VACUUM' && (host.transaction.inBlock || host.transaction.multiStatement)) {
      throw new SqlError(SQLSTATE.ActiveSqlTransaction, 'VACUUM cannot run inside a transaction block');
    }
    if (stmt.tables.length === 0) return { tag: stmt.command };
    const txn = host.transaction.current();
    for (const { name, columns } of stmt.tables) {
      const table = txn.getTable(name);
      if (!table) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${name}" does not exist`);
      const missing = columns.find((c) => !table.columns.some((col) => col.name === c));
      if (missing !== undefined) {
        throw new SqlError(SQLSTATE.UndefinedColumn, `column "${missing}" of relation "${name.split('.').pop()}" does not exist`);
      }
    }
    return { tag: stmt.command };
  });
}

/** The session-level statement for `stmt`, or undefined if the executor handles it. */
export function prepareSessionStatement(stmt: Statement, sql: string, host: SessionHost): SessionStatement | undefined {
  switch (stmt.kind) {
    case 'Transaction': return transaction(stmt, host);
    case 'SetTransaction': return setTransaction(stmt, host);
    case 'Maintenance': return maintenance(stmt, host);
    case 'Set':
      return make(null, () => {
        // Outside a block the value would end with the statement's own transaction: no effect.
        if (stmt.local && !host.transaction.inBlock) {
          host.notice({ severity: 'WARNING', code: SQLSTATE.NoActiveSqlTransaction, message: 'SET LOCAL can only be used in transaction blocks' });
        }
        host.settings.set(stmt.name, stmt.value, stmt.local);
        return { tag: 'SET' };
      });
    case 'Reset':
      return make(null, () => { host.settings.reset(stmt.name); return { tag: 'RESET' }; });
    case 'Show': {
      if (stmt.name === 'all') {
        return make(['name', 'setting', 'description'].map(textColumn), () => ({
          rows: host.settings.all().map((s) => [s.name, s.value, s.description]), tag: 'SHOW',
        }));
      }
      const { name } = host.settings.show(stmt.name);
      return make([textColumn(name)], () => ({ rows: [[host.settings.show(stmt.name).value]], tag: 'SHOW' }));
    }
    case 'Discard':
      return make(null, async () => {
        if (stmt.what === 'ALL') {
          if (host.transaction.inBlock) throw new SqlError(SQLSTATE.ActiveSqlTransaction, 'DISCARD ALL cannot run inside a transaction block');
          await host.discardAll();
        }
        if (stmt.what === 'SEQUENCES') host.discardSequences();
        if (stmt.what === 'TEMP' || stmt.what === 'ALL') host.discardTemporary();
        return { tag: `DISCARD ${stmt.what}` };
      });
    case 'Deallocate':
      return make(null, () => { host.deallocate(stmt.name); return { tag: stmt.name === undefined ? 'DEALLOCATE ALL' : 'DEALLOCATE' }; });
    case 'Prepare': return prepareSqlPrepare(stmt, sql, host);
    case 'Execute': return prepareSqlExecute(stmt, sql, host);
    case 'CreateTableAsExecute': return prepareCreateTableAsExecute(stmt, sql, host);
    case 'Explain': return prepareExplainExecute(stmt, sql, host);
    case 'DeclareCursor':
      return make(null, () => {
        if (!host.transaction.inBlock && !stmt.hold) {
          throw new SqlError(SQLSTATE.NoActiveSqlTransaction, 'DECLARE CURSOR can only be used in transaction blocks');
        }
        const locking = stmt.query.kind === 'Select' && stmt.query.locking !== undefined;
        if (locking) checkLockingCursor(stmt);
        // A FOR UPDATE / SHARE cursor is forward-only (PostgreSQL: its rows are locked as fetched).
        host.declareCursor(stmt.name, { kind: 'QueryStatement', query: stmt.query }, sql, { hold: stmt.hold, noScroll: stmt.noScroll === true || locking,
          scroll: stmt.scroll, binary: stmt.binary });
        return { tag: 'DECLARE CURSOR' };
      });
    case 'FetchCursor': {
      const portal = host.cursor(stmt.name);
      if (stmt.move) {
        return make(null, async (ctx) => ({ tag: `MOVE ${await portal.fetch(() => ctx, stmt.direction, stmt.count, undefined)}` }));
      }
      return {
        ...make(portal.columns, () => ({ tag: '' })),
        async *run(ctx: RunContext): AsyncGenerator<readonly Row[], CommandResult, void> {
          const rows: Row[] = [];
          const count = await portal.fetch(() => ctx, stmt.direction, stmt.count, async (batch) => { rows.push(...batch); });
          if (rows.length) yield rows;
          return { tag: `FETCH ${count}` };
        },
      };
    }
    case 'CloseCursor':
      return make(null, async () => { await host.closeCursor(stmt.name); return { tag: stmt.name === undefined ? 'CLOSE CURSOR ALL' : 'CLOSE CURSOR' }; });
    case 'NoOp': return make(null, () => ({ tag: stmt.tag }));
    default: return undefined;
  }
}

/** DECLARE … FOR UPDATE / SHARE may be neither SCROLL nor WITH HOLD (PostgreSQL's 0A000). */
function checkLockingCursor(stmt: DeclareCursor): void {
  const strength = stmt.query.kind === 'Select' ? stmt.query.locking?.[0]?.strength ?? 'FOR UPDATE' : 'FOR UPDATE';
  if (stmt.scroll) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `DECLARE SCROLL CURSOR ... ${strength} is not supported`, { detail: 'Scrollable cursors must be READ ONLY.' });
  }
  if (stmt.hold) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `DECLARE CURSOR WITH HOLD ... ${strength} is not supported`, { detail: 'Holdable cursors must be READ ONLY.' });
  }
}
