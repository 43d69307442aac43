/**
 * The one way SQL reaches a file: COPY's CSV, CONVERT/SEARCH image paths (read in the CLIP
 * workers) and the gallery's `/images/` route all resolve a user-given path here. A path must
 * stay inside the data directory (unless the server allows outside paths), both as written and
 * after symlinks are resolved; the server's own files — the store and the lock file — are
 * off-limits even then; and only regular files are opened, without blocking on a FIFO.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, realpathSync, type Stats } from 'node:fs';
import { open, realpath, type FileHandle } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isInsideDir } from './path-inside.js';
import { SqlError } from './sql-error.js';
import { SQLSTATE } from './sqlstate.js';

/** The LMDB store's directory inside the data directory. */
export const STORE_DIR_NAME = 'store';
/** The data directory's lock file (PostgreSQL's postmaster.pid). */
export const LOCK_FILE_NAME = 'thanosql.pid';
/** Entries of the data directory no SQL statement or URL may read: the server's own state. */
const RESERVED_ENTRIES: readonly string[] = [STORE_DIR_NAME, LOCK_FILE_NAME];

/** Where user paths may lead. */
export interface DataFilePolicy {
  readonly dataDir: string;
  /** The server's --allow-absolute-paths: paths outside the data directory are allowed. */
  readonly allowOutside: boolean;
}

/** Whether `path` (absolute) is a reserved entry of `dataDir` or something under one. */
function isReserved(dataDir: string, path: string): boolean {
  const rel = relative(dataDir, path);
  if (rel === '' || rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel)) return false;
  return RESERVED_ENTRIES.includes(rel.split(sep)[0]!);
}

function refused(noun: string, path: string, why: string, hint: string): SqlError {
  return new SqlError(SQLSTATE.InsufficientPrivilege, `could not open ${noun} "${path}": ${why}`, { hint });
}

const OUTSIDE_HINT = 'Use a path relative to the data directory, or start the server with --allow-absolute-paths.';
const RESERVED_HINT = 'The data directory\'s store/ and thanosql.pid belong to the server.';

/** Checks an absolute candidate against the policy; `dataDir` must be in the same form (real or lexical). */
function checkPlace(policy: DataFilePolicy, dataDir: string, candidate: string, noun: string, given: string): void {
  if (isReserved(dataDir, candidate)) throw refused(noun, given, 'it is one of the server\'s own files', RESERVED_HINT);
  if (!policy.allowOutside && !isInsideDir(dataDir, candidate)) {
    throw refused(noun, given, 'path must be inside the data directory', OUTSIDE_HINT);
  }
}

/**
 * The lexical check alone (no file system access): the absolute path `path` names.
 * @example resolveDataPath({ dataDir: '/d', allowOutside: false }, 'a.csv', 'file') // '/d/a.csv'
 */
export function resolveDataPath(policy: DataFilePolicy, path: string, noun = 'file'): string {
  const dataDir = resolve(policy.dataDir);
  // An absolute path is judged by where it leads, like a relative one.
  const candidate = resolve(dataDir, path);
  checkPlace(policy, dataDir, candidate, noun, path);
  return candidate;
}

/** An opened regular file: read it through `handle`, close it when done. */
export interface OpenedDataFile {
  readonly handle: FileHandle;
  /** The file's real path (symlinks resolved). */
  readonly realPath: string;
  readonly stats: Stats;
}

/**
 * Resolves, checks and opens a user-given path: lexical check, symlinks resolved and checked
 * again, opened with O_NONBLOCK (a FIFO cannot hang the open) and O_NOFOLLOW, and refused
 * unless it is a regular file.
 * @throws SqlError 42501 (outside / reserved), 58P01 (missing), 42809 (not a regular file)
 */
export async function openDataFile(policy: DataFilePolicy, path: string, noun = 'file'): Promise<OpenedDataFile> {
  const lexical = resolveDataPath(policy, path, noun);
  let real: string;
  try {
    real = await realpath(lexical);
  } catch (err) {
    throw missing(noun, path, err);
  }
  const realDataDir = await realpath(resolve(policy.dataDir)).catch(() => resolve(policy.dataDir));
  checkPlace(policy, realDataDir, real, noun, path);
  let handle: FileHandle;
  try {
    handle = await open(real, OPEN_FLAGS);
  } catch (err) {
    throw missing(noun, path, err);
  }
  const stats = await handle.stat();
  if (!stats.isFile()) {
    await handle.close();
    throw notRegular(noun, path, stats);
  }
  return { handle, realPath: real, stats };
}

/** How a user-given file is opened: never blocking on a FIFO, never following a last-moment symlink. */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

/**
 * Reads a whole file through `openDataFile`, refusing files larger than `maxBytes`.
 * @throws SqlError 54000 when the file is larger than `maxBytes`
 */
export async function readDataFile(policy: DataFilePolicy, path: string, maxBytes: number, noun = 'file'): Promise<Buffer> {
  const file = await openDataFile(policy, path, noun);
  try {
    if (file.stats.size > maxBytes) throw tooLarge(noun, path, file.stats.size, maxBytes);
    return await file.handle.readFile();
  } finally {
    await file.handle.close();
  }
}

/**
 * `readDataFile` with the same checks in the same order, blocking the calling thread: for a thread
 * that does nothing else (a CLIP worker's decode thread), where each of the five asynchronous
 * steps would be a round trip through libuv's thread pool — threads that compete with ONNX
 * Runtime for the cores (src/ml/README.md Decision 24).
 * @throws as readDataFile
 */
export function readDataFileSync(policy: DataFilePolicy, path: string, maxBytes: number, noun = 'file'): Buffer {
  const lexical = resolveDataPath(policy, path, noun);
  let real: string;
  try {
    real = realpathSync(lexical);
  } catch (err) {
    throw missing(noun, path, err);
  }
  let realDataDir: string;
  try {
    realDataDir = realpathSync(resolve(policy.dataDir));
  } catch {
    realDataDir = resolve(policy.dataDir);
  }
  checkPlace(policy, realDataDir, real, noun, path);
  let fd: number;
  try {
    fd = openSync(real, OPEN_FLAGS);
  } catch (err) {
    throw missing(noun, path, err);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular(noun, path, stats);
    if (stats.size > maxBytes) throw tooLarge(noun, path, stats.size, maxBytes);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

function notRegular(noun: string, path: string, stats: Stats): SqlError {
  return new SqlError(SQLSTATE.WrongObjectType, `could not open ${noun} "${path}": not a regular file`, {
    hint: stats.isDirectory() ? 'it is a directory' : 'only regular files are read (not FIFOs, sockets or devices)',
  });
}

function tooLarge(noun: string, path: string, size: number, maxBytes: number): SqlError {
  return new SqlError(SQLSTATE.ProgramLimitExceeded, `${noun} "${path}" is too large (${size} bytes, the limit is ${maxBytes})`);
}

function missing(noun: string, path: string, err: unknown): SqlError {
  const code = (err as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'No such file or directory'
    : code === 'EACCES' ? 'Permission denied'
      : code === 'ELOOP' ? 'Too many levels of symbolic links'
        : code === 'EISDIR' ? 'Is a directory' : (err as Error).message;
  return new SqlError(code === 'EACCES' ? SQLSTATE.InsufficientPrivilege : SQLSTATE.UndefinedFile,
    `could not open ${noun} "${path}" for reading: ${reason}`);
}

/** `join` re-exported for callers building the store path from the same constant. */
export const storeDirOf = (dataDir: string): string => join(dataDir, STORE_DIR_NAME);
