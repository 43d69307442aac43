/**
 * What a statement may see of the server beyond its own session: every backend's activity
 * (pg_stat_activity), signals to other backends (pg_cancel_backend, pg_terminate_backend) and
 * the advisory locks all sessions share (pg_advisory_lock & co., pg_locks). The engine
 * implements it over memory shared by every engine thread; absent at plan time.
 */

/** One backend as pg_stat_activity shows it; times in microseconds since the epoch, null when unset. */
export interface BackendActivity {
  readonly pid: number;
  readonly usename: string;
  readonly datname: string;
  readonly applicationName: string;
  readonly clientAddr: string | null;
  readonly clientPort: number | null;
  readonly backendStart: number | null;
  readonly xactStart: number | null;
  readonly queryStart: number | null;
  readonly stateChange: number | null;
  /** 'active', 'idle', 'idle in transaction', 'idle in transaction (aborted)'; null while logging in. */
  readonly state: string | null;
  readonly query: string;
  /** 'Lock' / 'advisory' while waiting for an advisory lock, else null. */
  readonly waitEventType: string | null;
  readonly waitEvent: string | null;
}

/** An advisory lock key: one bigint (objsubid 1) or two integers (objsubid 2), as pg_locks splits them. */
export interface AdvisoryKey {
  /** pg_locks.classid: the bigint's high 32 bits, or the first integer. */
  readonly high: number;
  /** pg_locks.objid: the bigint's low 32 bits, or the second integer. */
  readonly low: number;
  readonly objsubid: 1 | 2;
}

export type AdvisoryMode = 'exclusive' | 'share';
export type AdvisoryLevel = 'session' | 'transaction';

/** One row of pg_locks for an advisory lock: held (granted) or waited for. */
export interface AdvisoryLockRow {
  readonly key: AdvisoryKey;
  readonly pid: number;
  readonly mode: AdvisoryMode;
  readonly granted: boolean;
  /** When the wait began (µs since the epoch), for rows not granted. */
  readonly waitStart: number | null;
}

/** This session's advisory locks. */
export interface AdvisoryLocks {
  /**
   * Takes the lock, waiting while another session holds a conflicting one (interruptible;
   * 40P01 when the wait closes a cycle of waits). `wait` false: returns false instead of waiting.
   */
  acquire(key: AdvisoryKey, mode: AdvisoryMode, level: AdvisoryLevel, wait: boolean, checkInterrupts: () => void): Promise<boolean>;
  /** Releases one session-level hold; false (PostgreSQL warns) when the session holds none. */
  release(key: AdvisoryKey, mode: AdvisoryMode): boolean;
  /** pg_advisory_unlock_all: every session-level hold. */
  releaseAll(): void;
  /** Every advisory lock held or awaited, server-wide (pg_locks). */
  list(): AdvisoryLockRow[];
}

export interface ServerAccess {
  /** Every backend, this one included. */
  backends(): BackendActivity[];
  /** Sends a cancel or terminate request to `pid`; false when no backend has that pid. */
  signalBackend(pid: number, how: 'cancel' | 'terminate'): boolean;
  /** When the server started (µs since the epoch): pg_postmaster_start_time(). */
  readonly startTime: number;
  readonly advisory: AdvisoryLocks;
}
