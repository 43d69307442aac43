/**
 * From an `image_path` value to the URL the HTTP server serves it at. Paths are relative to
 * the data directory (as COPY and the tutorial write them); an absolute path inside the data
 * directory is made relative, anything that would leave it gets no URL.
 */
import { relative, resolve, sep } from 'node:path';
import { isInsideDir } from '../../common/path-inside.js';

/** The server setting holding the HTTP server's base URL (`http://host:port`), when it runs. */
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

/** `<base>/images/<path>` with each segment percent-encoded. */
export function imageUrl(baseUrl: string, relativePath: string): string {
  return `${baseUrl}/images/${relativePath.split('/').map(encodeURIComponent).join('/')}`;
}

/** `<base>/gallery/<id>`. */
export function galleryUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/gallery/${encodeURIComponent(id)}`;
}
