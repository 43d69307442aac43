/**
 * A session's interrupt cell, shared between the thread that runs its statements and the main
 * thread that routes CancelRequests and watches for runaway statements. It is a few words of a
 * SharedArrayBuffer, so a cancel is seen by the next interrupt check of a running statement even
 * when that statement keeps its thread's event loop busy, and the main thread can see what runs
 * without asking the (maybe busy) engine thread.
 *
 *   Int32 [0] cancel count   bumped by the main thread per accepted CancelRequest
 *   Int32 [1] running        1 while a statement runs
 *   Int32 [2] terminate      1 once pg_terminate_backend asked this backend to end
 *   Float64 [1] deadline     epoch ms at which statement_timeout fires, 0 = none
 *   Float64 [2] started      epoch ms at which the running statement began
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

const CANCEL = 0;
const RUNNING = 1;
const TERMINATE = 2;
const INT_SLOTS = 3;
/** Byte offset of the float slots (8-byte aligned after the int slots). */
const FLOATS_OFFSET = 16;
const DEADLINE = 0;
const STARTED = 1;
export const SESSION_CONTROL_BYTES = 32;

/** The error PostgreSQL reports for a CancelRequest. */
export function canceledByUser(): SqlError {
  return new SqlError(SQLSTATE.QueryCanceled, 'canceling statement due to user request');
}

/** What a backend ended by pg_terminate_backend (or a shutdown) tells its client. */
export function terminatedByAdministrator(): SqlError {
  return new SqlError(SQLSTATE.AdminShutdown, 'terminating connection due to administrator command', { severity: 'FATAL' });
}

/** The error PostgreSQL reports when statement_timeout fires. */
export function canceledByTimeout(): SqlError {
  return new SqlError(SQLSTATE.QueryCanceled, 'canceling statement due to statement timeout');
}

export class SessionControl {
  private readonly ints: Int32Array;
  private readonly floats: Float64Array;
  /** The cancel count when the running statement started: a later count means "cancel it". */
  private startCount = 0;

  constructor(readonly buffer: SharedArrayBuffer = new SharedArrayBuffer(SESSION_CONTROL_BYTES)) {
    this.ints = new Int32Array(buffer, 0, INT_SLOTS);
    this.floats = new Float64Array(buffer, FLOATS_OFFSET, 2);
  }

  // ------------------------------------------------------------ the engine thread's side

  /** A statement starts; `timeoutMs` > 0 arms its statement_timeout. */
  beginStatement(timeoutMs: number): void {
    const now = Date.now();
    this.startCount = Atomics.load(this.ints, CANCEL);
    this.floats[DEADLINE] = timeoutMs > 0 ? now + timeoutMs : 0;
    this.floats[STARTED] = now;
    Atomics.store(this.ints, RUNNING, 1);
  }

  endStatement(): void {
    Atomics.store(this.ints, RUNNING, 0);
    this.floats[DEADLINE] = 0;
  }

  /** Why the running statement must stop now (a cancel since it began, or its deadline), or undefined. */
  interruption(): SqlError | undefined {
    if (Atomics.load(this.ints, TERMINATE) === 1) return terminatedByAdministrator();
    if (Atomics.load(this.ints, CANCEL) !== this.startCount) return canceledByUser();
    const deadline = this.floats[DEADLINE]!;
    if (deadline > 0 && Date.now() >= deadline) return canceledByTimeout();
    return undefined;
  }

  // ------------------------------------------------------------ the main thread's side

  /** Asks the running statement, if any, to stop (a CancelRequest). */
  requestCancel(): void {
    Atomics.add(this.ints, CANCEL, 1);
  }

  /** Asks the backend to end (pg_terminate_backend): its running statement stops with FATAL 57P01. */
  requestTerminate(): void {
    Atomics.store(this.ints, TERMINATE, 1);
    Atomics.add(this.ints, CANCEL, 1);
  }

  get terminateRequested(): boolean {
    return Atomics.load(this.ints, TERMINATE) === 1;
  }

  get running(): boolean {
    return Atomics.load(this.ints, RUNNING) === 1;
  }

  /** The armed statement_timeout deadline (epoch ms), or 0. */
  get deadlineMs(): number {
    return this.floats[DEADLINE]!;
  }

  /** When the running (or last) statement began (epoch ms). */
  get startedMs(): number {
    return this.floats[STARTED]!;
  }
}
