/**
 * Image paths in tables are relative to the data directory (ThanoSQL's `tutorial_data/…`), like
 * COPY's file paths; a path that leaves it is refused with 42501 unless the server allows
 * absolute paths.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';

export function resolveImagePath(path: string, dataDir: string, allowAbsolute: boolean): string {
  const full = resolve(dataDir, path);
  const rel = relative(dataDir, full);
  const outside = rel.startsWith('..') || isAbsolute(rel);
  if (outside && !allowAbsolute) {
    throw new SqlError(SQLSTATE.InsufficientPrivilege, `could not open image "${path}": path must be inside the data directory`, {
      hint: 'image paths are resolved against the server\'s data directory',
    });
  }
  return full;
}
