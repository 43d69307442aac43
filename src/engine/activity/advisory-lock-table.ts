/**
 * The advisory lock table every engine thread shares, in the activity board's buffer after the
 * backend slots: one entry per (holder, key, mode) with a hold count. A spinlock in the board's
 * header guards it; each critical section is a scan of a few thousand words, and waiting for a
 * lock happens outside it (advisory-locks.ts sleeps on the release counter).
 *
 *   entry  Int32 [0] holder (backend slot index + 1; 0 = free)  [1] objsubid  [2] high  [3] low
 *                [4] mode (1 share, 2 exclusive)  [5] holds
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { AdvisoryKey } from '../../functions/system/server-access.js';
import { MODE_EXCLUSIVE, RELEASE_COUNTER, SPINLOCK, type ActivityBoard } from './activity-board.js';

export const LOCK_ENTRY_BYTES = 24;
const HOLDER = 0;
const SUBID = 1;
const HIGH = 2;
const LOW = 3;
const MODE = 4;
const HOLDS = 5;
const FIELDS = 6;
/** Spins before a contended spinlock sleeps briefly instead. */
const SPINS_BEFORE_SLEEP = 1000;

/** One entry as read from the table. */
export interface LockHold {
  readonly holder: number;
  readonly key: AdvisoryKey;
  readonly mode: number;
  readonly holds: number;
}

export class AdvisoryLockTable {
  private readonly entries: Int32Array;
  private readonly count: number;

  /** `tag` names this thread as the spinlock's owner (so a dead thread's lock can be broken). */
  constructor(private readonly board: ActivityBoard, private readonly tag: number) {
    this.count = board.layout.lockEntries;
    this.entries = new Int32Array(board.buffer, board.locksOffset, this.count * FIELDS);
  }

  /** Runs `work` holding the table's spinlock. */
  locked<R>(work: () => R): R {
    const header = this.board.header;
    for (let spins = 0; Atomics.compareExchange(header, SPINLOCK, 0, this.tag) !== 0; spins++) {
      if (spins >= SPINS_BEFORE_SLEEP) Atomics.wait(header, SPINLOCK, Atomics.load(header, SPINLOCK), 1);
    }
    try {
      return work();
    } finally {
      Atomics.store(header, SPINLOCK, 0);
      Atomics.notify(header, SPINLOCK);
    }
  }

  /** The holders other than `holder` whose holds on `key` conflict with `mode` (call locked). */
  conflicting(holder: number, key: AdvisoryKey, mode: number): number[] {
    const out: number[] = [];
    const e = this.entries;
    for (let i = 0; i < this.count; i++) {
      const at = i * FIELDS;
      const owner = e[at + HOLDER]!;
      if (owner === 0 || owner === holder || !sameKey(e, at, key)) continue;
      if (mode === MODE_EXCLUSIVE || e[at + MODE] === MODE_EXCLUSIVE) out.push(owner);
    }
    return out;
  }

  /** Adds one hold (call locked, after `conflicting` found none); 53200 when the table is full. */
  add(holder: number, key: AdvisoryKey, mode: number): void {
    const e = this.entries;
    let free = -1;
    for (let i = 0; i < this.count; i++) {
      const at = i * FIELDS;
      const owner = e[at + HOLDER]!;
      if (owner === 0) { if (free < 0) free = at; continue; }
      if (owner === holder && e[at + MODE] === mode && sameKey(e, at, key)) {
        e[at + HOLDS]!++;
        return;
      }
    }
    if (free < 0) {
      throw new SqlError(SQLSTATE.OutOfMemory, 'out of shared memory', { hint: 'You might need to increase max_locks_per_transaction.' });
    }
    e[free + SUBID] = key.objsubid;
    e[free + HIGH] = key.high;
    e[free + LOW] = key.low;
    e[free + MODE] = mode;
    e[free + HOLDS] = 1;
    Atomics.store(e, free + HOLDER, holder);
  }

  /** Drops `holds` holds (call locked), waking waiters. */
  remove(holder: number, key: AdvisoryKey, mode: number, holds: number): void {
    const e = this.entries;
    for (let i = 0; i < this.count; i++) {
      const at = i * FIELDS;
      if (e[at + HOLDER] !== holder || e[at + MODE] !== mode || !sameKey(e, at, key)) continue;
      e[at + HOLDS] = Math.max(0, e[at + HOLDS]! - holds);
      if (e[at + HOLDS] === 0) Atomics.store(e, at + HOLDER, 0);
      break;
    }
    this.wakeWaiters();
  }

  /** Drops every hold of `holders` (a session ended; a thread died), waking waiters. */
  removeHolders(holders: readonly number[]): void {
    this.locked(() => {
      const e = this.entries;
      for (let i = 0; i < this.count; i++) if (holders.includes(e[i * FIELDS + HOLDER]!)) Atomics.store(e, i * FIELDS + HOLDER, 0);
      this.wakeWaiters();
    });
  }

  /** Every hold (call locked, or accept a moment's inconsistency). */
  holds(): LockHold[] {
    const out: LockHold[] = [];
    const e = this.entries;
    for (let i = 0; i < this.count; i++) {
      const at = i * FIELDS;
      const holder = e[at + HOLDER]!;
      if (holder === 0) continue;
      out.push({ holder, key: { objsubid: e[at + SUBID] as 1 | 2, high: e[at + HIGH]!, low: e[at + LOW]! }, mode: e[at + MODE]!, holds: e[at + HOLDS]! });
    }
    return out;
  }

  /** Releases the spinlock if a thread that died held it (the main thread). */
  breakLockOf(tag: number): void {
    if (Atomics.compareExchange(this.board.header, SPINLOCK, tag, 0) === tag) Atomics.notify(this.board.header, SPINLOCK);
  }

  private wakeWaiters(): void {
    Atomics.add(this.board.header, RELEASE_COUNTER, 1);
    Atomics.notify(this.board.header, RELEASE_COUNTER);
  }
}

function sameKey(e: Int32Array, at: number, key: AdvisoryKey): boolean {
  return e[at + SUBID] === key.objsubid && e[at + HIGH] === key.high && e[at + LOW] === key.low;
}
