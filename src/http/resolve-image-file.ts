/**
 * Maps a `/images/<path>` request to a file under the data directory through the one path check
 * SQL uses (common/data-path.ts): inside the data directory as written and after symlinks are
 * resolved, never the server's own store or lock file, regular files only — and an image by
 * extension, both the name asked for and the file it resolves to. The file is opened here, so
 * what was checked is what is sent.
 */
import type { FileHandle } from 'node:fs/promises';
import { openDataFile } from '../common/data-path.js';
import { SqlError } from '../common/sql-error.js';
import { SQLSTATE } from '../common/sqlstate.js';
import { imageContentType } from './content-type.js';

export type ImageFile =
  | { readonly status: 200; readonly handle: FileHandle; readonly contentType: string; readonly size: number }
  | { readonly status: 403 | 404 };

/** Percent-decodes each segment; null when a segment is malformed or holds a NUL or separator. */
function decodeSegments(rawPath: string): string[] | null {
  const segments: string[] = [];
  for (const raw of rawPath.split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    // An encoded '/' or '\' inside a segment would smuggle in a path boundary.
    if (segment.includes('\0') || segment.includes('/') || segment.includes('\\')) return null;
    segments.push(segment);
  }
  return segments;
}

/**
 * Resolves the part of the URL path after `/images/` (still percent-encoded, no query string).
 * The caller closes `handle` of a 200.
 * @example
 * await resolveImageFile('/srv/data', 'tutorial_data/a%20b.jpg') // { status: 200, handle, contentType: 'image/jpeg', … }
 * await resolveImageFile('/srv/data', '../../etc/passwd')         // { status: 403 }
 */
export async function resolveImageFile(dataDir: string, encodedPath: string): Promise<ImageFile> {
  const segments = decodeSegments(encodedPath);
  if (!segments || segments.every((s) => s === '' || s === '.')) return { status: 404 };
  if (segments.includes('..')) return { status: 403 };
  const relativePath = segments.join('/');
  const contentType = imageContentType(relativePath);
  if (!contentType) return { status: 404 };
  let file;
  try {
    file = await openDataFile({ dataDir, allowOutside: false }, relativePath, 'image');
  } catch (err) {
    if (err instanceof SqlError && err.code === SQLSTATE.InsufficientPrivilege) return { status: 403 };
    return { status: 404 };
  }
  // The link target's own extension must be an image too (a .jpg link to a .csv is not one).
  if (!imageContentType(file.realPath)) {
    await file.handle.close();
    return { status: 404 };
  }
  return { status: 200, handle: file.handle, contentType, size: file.stats.size };
}
