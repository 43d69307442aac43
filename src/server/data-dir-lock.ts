/**
 * One server per data directory: an exclusive lock file (PostgreSQL's postmaster.pid, ours is
 * `thanosql.pid`) taken before anything in the directory is read, written or garbage-collected.
 * A second server finds the file, sees that its owner is alive, and exits without touching
 * anything; a file left by a server that died (kill -9, power loss) is recognised as stale by
 * its PID and that process's start time, and replaced.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LOCK_FILE_NAME } from '../common/data-path.js';

/** What a lock file records, one field per line (like postmaster.pid). */
export interface LockOwner {
  readonly pid: number;
  /** Kernel start time of the process (Linux `/proc/<pid>/stat` field 22), '' where unknown. */
  readonly processStart: string;
  readonly dataDir: string;
  readonly startedAt: string;
  readonly port: string;
}

/** Thrown when another live server holds the directory; the message says which and what to do. */
export class DataDirLockedError extends Error {
  constructor(readonly lockPath: string, readonly owner: LockOwner) {
    super(`lock file "${lockPath}" already exists: another server (PID ${owner.pid}, started ${owner.startedAt}`
      + `${owner.port ? `, port ${owner.port}` : ''}) is using data directory "${owner.dataDir}".\n`
      + 'Stop that server first, or give this one another --data-dir.');
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours; idempotent. */
  release(): void;
  /** Records the bound port in the file once known (for the message a second server prints). */
  setPort(port: number): void;
}

/** Attempts before giving up when the file keeps appearing and disappearing under us. */
const MAX_ATTEMPTS = 5;

/**
 * Takes the data directory's lock, creating the directory if needed.
 * @throws DataDirLockedError when a live server owns it.
 * @example
 * const lock = lockDataDir('/srv/data'); try { … } finally { lock.release(); }
 */
export function lockDataDir(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const path = join(dataDir, LOCK_FILE_NAME);
  const me: LockOwner = {
    pid: process.pid, processStart: processStartTime(process.pid), dataDir,
    startedAt: new Date().toISOString(), port: '',
  };
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let fd: number;
    try {
      // O_EXCL: of two servers racing for a free directory exactly one creates the file.
      fd = openSync(path, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = readOwner(path);
      if (owner && isAlive(owner)) throw new DataDirLockedError(path, owner);
      removeIfSame(path, owner);
      continue;
    }
    writeOwner(fd, me);
    closeSync(fd);
    return lockHandle(path, me);
  }
  throw new Error(`could not take lock file "${path}": it keeps changing (another server starting?)`);
}

function lockHandle(path: string, me: LockOwner): DataDirLock {
  let owner = me;
  let released = false;
  return {
    path,
    release() {
      if (released) return;
      released = true;
      // Only our own file: never delete a lock another server took after ours was removed by hand.
      if (readOwner(path)?.pid === me.pid) unlinkSync(path);
    },
    setPort(port: number) {
      if (released) return;
      owner = { ...owner, port: String(port) };
      const fd = openSync(path, 'w', 0o600);
      writeOwner(fd, owner);
      closeSync(fd);
    },
  };
}

function writeOwner(fd: number, owner: LockOwner): void {
  writeSync(fd, [owner.pid, owner.processStart, owner.dataDir, owner.startedAt, owner.port].join('\n') + '\n');
}

/** The recorded owner, or undefined for an empty or garbled file (a server that died while writing it). */
function readOwner(path: string): LockOwner | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const [pid, processStart = '', dataDir = '', startedAt = '', port = ''] = text.split('\n');
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0) return undefined;
  return { pid: n, processStart, dataDir, startedAt, port };
}

/**
 * Whether the recorded process still runs: the PID exists and, where the kernel tells start
 * times, it is the same process (not a later one that reused the PID).
 */
function isAlive(owner: LockOwner): boolean {
  if (owner.pid === process.pid) return true;
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    // EPERM: it exists but belongs to another user — alive.
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = processStartTime(owner.pid);
  return owner.processStart === '' || start === '' || start === owner.processStart;
}

function removeIfSame(path: string, owner: LockOwner | undefined): void {
  // Re-read right before unlinking so a lock taken meanwhile by a third server survives.
  const current = readOwner(path);
  if (current?.pid !== owner?.pid || current?.processStart !== owner?.processStart) return;
  try {
    unlinkSync(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}

/** Field 22 of /proc/<pid>/stat (clock ticks since boot); '' off Linux or when unreadable. */
function processStartTime(pid: number): string {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may contain spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields[19] ?? '';
  } catch {
    return '';
  }
}
