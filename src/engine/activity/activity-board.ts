/**
 * The server's activity board: one SharedArrayBuffer, made by the main thread and mapped by
 * every engine thread, where each backend publishes what pg_stat_activity shows (its pid,
 * state, query, times) and where the advisory lock table lives (advisory-lock-table.ts). Shared
 * memory, not messages, so a statement reads every session's state synchronously and without
 * asking threads that may be busy — as PostgreSQL's backends read each other's PgBackendStatus.
 *
 * Each backend slot is written only by the thread serving that backend, under a sequence
 * counter (odd while a write is in progress), so readers retry instead of seeing a torn row.
 *
 *   header  Int32 [0] advisory table spinlock (owner tag, 0 = free)
 *           Int32 [1] advisory release counter (waiters sleep on it)
 *           Float64 [1] server start (epoch ms)
 *   slots   SLOT_BYTES each, then the advisory lock entries (advisory-lock-table.ts)
 */
import type { BackendActivity } from '../../functions/system/server-access.js';

const HEADER_BYTES = 16;
export const SPINLOCK = 0;
export const RELEASE_COUNTER = 1;

// Int32 fields of a slot.
const SEQ = 0;
const PID = 1;
const STATE = 2;
const CLIENT_PORT = 3;
/** The advisory lock this backend waits for: objsubid (0 = not waiting), high, low, mode. */
const WAIT_SUBID = 4;
const WAIT_HIGH = 5;
const WAIT_LOW = 6;
const WAIT_MODE = 7;
const INT_FIELDS = 8;
// Float64 fields (after the ints).
const BACKEND_START = 0;
const XACT_START = 1;
const QUERY_START = 2;
const STATE_CHANGE = 3;
const WAIT_START = 4;
const FLOAT_FIELDS = 5;
/** Text fields: [byte capacity]. The query keeps PostgreSQL's track_activity_query_size (1024). */
const TEXTS = { usename: 64, datname: 64, applicationName: 64, clientAddr: 48, query: 1024 } as const;
type TextField = keyof typeof TEXTS;
const TEXT_LENGTH_BYTES = 2;
const TEXT_OFFSETS = (() => {
  let offset = INT_FIELDS * 4 + FLOAT_FIELDS * 8;
  const out = {} as Record<TextField, number>;
  for (const [name, size] of Object.entries(TEXTS) as [TextField, number][]) {
    out[name] = offset;
    offset += TEXT_LENGTH_BYTES + size;
  }
  return { offsets: out, end: offset };
})();
/** Slot size, rounded to 8 bytes so each slot's Float64 fields are aligned. */
const SLOT_BYTES = Math.ceil(TEXT_OFFSETS.end / 8) * 8;

export type BackendState = 'starting' | 'idle' | 'active' | 'idle in transaction' | 'idle in transaction (aborted)';
const STATES: readonly BackendState[] = ['starting', 'idle', 'active', 'idle in transaction', 'idle in transaction (aborted)'];

/** Lock modes as slots and the lock table store them. */
export const MODE_SHARE = 1;
export const MODE_EXCLUSIVE = 2;

const MICROS_PER_MILLI = 1000;
const READ_RETRIES = 100;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface BoardLayout {
  readonly slots: number;
  readonly lockEntries: number;
  readonly lockEntryBytes: number;
}

/** What a backend publishes once it has logged in. */
export interface BackendIdentity {
  readonly usename: string;
  readonly datname: string;
  readonly applicationName: string;
  readonly clientAddr: string | null;
  readonly clientPort: number | null;
}

/** The advisory lock a backend waits for, as its slot records it. */
export interface BackendWait {
  readonly pid: number;
  readonly objsubid: number;
  readonly high: number;
  readonly low: number;
  readonly mode: number;
  readonly since: number;
}

export class ActivityBoard {
  readonly header: Int32Array;
  readonly slotCount: number;
  /** Byte offset of the advisory lock entries. */
  readonly locksOffset: number;

  constructor(readonly buffer: SharedArrayBuffer, readonly layout: BoardLayout) {
    this.header = new Int32Array(buffer, 0, 2);
    this.slotCount = layout.slots;
    this.locksOffset = HEADER_BYTES + layout.slots * SLOT_BYTES;
  }

