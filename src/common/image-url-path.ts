/**
 * From an image path value (as COPY and the tutorial store it) to the URL the gallery's HTTP
 * server serves it at. Used by PRINT IMAGE's `image_url` column and the `image_url(path)` SQL
 * function alike, so both give the same URL for the same path. Which paths get one is decided by
 * the one data-path resolver (`data-path.ts`, lexically: no file system access per row), so a
 * path the `/images/` route would refuse for where it points gets no URL.
 */
import { relative, resolve, sep } from 'node:path';
import { resolveDataPath } from './data-path.js';

/** The setting holding the HTTP server's base URL (`http://host:port`); the server sets it when the HTTP server runs. */
export const HTTP_URL_SETTING = 'thanosql.http_url';

/**
 * The data-dir-relative, `/`-separated form of `path`, or null when it points outside the
 * data directory, names the server's own files (store/, the lock file) or is empty.
 * @example
 * relativeImagePath('/data', 'tutorial_data/x.jpg') // 'tutorial_data/x.jpg'
 * relativeImagePath('/data', '../etc/passwd')        // null
 */
export function relativeImagePath(dataDir: string, path: string): string | null {
  const local = path.replace(/\\/g, '/');
  if (local === '') return null;
  let absolute: string;
  try {
    absolute = resolveDataPath({ dataDir, allowOutside: false }, local, 'image');
  } catch {
    return null;
  }
  const inside = relative(resolve(dataDir), absolute).split(sep).join('/');
  return inside === '' ? null : inside;
}

/** `<base>/images/<path>` with each segment percent-encoded (a trailing `/` of the base is dropped). */
export function imageUrl(baseUrl: string, relativePath: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/images/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}
