/**
 * One session's advisory locks (pg_advisory_lock & co.) over the shared lock table: holds are
 * counted per level (session / transaction) here and in total in the table; a session's own
 * holds never conflict with each other, as in PostgreSQL. A wait sleeps on the table's release
 * counter (Atomics.waitAsync, so the engine thread goes on serving its other sessions), checks
 * for a cancel or statement_timeout at least every 50 ms, gives up with 55P03 once lock_timeout
 * (when set) has passed, and after deadlock_timeout looks for a cycle of waits through it: 40P01
 * with PostgreSQL's DETAIL if there is one.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { AdvisoryKey, AdvisoryLevel, AdvisoryLockRow, AdvisoryLocks, AdvisoryMode } from '../../functions/system/server-access.js';
import { MODE_EXCLUSIVE, MODE_SHARE, RELEASE_COUNTER, type ActivityBoard, type BackendSlot } from './activity-board.js';
import type { AdvisoryLockTable } from './advisory-lock-table.js';

/** Longest sleep between two interrupt checks while waiting. */
const WAIT_SLICE_MS = 50;
const MICROS_PER_MILLI = 1000;

interface Counts {
  session: number;
  transaction: number;
}

const modeCode = (mode: AdvisoryMode) => (mode === 'exclusive' ? MODE_EXCLUSIVE : MODE_SHARE);
const modeName = (code: number): AdvisoryMode => (code === MODE_EXCLUSIVE ? 'exclusive' : 'share');
const keyId = (key: AdvisoryKey, mode: number) => `${key.objsubid}:${key.high}:${key.low}:${mode}`;

/** How long a session's lock waits may last before a deadlock check / giving up. */
export interface LockWaitLimits {
  readonly deadlockTimeoutMs: () => number;
  /** lock_timeout; 0 waits for ever. */
  readonly lockTimeoutMs: () => number;
}

export class SessionAdvisoryLocks implements AdvisoryLocks {
  /** This session's holds by key and mode. */
  private readonly mine = new Map<string, { key: AdvisoryKey; mode: number; counts: Counts }>();
  private readonly holder: number;

  constructor(
    private readonly board: ActivityBoard,
    private readonly table: AdvisoryLockTable,
    private readonly slot: BackendSlot,
    /** deadlock_timeout and lock_timeout (0: none) in ms, read while a wait goes on. */
    private readonly limits: LockWaitLimits,
    private readonly databaseOid: number,
  ) {
    this.holder = slot.index + 1;
  }

  async acquire(key: AdvisoryKey, mode: AdvisoryMode, level: AdvisoryLevel, wait: boolean, checkInterrupts: () => void): Promise<boolean> {
    const code = modeCode(mode);
    const started = Date.now();
    let deadlockChecked = false;
    let waiting = false;
    try {
      for (;;) {
        const seen = Atomics.load(this.board.header, RELEASE_COUNTER);
        const blockers = this.table.locked(() => {
          const conflicts = this.table.conflicting(this.holder, key, code);
          if (conflicts.length === 0) this.table.add(this.holder, key, code);
          return conflicts;
        });
        if (blockers.length === 0) {
          this.count(key, code)[level === 'session' ? 'session' : 'transaction']++;
          return true;
        }
        if (!wait) return false;
        if (!waiting) {
          this.slot.setWait({ objsubid: key.objsubid, high: key.high, low: key.low, mode: code });
          waiting = true;
        }
        checkInterrupts();
        const lockTimeout = this.limits.lockTimeoutMs();
        if (lockTimeout > 0 && Date.now() - started >= lockTimeout) {
          throw new SqlError(SQLSTATE.LockNotAvailable, 'canceling statement due to lock timeout');
        }
        if (!deadlockChecked && Date.now() - started >= this.limits.deadlockTimeoutMs()) {
          deadlockChecked = true;
          const cycle = this.table.locked(() => this.findCycle());
          if (cycle) throw cycle;
        }
        const deadlockLeft = deadlockChecked ? WAIT_SLICE_MS : started + this.limits.deadlockTimeoutMs() - Date.now();
        const lockLeft = lockTimeout > 0 ? started + lockTimeout - Date.now() : WAIT_SLICE_MS;
        const left = Math.max(1, Math.min(WAIT_SLICE_MS, deadlockLeft, lockLeft));
        await sleepUnless(this.board.header, seen, left);
      }
    } finally {
      if (waiting) this.slot.setWait(undefined);
    }
  }

