/**
 * What a failed LMDB write means for a client. lmdb-js throws plain Errors whose `code` is the
 * errno or MDB_* code; a full disk shows up three ways: ENOSPC (nothing written), EIO (LMDB's
 * "short write, filesystem full?": part of a page run written, the rest refused) and
 * MDB_MAP_FULL (the memory map could not grow). Those become PostgreSQL's
 * `53100 could not extend file "…": No space left on device` (HINT "Check free disk space."),
 * other I/O errors `58030 could not write to file`, instead of XX000.
 */
import { statfsSync } from 'node:fs';
import { SqlError, SQLSTATE } from '../common/sql-error.js';

const ENOSPC = 28;
const EIO = 5;
const EDQUOT = 122;
/** LMDB's MDB_MAP_FULL. */
const MDB_MAP_FULL = -30792;
/**
 * An EIO with less than this free on the store's filesystem is a short write into a full disk:
 * LMDB writes page runs of at most a few MiB, and a short write leaves next to nothing free.
 */
const NEARLY_FULL_BYTES = 8 * 1024 * 1024;
/**
 * Below this much free space, pages a commit freed should become reusable at once (see
 * `lowOnSpace`); above it LMDB may as well grow its file.
 */
const LOW_SPACE_BYTES = 256 * 1024 * 1024;

const DISK_FULL_HINT = 'Check free disk space.';

/**
 * The errno of an lmdb-js error (or MDB_MAP_FULL); undefined for anything else — a JS bug, a
 * SqlError, another MDB_* code (those are bugs too, and stay XX000).
 */
function lmdbCode(err: unknown): number | undefined {
  if (err instanceof SqlError || !(err instanceof Error)) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'number' || !Number.isInteger(code)) return undefined;
  return code > 0 || code === MDB_MAP_FULL ? code : undefined;
}

/** Bytes an unprivileged writer may still use on the filesystem holding `dir` (Infinity if unknown). */
function freeBytes(dir: string): number {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return Infinity;
  }
}

/** True when the filesystem holding `dir` has little room left (a statfs call, microseconds). */
export const lowOnSpace = (dir: string): boolean => freeBytes(dir) < LOW_SPACE_BYTES;

/** True when `err` (thrown by an LMDB write in `dir`) means there is no room left. */
export function isDiskFull(err: unknown, dir: string): boolean {
  const code = lmdbCode(err);
  if (code === ENOSPC || code === EDQUOT || code === MDB_MAP_FULL) return true;
  return code === EIO && freeBytes(dir) < NEARLY_FULL_BYTES;
}

/**
 * The SqlError a client gets for a failed write to `file` (named relative to the data directory,
 * as PostgreSQL names relation files); `err` itself when it is not an LMDB error.
 * @example
 * throw writeError(err, storeDir, 'store/data.mdb'); // 53100 could not extend file "store/data.mdb": No space left on device
 */
export function writeError(err: unknown, dir: string, file: string): unknown {
  const code = lmdbCode(err);
  if (code === undefined) return err;
  if (isDiskFull(err, dir)) {
    const reason = code === MDB_MAP_FULL ? 'the store\'s memory map cannot grow' : 'No space left on device';
    return new SqlError(SQLSTATE.DiskFull, `could not extend file "${file}": ${reason}`, { hint: DISK_FULL_HINT });
  }
  return new SqlError(SQLSTATE.IoError, `could not write to file "${file}": ${(err as Error).message}`);
}
