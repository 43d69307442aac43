/**
 * Image paths in tables are relative to the data directory (ThanoSQL's `tutorial_data/…`), like
 * COPY's file paths; a path that leaves it is refused with 42501 unless the server allows
 * absolute paths.
 */
import { resolve } from 'node:path';
import { isInsideDir } from '../../common/path-inside.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';

/** The absolute file an image path names; 42501 when it leaves the data directory and that is not allowed. */
export function resolveImagePath(path: string, dataDir: string, allowAbsolute: boolean): string {
  if (!isInsideDir(dataDir, path) && !allowAbsolute) {
    throw new SqlError(SQLSTATE.InsufficientPrivilege, `could not open image "${path}": path must be inside the data directory`, {
      hint: 'image paths are resolved against the server\'s data directory',
    });
  }
  return resolve(dataDir, path);
}
