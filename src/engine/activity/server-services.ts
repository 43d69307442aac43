/**
 * The server-wide services a Database's sessions share with every other engine thread: the
 * activity board (pg_stat_activity), the advisory lock table, and a route for signals to other
 * backends (through the main thread, which owns every connection). A Database opened without
 * engine threads (unit tests) makes a private board and routes signals to its own sessions.
 */
import type { AdvisoryLocks, BackendActivity, ServerAccess } from '../../functions/system/server-access.js';
import { ActivityBoard, type BackendIdentity, type BackendSlot, type BackendState, type BoardLayout } from './activity-board.js';
import { AdvisoryLockTable, LOCK_ENTRY_BYTES } from './advisory-lock-table.js';
import { SessionAdvisoryLocks, type LockWaitLimits } from './session-advisory-locks.js';

export type BackendSignal = 'cancel' | 'terminate';

/** PostgreSQL's default max_locks_per_transaction: advisory holds per backend slot. */
const LOCKS_PER_BACKEND = 64;
const MICROS_PER_MILLI = 1000;
/** Backend slots of a private board (a Database without engine threads). */
const PRIVATE_SLOTS = 128;

/** The board's shape for `backends` sessions. */
export function boardLayout(backends: number): BoardLayout {
  return { slots: backends, lockEntries: backends * LOCKS_PER_BACKEND, lockEntryBytes: LOCK_ENTRY_BYTES };
}

/** What an engine thread is given to open the shared services (structured-clonable). */
export interface SharedServerState {
  readonly buffer: SharedArrayBuffer;
  readonly layout: BoardLayout;
  /** Names this thread as a spinlock owner, unique per thread start. */
  readonly tag: number;
}

export class ServerServices {
  readonly board: ActivityBoard;
  readonly locks: AdvisoryLockTable;

  constructor(shared: SharedServerState, private readonly route: (pid: number, how: BackendSignal) => void) {
    this.board = new ActivityBoard(shared.buffer, shared.layout);
    this.locks = new AdvisoryLockTable(this.board, shared.tag);
  }

  /** A board of this process's own, signals routed by `route`. */
  static private(route: (pid: number, how: BackendSignal) => void): ServerServices {
    const board = ActivityBoard.create(boardLayout(PRIVATE_SLOTS));
    return new ServerServices({ buffer: board.buffer, layout: board.layout, tag: 1 }, route);
  }

  /**
   * A session's slot and advisory locks; undefined when the board is full (the session then
   * runs without them: it is not shown, and advisory locks fail with 53200).
   */
  openSession(pid: number, limits: LockWaitLimits, databaseOid: number): SessionActivity | undefined {
    const slot = this.board.claim(pid);
    if (!slot) return undefined;
    return new SessionActivity(this, slot, new SessionAdvisoryLocks(this.board, this.locks, slot, limits, databaseOid));
  }

  signal(pid: number, how: BackendSignal): boolean {
    if (this.board.indexOf(pid) < 0) return false;
    this.route(pid, how);
    return true;
  }
}

/** One session's presence on the board. */
export class SessionActivity {
  readonly access: ServerAccess;

  constructor(services: ServerServices, private readonly slot: BackendSlot, readonly advisory: SessionAdvisoryLocks) {
    this.access = {
      backends: (): BackendActivity[] => services.board.backends(),
      signalBackend: (pid, how) => services.signal(pid, how),
      startTime: Math.round(services.board.startTimeMs * MICROS_PER_MILLI),
      advisory: advisory as AdvisoryLocks,
    };
  }

  loggedIn(who: BackendIdentity): void {
    this.slot.identify(who);
    this.slot.setState('idle', false);
  }

  setApplicationName(name: string): void {
    this.slot.setApplicationName(name);
  }

  statementStarted(query: string): void {
    this.slot.setState('active', true, query);
  }

  /** Back to waiting for the client, in or out of a transaction block. */
  idle(transaction: 'Idle' | 'InBlock' | 'Failed'): void {
    const state: BackendState = transaction === 'Idle' ? 'idle' : transaction === 'InBlock' ? 'idle in transaction' : 'idle in transaction (aborted)';
    this.slot.setState(state, transaction !== 'Idle');
  }

  transactionEnded(): void {
    this.advisory.transactionEnded();
  }

  close(): void {
    this.advisory.sessionEnded();
    this.slot.release();
  }
}