  /** A new board for `slots` backends and `lockEntries` advisory lock holds (the main thread). */
  static create(layout: BoardLayout, startedMs = Date.now()): ActivityBoard {
    const bytes = HEADER_BYTES + layout.slots * SLOT_BYTES + layout.lockEntries * layout.lockEntryBytes;
    const board = new ActivityBoard(new SharedArrayBuffer(bytes), layout);
    new Float64Array(board.buffer, 8, 1)[0] = startedMs;
    return board;
  }

  get startTimeMs(): number {
    return new Float64Array(this.buffer, 8, 1)[0]!;
  }

  /** Takes a free slot for `pid`; undefined when the board is full (the backend is then not shown). */
  claim(pid: number): BackendSlot | undefined {
    for (let i = 0; i < this.slotCount; i++) {
      const ints = this.ints(i);
      if (Atomics.compareExchange(ints, PID, 0, pid) === 0) {
        const slot = new BackendSlot(this, i, pid);
        slot.reset();
        return slot;
      }
    }
    return undefined;
  }

  /** The slot index of `pid`, or -1. */
  indexOf(pid: number): number {
    for (let i = 0; i < this.slotCount; i++) if (Atomics.load(this.ints(i), PID) === pid) return i;
    return -1;
  }

  pidAt(index: number): number {
    return Atomics.load(this.ints(index), PID);
  }

  /** Every backend that has logged in. */
  backends(): BackendActivity[] {
    const out: BackendActivity[] = [];
    for (let i = 0; i < this.slotCount; i++) {
      if (Atomics.load(this.ints(i), PID) === 0) continue;
      const row = this.readSlot(i);
      if (row) out.push(row);
    }
    return out;
  }

  /** The advisory lock each waiting backend waits for. */
  waits(): BackendWait[] {
    const out: BackendWait[] = [];
    for (let i = 0; i < this.slotCount; i++) {
      const ints = this.ints(i);
      const pid = Atomics.load(ints, PID);
      if (pid === 0 || Atomics.load(ints, WAIT_SUBID) === 0) continue;
      const wait = this.consistent(i, () => ({
        pid, objsubid: ints[WAIT_SUBID]!, high: ints[WAIT_HIGH]!, low: ints[WAIT_LOW]!, mode: ints[WAIT_MODE]!,
        since: this.floats(i)[WAIT_START]!,
      }));
      if (wait && wait.objsubid !== 0) out.push(wait);
    }
    return out;
  }

  /** Frees the slots of backends whose thread died (the main thread, after the thread is gone). */
  releasePids(pids: readonly number[]): void {
    for (let i = 0; i < this.slotCount; i++) {
      const ints = this.ints(i);
      if (pids.includes(Atomics.load(ints, PID))) {
        Atomics.store(ints, WAIT_SUBID, 0);
        Atomics.store(ints, PID, 0);
      }
    }
  }

  ints(index: number): Int32Array {
    return new Int32Array(this.buffer, HEADER_BYTES + index * SLOT_BYTES, INT_FIELDS);
  }

  floats(index: number): Float64Array {
    return new Float64Array(this.buffer, HEADER_BYTES + index * SLOT_BYTES + INT_FIELDS * 4, FLOAT_FIELDS);
  }

  text(index: number, field: TextField): Uint8Array {
    return new Uint8Array(this.buffer, HEADER_BYTES + index * SLOT_BYTES + TEXT_OFFSETS.offsets[field], TEXT_LENGTH_BYTES + TEXTS[field]);
  }

  /** Runs `read` until it saw no write in progress (bounded: a writer never holds a slot for long). */
  private consistent<R>(index: number, read: () => R): R | undefined {
    const ints = this.ints(index);
    for (let attempt = 0; attempt < READ_RETRIES; attempt++) {
      const before = Atomics.load(ints, SEQ);
      if (before % 2 === 1) continue;
      const value = read();
      if (Atomics.load(ints, SEQ) === before) return value;
    }
    return undefined;
  }

