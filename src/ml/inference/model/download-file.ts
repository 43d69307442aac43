/**
 * The one resumable HTTP download, used by the model fetch (`fetch-model.ts`) and the Unsplash
 * fetcher (`src/tools/unsplash/`): bytes go to `<dest>.part`, continued with a Range request when
 * the server honours it (206), else started over, and only a complete body is renamed to `dest`,
 * so an existing `dest` always means a whole file. Redirects are followed by hand so a caller can
 * read headers a redirect carries (the hub puts an LFS file's sha256 and size there).
 */
import { createWriteStream } from 'node:fs';
import { rename, stat, truncate } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const MAX_REDIRECTS = 5;
const HTTP_OK = 200;
const HTTP_PARTIAL = 206;
const HTTP_RANGE_NOT_SATISFIABLE = 416;

/** An HTTP answer other than 200/206 (404, 403, 500…): the caller decides whether to retry. */
export class HttpStatusError extends Error {
  constructor(readonly url: string, readonly status: number, readonly statusText = '') {
    super(`${url}: HTTP ${status}${statusText ? ` ${statusText}` : ''}`);
  }
}

/** The body ended before the length the server announced (a dropped connection): resumable. */
export class ShortBodyError extends Error {}

export interface PartDownloadOptions {
  readonly signal?: AbortSignal;
  readonly fetch?: typeof fetch;
  /** Sees every response, redirects included, before its body is read. */
  readonly onResponse?: (response: Response) => void;
  /** Each chunk as it lands: its size, the bytes on disk so far, the whole size when known. */
  readonly onBytes?: (chunk: number, onDisk: number, total: number | undefined) => void;
}

export interface PartDownload {
  /** `range-not-satisfiable` when the server refused the range: `.part` may already hold the whole file. */
  readonly status: 'written' | 'range-not-satisfiable';
  /** True when this exchange appended to an earlier `.part`. */
  readonly resumed: boolean;
  /** Bytes of `.part` now. */
  readonly onDisk: number;
  /** The file's size when the server said (Content-Length plus the resumed offset). */
  readonly total: number | undefined;
}

/** Size of a regular file, or undefined when there is none. */
export async function fileSize(path: string): Promise<number | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() ? info.size : undefined;
}

/**
 * One HTTP exchange appending to (or restarting) `part`. Throws HttpStatusError for a status
 * other than 200/206 (416 on a resumed part is returned instead) and ShortBodyError when the body
 * ends early; what `part` holds then is kept for the next attempt.
 * @example
 * const got = await downloadToPart(url, 'models/clipen/onnx/text_model.onnx.part', { onBytes: (n) => seen += n });
 */
export async function downloadToPart(url: string, part: string, options: PartDownloadOptions = {}): Promise<PartDownload> {
  const start = (await fileSize(part)) ?? 0;
  const doFetch = options.fetch ?? fetch;
  const headers: Record<string, string> = start > 0 ? { range: `bytes=${start}-` } : {};
  let response: Response;
  for (let hop = 0; ; hop++) {
    response = await doFetch(url, { headers, redirect: 'manual', ...(options.signal ? { signal: options.signal } : {}) });
    options.onResponse?.(response);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || hop === MAX_REDIRECTS || !location) break;
    await response.body?.cancel();
    url = new URL(location, url).href;
  }
  if (response.status === HTTP_RANGE_NOT_SATISFIABLE && start > 0) {
    await response.body?.cancel();
    return { status: 'range-not-satisfiable', resumed: false, onDisk: start, total: undefined };
  }
  if ((response.status !== HTTP_OK && response.status !== HTTP_PARTIAL) || !response.body) {
    await response.body?.cancel();
    throw new HttpStatusError(url, response.status, response.statusText);
  }
  const resumed = start > 0 && response.status === HTTP_PARTIAL;
  let onDisk = resumed ? start : 0;
  const length = Number(response.headers.get('content-length') ?? NaN);
  const total = Number.isFinite(length) && length >= 0 ? onDisk + length : undefined;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      onDisk += chunk.length;
      options.onBytes?.(chunk.length, onDisk, total);
      done(null, chunk);
    },
  });
  await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream), counter,
    createWriteStream(part, { flags: resumed ? 'a' : 'w' }));
  if (total !== undefined && onDisk !== total) throw new ShortBodyError(`${url}: got ${onDisk} of ${total} bytes`);
  return { status: 'written', resumed, onDisk, total };
}

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

/**
 * `url` to `dest` unless `dest` exists; a `.part` the server will not continue (416: it is as
 * long as the file, or the file changed) is started over.
 * @example
 * await downloadFile('https://images.unsplash.com/photo-1?w=400', 'data/…/abc.jpg', { onBytes: (n) => total += n });
 */
export async function downloadFile(url: string, dest: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  if ((await fileSize(dest)) !== undefined) return { status: 'skipped', bytes: 0 };
  const part = `${dest}.part`;
  const before = (await fileSize(part)) ?? 0;
  const partOptions: PartDownloadOptions = {
    ...(options.signal ? { signal: options.signal } : {}), ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.onBytes ? { onBytes: options.onBytes } : {}),
  };
  let got = await downloadToPart(url, part, partOptions);
  if (got.status === 'range-not-satisfiable') {
    await truncate(part, 0);
    got = await downloadToPart(url, part, partOptions);
  }
  await rename(part, dest);
  return { status: got.resumed ? 'resumed' : 'downloaded', bytes: got.onDisk - (got.resumed ? before : 0) };
}
