/**
 * One resumable download: bytes go to `<dest>.part`, which is renamed to `dest` only when the
 * body is complete, so an existing `dest` always means a whole file. A leftover `.part` is
 * continued with a Range request when the server honours it (206), else started over.
 */
import { createWriteStream } from 'node:fs';
import { rename, stat, truncate } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface DownloadOptions {
  readonly signal?: AbortSignal;
  /** Called with each chunk's size as it arrives. */
  readonly onBytes?: (bytes: number) => void;
  readonly fetch?: typeof fetch;
}

export interface DownloadResult {
  /** 'skipped' when `dest` already existed. */
  readonly status: 'downloaded' | 'resumed' | 'skipped';
  readonly bytes: number;
}

/** An HTTP answer that is not worth retrying (404, 403…). */
export class HttpStatusError extends Error {
  constructor(readonly url: string, readonly status: number) {
    super(`${url}: HTTP ${status}`);
  }
}

const HTTP_PARTIAL = 206;
const HTTP_RANGE_NOT_SATISFIABLE = 416;

async function sizeOf(path: string): Promise<number | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? info.size : undefined;
}

/**
 * @example
 * await downloadFile('https://images.unsplash.com/photo-1?w=400', 'data/…/abc.jpg', { onBytes: (n) => total += n });
 */
export async function downloadFile(url: string, dest: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  if ((await sizeOf(dest)) !== undefined) return { status: 'skipped', bytes: 0 };
  const part = `${dest}.part`;
  const have = (await sizeOf(part)) ?? 0;
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = have > 0 ? { Range: `bytes=${have}-` } : {};
  const response = await doFetch(url, { headers, redirect: 'follow', ...(options.signal ? { signal: options.signal } : {}) });
  if (response.status === HTTP_RANGE_NOT_SATISFIABLE && have > 0) {
    // The part is already as long as the file (or the file changed): start over.
    await response.body?.cancel();
    await truncate(part, 0);
    return downloadFile(url, dest, options);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new HttpStatusError(url, response.status);
  }
  const resumed = have > 0 && response.status === HTTP_PARTIAL;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      options.onBytes?.(chunk.length);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), counter, createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
  const expected = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(expected) && bytes !== expected) throw new Error(`${url}: got ${bytes} of ${expected} bytes`);
  await rename(part, dest);
  return { status: resumed ? 'resumed' : 'downloaded', bytes };
}