  private readSlot(index: number): BackendActivity | undefined {
    const ints = this.ints(index);
    const floats = this.floats(index);
    const micros = (ms: number) => (ms > 0 ? Math.round(ms * MICROS_PER_MILLI) : null);
    return this.consistent(index, () => {
      const state = STATES[ints[STATE]!] ?? 'starting';
      const waiting = ints[WAIT_SUBID] !== 0;
      const port = ints[CLIENT_PORT]!;
      return {
        pid: ints[PID]!, usename: readText(this.text(index, 'usename')), datname: readText(this.text(index, 'datname')),
        applicationName: readText(this.text(index, 'applicationName')),
        clientAddr: readText(this.text(index, 'clientAddr')) || null, clientPort: port > 0 ? port : null,
        backendStart: micros(floats[BACKEND_START]!), xactStart: micros(floats[XACT_START]!),
        queryStart: micros(floats[QUERY_START]!), stateChange: micros(floats[STATE_CHANGE]!),
        state: state === 'starting' ? null : state, query: readText(this.text(index, 'query')),
        waitEventType: waiting ? 'Lock' : null, waitEvent: waiting ? 'advisory' : null,
      };
    });
  }
}

/** One backend's slot, written by the thread serving it. */
export class BackendSlot {
  constructor(private readonly board: ActivityBoard, readonly index: number, readonly pid: number) {}

  reset(): void {
    this.write((ints, floats) => {
      ints[STATE] = 0;
      ints[CLIENT_PORT] = 0;
      ints[WAIT_SUBID] = 0;
      floats.fill(0);
      floats[BACKEND_START] = Date.now();
      for (const field of Object.keys(TEXTS) as TextField[]) writeText(this.board.text(this.index, field), '');
    });
  }

  identify(who: BackendIdentity): void {
    this.write((ints) => {
      ints[CLIENT_PORT] = who.clientPort ?? 0;
      writeText(this.board.text(this.index, 'usename'), who.usename);
      writeText(this.board.text(this.index, 'datname'), who.datname);
      writeText(this.board.text(this.index, 'applicationName'), who.applicationName);
      writeText(this.board.text(this.index, 'clientAddr'), who.clientAddr ?? '');
    });
  }

  setApplicationName(name: string): void {
    this.write(() => writeText(this.board.text(this.index, 'applicationName'), name));
  }

  /**
   * The backend's state changed; `query` (when given) is the statement it now runs, with its
   * start time; `inTransaction` keeps or clears xact_start.
   */
  setState(state: BackendState, inTransaction: boolean, query?: string): void {
    const now = Date.now();
    this.write((ints, floats) => {
      ints[STATE] = STATES.indexOf(state);
      floats[STATE_CHANGE] = now;
      if (!inTransaction) floats[XACT_START] = 0;
      else if (floats[XACT_START] === 0) floats[XACT_START] = now;
      if (query !== undefined) {
        floats[QUERY_START] = now;
        writeText(this.board.text(this.index, 'query'), query);
      }
    });
  }

  /** Starts (or, with undefined, ends) waiting for an advisory lock. */
  setWait(wait: { objsubid: number; high: number; low: number; mode: number } | undefined): void {
    this.write((ints, floats) => {
      ints[WAIT_SUBID] = wait?.objsubid ?? 0;
      ints[WAIT_HIGH] = wait?.high ?? 0;
      ints[WAIT_LOW] = wait?.low ?? 0;
      ints[WAIT_MODE] = wait?.mode ?? 0;
      floats[WAIT_START] = wait ? Date.now() : 0;
    });
  }

  /** The backend is gone. */
  release(): void {
    const ints = this.board.ints(this.index);
    Atomics.store(ints, WAIT_SUBID, 0);
    Atomics.compareExchange(ints, PID, this.pid, 0);
  }

  private write(change: (ints: Int32Array, floats: Float64Array) => void): void {
    const ints = this.board.ints(this.index);
    Atomics.add(ints, SEQ, 1);
    try {
      change(ints, this.board.floats(this.index));
    } finally {
      Atomics.add(ints, SEQ, 1);
    }
  }
}

/** Writes `text` as a length-prefixed UTF-8 string, cut at a character boundary to fit. */
function writeText(field: Uint8Array, text: string): void {
  const { written } = encoder.encodeInto(text, field.subarray(TEXT_LENGTH_BYTES));
  field[0] = written & 0xff;
  field[1] = written >> 8;
}

function readText(field: Uint8Array): string {
  const length = field[0]! | (field[1]! << 8);
  // A copy: TextDecoder does not read shared memory.
  return decoder.decode(field.slice(TEXT_LENGTH_BYTES, TEXT_LENGTH_BYTES + length));
}
