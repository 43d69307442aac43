/**
 * Maps a `/images/<path>` request to a file under the data directory, refusing escapes: the
 * decoded path must stay inside the data directory lexically (no `..`, no absolute paths) and
 * again after symlinks are resolved (realpath), so a link pointing outside is 403 too.
 */
import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isInsideDir } from '../common/path-inside.js';
import { imageContentType } from './content-type.js';

export type ImageFile =
  | { readonly status: 200; readonly path: string; readonly contentType: string; readonly size: number }
  | { readonly status: 403 | 404 };

/** Strictly inside: the data directory itself is not a file to serve. */
function inside(root: string, candidate: string): boolean {
  return resolve(root, candidate) !== resolve(root) && isInsideDir(root, candidate);
}

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
 * @example
 * await resolveImageFile('/srv/data', 'tutorial_data/a%20b.jpg') // { status: 200, path: '/srv/data/tutorial_data/a b.jpg', … }
 * await resolveImageFile('/srv/data', '../../etc/passwd')         // { status: 403 }
 */
export async function resolveImageFile(dataDir: string, encodedPath: string): Promise<ImageFile> {
  const segments = decodeSegments(encodedPath);
  if (!segments) return { status: 404 };
  if (segments.includes('..')) return { status: 403 };
  const root = resolve(dataDir);
  const candidate = resolve(root, ...segments);
  if (!inside(root, candidate)) return { status: 403 };
  const contentType = imageContentType(candidate);
  if (!contentType) return { status: 404 };
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return { status: 404 };
  }
  if (!inside(await realpath(root), real)) return { status: 403 };
  // The link target's own extension must be an image too (a .jpg link to a .csv is not one).
  if (!imageContentType(real)) return { status: 404 };
  const info = await stat(real).catch(() => undefined);
  if (!info?.isFile()) return { status: 404 };
  return { status: 200, path: real, contentType, size: info.size };
}