  release(key: AdvisoryKey, mode: AdvisoryMode): boolean {
    const code = modeCode(mode);
    const entry = this.mine.get(keyId(key, code));
    if (!entry || entry.counts.session === 0) return false;
    entry.counts.session--;
    this.drop(entry, 1);
    return true;
  }

  releaseAll(): void {
    for (const entry of this.mine.values()) {
      const n = entry.counts.session;
      entry.counts.session = 0;
      if (n > 0) this.drop(entry, n);
    }
  }

  /** The transaction ended: its transaction-level holds go. */
  transactionEnded(): void {
    for (const entry of this.mine.values()) {
      const n = entry.counts.transaction;
      entry.counts.transaction = 0;
      if (n > 0) this.drop(entry, n);
    }
  }

  /** The session ended: everything it holds goes. */
  sessionEnded(): void {
    this.mine.clear();
    this.table.removeHolders([this.holder]);
  }

  list(): AdvisoryLockRow[] {
    const rows: AdvisoryLockRow[] = this.table.locked(() => this.table.holds()).map((h) => ({
      key: h.key, pid: this.board.pidAt(h.holder - 1), mode: modeName(h.mode), granted: true, waitStart: null,
    }));
    for (const w of this.board.waits()) {
      rows.push({
        key: { objsubid: w.objsubid as 1 | 2, high: w.high, low: w.low }, pid: w.pid, mode: modeName(w.mode), granted: false,
        waitStart: Math.round(w.since * MICROS_PER_MILLI),
      });
    }
    return rows.filter((r) => r.pid !== 0);
  }

  private count(key: AdvisoryKey, mode: number): Counts {
    const id = keyId(key, mode);
    let entry = this.mine.get(id);
    if (!entry) this.mine.set(id, entry = { key, mode, counts: { session: 0, transaction: 0 } });
    return entry.counts;
  }

  private drop(entry: { key: AdvisoryKey; mode: number; counts: Counts }, holds: number): void {
    this.table.locked(() => this.table.remove(this.holder, entry.key, entry.mode, holds));
    if (entry.counts.session === 0 && entry.counts.transaction === 0) this.mine.delete(keyId(entry.key, entry.mode));
  }

  /**
   * A cycle of waits that runs through this backend (call locked): each waiting backend waits
   * for the holders whose holds conflict with what it asked for. The 40P01 to raise, or undefined.
   */
  private findCycle(): SqlError | undefined {
    const waits = new Map(this.board.waits().map((w) => [w.pid, w]));
    const me = this.slot.pid;
    const blockersOf = (pid: number): number[] => {
      const w = waits.get(pid);
      if (!w) return [];
      const holder = this.board.indexOf(pid) + 1;
      return this.table.conflicting(holder, { objsubid: w.objsubid as 1 | 2, high: w.high, low: w.low }, w.mode)
        .map((h) => this.board.pidAt(h - 1)).filter((p) => p !== 0);
    };
    // Depth-first from this backend; `path` holds the waits that lead back to it.
    const path: { pid: number; blocker: number }[] = [];
    const visited = new Set<number>();
    const search = (pid: number): boolean => {
      for (const blocker of blockersOf(pid)) {
        path.push({ pid, blocker });
        if (blocker === me) return true;
        if (!visited.has(blocker)) {
          visited.add(blocker);
          if (search(blocker)) return true;
        }
        path.pop();
      }
      return false;
    };
    if (!search(me)) return undefined;
    const detail = path.map(({ pid, blocker }) => {
      const w = waits.get(pid)!;
      const mode = w.mode === MODE_EXCLUSIVE ? 'ExclusiveLock' : 'ShareLock';
      return `Process ${pid} waits for ${mode} on advisory lock [${this.databaseOid},${w.high >>> 0},${w.low >>> 0},${w.objsubid}]; blocked by process ${blocker}.`;
    }).join('\n');
    // This backend gives up its wait now, so the others' checks no longer find the cycle.
    this.slot.setWait(undefined);
    return new SqlError(SQLSTATE.DeadlockDetected, 'deadlock detected', { detail, hint: 'See server log for query details.' });
  }
}

/** Sleeps until the release counter moves from `seen`, or `ms` pass. */
async function sleepUnless(header: Int32Array, seen: number, ms: number): Promise<void> {
  const waitAsync = (Atomics as unknown as {
    waitAsync(a: Int32Array, i: number, v: number, t: number): { async: boolean; value: Promise<string> | string };
  }).waitAsync;
  const result = waitAsync(header, RELEASE_COUNTER, seen, ms);
  if (result.async) await result.value;
}
