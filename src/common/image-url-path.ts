/**
 * From an image path value (as COPY and the tutorial store it) to the URL the gallery's HTTP
 * server serves it at. Used by PRINT IMAGE's `image_url` column and the `image_url(path)` SQL
 * function alike, so both give the same URL for the same path.
 */
import { relative, resolve, sep } from 'node:path';
import { isInsideDir } from './path-inside.js';

/** The setting holding the HTTP server's base URL (`http://host:port`); the server sets it when the HTTP server runs. */
export const HTTP_URL_SETTING = 'thanosql.http_url';

/**
 * The data-dir-relative, `/`-separated form of `path`, or null when it points outside the
 * data directory or is empty.
 * @example
 * relativeImagePath('/data', 'tutorial_data/x.jpg') // 'tutorial_data/x.jpg'
 * relativeImagePath('/data', '../etc/passwd')        // null
 */
export function relativeImagePath(dataDir: string, path: string): string | null {
  const local = path.replace(/\\/g, '/');
  if (local === '' || !isInsideDir(dataDir, local)) return null;
  const inside = relative(dataDir, resolve(dataDir, local)).split(sep).join('/');
  return inside === '' ? null : inside;
}

/** `<base>/images/<path>` with each segment percent-encoded (a trailing `/` of the base is dropped). */
export function imageUrl(baseUrl: string, relativePath: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/images/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}
