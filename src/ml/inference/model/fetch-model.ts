/**
 * Downloads a CLIP model from the Hugging Face hub layout (`<base>/<repo>/resolve/<revision>/<file>`)
 * into a model directory: resumable (`<file>.part` + HTTP Range), retried after a dropped connection,
 * checked against a sha256 (the hub's X-Linked-ETag for LFS files, or a caller's manifest), with
 * progress callbacks and an offline mode that refuses to touch the network.
 *
 * @example
 * await fetchModel({ destDir: 'models/clipen', variant: 'quantized', onProgress: (p) => log(p) });
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SqlError } from '../../../common/sql-error.js';
import { SQLSTATE } from '../../../common/sqlstate.js';
import { downloadToPart, fileSize, HttpStatusError, ShortBodyError } from './download-file.js';
import { DEFAULT_MODEL_REPO, modelFileList, type ModelVariant } from './model-files.js';

export const DEFAULT_HUB_URL = 'https://huggingface.co';

export interface FetchProgress {
  readonly file: string;
  /** Bytes of this file on disk so far (a resumed download starts above zero). */
  readonly bytes: number;
  /** Size of the file when the server said, else undefined. */
  readonly total: number | undefined;
}

export interface FetchModelOptions {
  readonly destDir: string;
  readonly repo?: string;
  readonly revision?: string;
  /** Hub base URL; tests point it at a local server. */
  readonly baseUrl?: string;
  readonly variant?: ModelVariant;
  /** Files to fetch, relative; default `modelFileList(variant)`. */
  readonly files?: readonly string[];
  /** Refuse any download (default: env THANOSQL_OFFLINE=1 or HF_HUB_OFFLINE=1). */
  readonly offline?: boolean;
  /** Expected sha256 (hex) per relative file name; wins over the server's ETag. */
  readonly manifest?: Readonly<Record<string, string>>;
  readonly onProgress?: (progress: FetchProgress) => void;
  /** Extra attempts after a dropped connection or short body. Default 3. */
  readonly retries?: number;
  /** Pause before attempt k is k × this. Default 500 ms. */
  readonly retryDelayMs?: number;
  readonly signal?: AbortSignal;
}

export interface FetchModelResult {
  readonly downloaded: readonly string[];
  readonly present: readonly string[];
}

/** True when the environment asks for offline mode. */
export function offlineFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return ['THANOSQL_OFFLINE', 'HF_HUB_OFFLINE'].some((k) => /^(1|true|yes|on)$/i.test(env[k] ?? ''));
}

/** Fetches every missing file; files already in place are kept (and checked against a manifest). */
export async function fetchModel(options: FetchModelOptions): Promise<FetchModelResult> {
  const files = options.files ?? modelFileList(options.variant ?? 'fp32');
  const present: string[] = [];
  const missing: string[] = [];
  for (const file of files) {
    const path = join(options.destDir, file);
    const expected = options.manifest?.[file];
    const ok = (await sizeOf(path)) > 0 && (expected === undefined || (await sha256File(path)) === expected.toLowerCase());
    (ok ? present : missing).push(file);
  }
  if (missing.length > 0 && (options.offline ?? offlineFromEnv())) {
    throw new SqlError(SQLSTATE.UndefinedFile, `offline mode: not downloading ${missing.length} missing model file(s): ${missing.join(', ')}`, {
      hint: `place them under ${options.destDir} by hand (from ${hubUrl(options, '')}), or unset THANOSQL_OFFLINE/HF_HUB_OFFLINE`,
    });
  }
  for (const file of missing) await fetchFile(file, options);
  return { downloaded: missing, present };
}

function hubUrl(options: FetchModelOptions, file: string): string {
  const base = (options.baseUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, '');
  return `${base}/${options.repo ?? DEFAULT_MODEL_REPO}/resolve/${options.revision ?? 'main'}/${file}`;
}

/** One file: resume `.part`, retry dropped connections, verify, then rename into place. */
async function fetchFile(file: string, options: FetchModelOptions): Promise<void> {
  const target = join(options.destDir, file);
  const part = `${target}.part`;
  await mkdir(dirname(target), { recursive: true });
  const retries = options.retries ?? 3;
  let lastError: unknown;
  for (let attempt = 0; attempt <= retries; attempt++) {
    if (attempt > 0) await sleep(attempt * (options.retryDelayMs ?? 500), undefined, { signal: options.signal });
    try {
      const { total, sha256 } = await downloadOnce(file, part, options);
      const size = await sizeOf(part);
      if (total !== undefined && size !== total) throw new ShortBodyError(`${file}: got ${size} of ${total} bytes`);
      const expected = options.manifest?.[file] ?? sha256;
      if (expected !== undefined) {
        const actual = await sha256File(part);
        if (actual !== expected.toLowerCase()) {
          await unlink(part).catch(() => undefined);
          throw new SqlError(SQLSTATE.IoError, `checksum mismatch for ${file}: expected sha256 ${expected}, got ${actual}`, {
            hint: 'the partial download was removed; try again, or check the manifest',
          });
        }
      }
      await rename(part, target);
      return;
    } catch (err) {
      if (err instanceof SqlError || options.signal?.aborted) throw err;
      lastError = err; // dropped connection or short body: resume from what .part holds
    }
  }
  const message = lastError instanceof Error ? lastError.message : String(lastError);
  throw new SqlError(SQLSTATE.IoError, `could not download ${file} after ${retries + 1} attempts: ${message}`);
}

/**
 * One HTTP exchange appending to `.part` (download-file.ts); returns the full size and the sha256
 * the server advertised. The hub puts an LFS file's sha256 and size on the redirect, not on the
 * CDN's answer, so every response's headers are read.
 */
async function downloadOnce(file: string, part: string, options: FetchModelOptions): Promise<{ total?: number; sha256?: string }> {
  let advertised: string | undefined;
  let linkedSize: number | undefined;
  const url = hubUrl(options, file);
  let got;
  try {
    got = await downloadToPart(url, part, {
      ...(options.signal ? { signal: options.signal } : {}),
      onResponse: (res) => {
        advertised ??= sha256FromEtag(res.headers.get('x-linked-etag') ?? res.headers.get('etag'));
        linkedSize ??= numberOrUndefined(res.headers.get('x-linked-size'));
      },
      onBytes: (_chunk, bytes, total) => options.onProgress?.({ file, bytes, total: total ?? linkedSize }),
    });
  } catch (err) {
    if (!(err instanceof HttpStatusError)) throw err;
    const code = err.status === 404 ? SQLSTATE.UndefinedFile : SQLSTATE.IoError;
    throw new SqlError(code, `download of ${err.url} failed: HTTP ${err.status} ${err.statusText}`);
  }
  // A refused range: the .part already holds the whole file.
  if (got.status === 'range-not-satisfiable') return { total: got.onDisk, sha256: advertised };
  return { total: got.total ?? linkedSize, sha256: advertised };
}

/** A sha256 hex digest from an ETag value (quoted, maybe weak), or undefined if it is not one. */
export function sha256FromEtag(etag: string | null): string | undefined {
  const value = etag?.replace(/^W\//, '').replace(/"/g, '').trim().toLowerCase();
  return value && /^[0-9a-f]{64}$/.test(value) ? value : undefined;
}

/** Hex sha256 of a file, streamed. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function sizeOf(path: string): Promise<number> {
  return (await fileSize(path)) ?? 0;
}

function numberOrUndefined(value: string | null): number | undefined {
  const n = value === null ? NaN : Number(value);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}
