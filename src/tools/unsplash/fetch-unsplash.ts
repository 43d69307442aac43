/**
 * `npm run fetch-unsplash`: the real Unsplash Dataset Lite in place of the generated sample.
 * Gets the dataset (the Lite ZIP, or a photos TSV given by URL or path), downloads each photo
 * at a chosen width into `<dataDir>/tutorial_data/unsplash_data/images/<photo_id>.jpg` with a
 * few parallel, resumable downloads, then writes `unsplash.csv` in the tutorial's five columns
 * for the photos on disk. Re-running skips finished files and continues `.part` files.
 *
 * @example
 * await fetchUnsplash({ dataDir: 'data', limit: 1000, onProgress: (p) => console.log(p.done, p.total) });
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SAMPLE_COLUMNS, SAMPLE_CSV, SAMPLE_DIR } from '../sample/ensure-sample-data.js';
import { downloadFile, HttpStatusError } from '../../ml/inference/model/download-file.js';
import { parsePhotosTsv, type UnsplashPhoto } from './parse-photos-tsv.js';
import { isZipFile, listZipEntries, readZipEntryText } from './read-zip-entries.js';

/** Where unsplash.com hands out the current Lite archive (a redirect to the ZIP). */
export const UNSPLASH_LITE_URL = 'https://unsplash.com/data/lite/latest';
export const DEFAULT_WIDTH = 400;
export const DEFAULT_CONCURRENCY = 8;
const DEFAULT_RETRIES = 2;
const RETRY_DELAY_MS = 500;
/** Photo ids become file names: anything but Unsplash's id alphabet is refused. */
const SAFE_ID = /^[A-Za-z0-9_-]+$/;
const PHOTOS_ENTRY = /(^|\/)photos\.tsv\d*$/;
const HTTP_TOO_MANY = 429;
const HTTP_SERVER_ERROR = 500;

export interface FetchUnsplashOptions {
  readonly dataDir: string;
  /** The Lite ZIP or a photos TSV: an http(s) URL or a local path. Default: UNSPLASH_LITE_URL. */
  readonly source?: string;
  /** Image width in pixels (Unsplash's `?w=` resize). */
  readonly width?: number;
  readonly concurrency?: number;
  /** Only the first N photos of the TSV. */
  readonly limit?: number;
  readonly retries?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: FetchProgress) => void;
  readonly fetch?: typeof fetch;
}

export interface FetchProgress {
  readonly phase: 'dataset' | 'images';
  /** Photos finished (downloaded, already present or failed) of `total`; 0/0 while fetching the dataset. */
  readonly done: number;
  readonly total: number;
  /** Bytes received in this phase. */
  readonly bytes: number;
  readonly failed: number;
}

export interface FetchUnsplashResult {
  readonly csvPath: string;
  /** Rows written to the CSV (photos present on disk). */
  readonly rows: number;
  readonly downloaded: number;
  readonly skipped: number;
  readonly failed: readonly { readonly photoId: string; readonly error: string }[];
  readonly bytes: number;
}

/** `photo_image_url` with `w=<width>` added to its query string. */
export function sizedImageUrl(photoImageUrl: string, width: number): string {
  return `${photoImageUrl}${photoImageUrl.includes('?') ? '&' : '?'}w=${width}`;
}

/** Downloads (or finds) the dataset and returns the photos it lists. */
async function loadPhotos(options: FetchUnsplashOptions, dir: string): Promise<UnsplashPhoto[]> {
  const source = options.source ?? UNSPLASH_LITE_URL;
  let path = source;
  if (/^https?:\/\//i.test(source)) {
    const name = basename(new URL(source).pathname) || 'dataset';
    path = join(dir, 'download', `${name}.download`);
    await mkdir(join(dir, 'download'), { recursive: true });
    let bytes = 0;
    await downloadFile(source, path, {
      ...(options.signal ? { signal: options.signal } : {}), ...(options.fetch ? { fetch: options.fetch } : {}),
      onBytes: (n) => options.onProgress?.({ phase: 'dataset', done: 0, total: 0, bytes: (bytes += n), failed: 0 }),
    });
  }
  if (!(await isZipFile(path))) return parsePhotosTsv(await readFile(path, 'utf8'));
  const entries = (await listZipEntries(path)).filter((e) => PHOTOS_ENTRY.test(e.name)).sort((a, b) => a.name.localeCompare(b.name));
  if (entries.length === 0) throw new Error(`${path}: the archive has no photos.tsv* file`);
  const photos: UnsplashPhoto[] = [];
  for (const entry of entries) photos.push(...parsePhotosTsv(await readZipEntryText(path, entry)));
  return photos;
}

function retryable(err: unknown): boolean {
  if (err instanceof HttpStatusError) return err.status === HTTP_TOO_MANY || err.status >= HTTP_SERVER_ERROR;
  return !(err instanceof Error && err.name === 'AbortError');
}

/** RFC 4180 quoting, only when needed. */
function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export async function fetchUnsplash(options: FetchUnsplashOptions): Promise<FetchUnsplashResult> {
  const dir = join(options.dataDir, SAMPLE_DIR);
  const imagesDir = join(dir, 'images');
  await mkdir(imagesDir, { recursive: true });
  const listed = await loadPhotos(options, dir);
  const photos = listed.filter((p) => SAFE_ID.test(p.photoId)).slice(0, options.limit ?? listed.length);
  const width = options.width ?? DEFAULT_WIDTH;
  const retries = options.retries ?? DEFAULT_RETRIES;
  const failed: { photoId: string; error: string }[] = [];
  const present = new Set<string>();
  let next = 0;
  let done = 0;
  let bytes = 0;
  let downloaded = 0;
  let skipped = 0;
  const report = () => options.onProgress?.({ phase: 'images', done, total: photos.length, bytes, failed: failed.length });

  const fetchOne = async (photo: UnsplashPhoto) => {
    const dest = join(imagesDir, `${photo.photoId}.jpg`);
    for (let attempt = 0; ; attempt++) {
      try {
        const result = await downloadFile(sizedImageUrl(photo.photoImageUrl, width), dest, {
          ...(options.signal ? { signal: options.signal } : {}), ...(options.fetch ? { fetch: options.fetch } : {}),
          onBytes: (n) => (bytes += n),
        });
        if (result.status === 'skipped') skipped++;
        else downloaded++;
        present.add(photo.photoId);
        return;
      } catch (err) {
        if (attempt >= retries || !retryable(err) || options.signal?.aborted) {
          failed.push({ photoId: photo.photoId, error: err instanceof Error ? err.message : String(err) });
          return;
        }
        await new Promise((r) => setTimeout(r, RETRY_DELAY_MS * (attempt + 1)));
      }
    }
  };
  const worker = async () => {
    while (next < photos.length && !options.signal?.aborted) {
      await fetchOne(photos[next++]!);
      done++;
      report();
    }
  };
  report();
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY) }, worker));
  options.signal?.throwIfAborted();

  const lines = [SAMPLE_COLUMNS.join(',')];
  for (const p of photos) {
    if (!present.has(p.photoId)) continue;
    const imagePath = `${SAMPLE_DIR}/images/${p.photoId}.jpg`;
    lines.push([p.photoId, imagePath, p.photoImageUrl, p.photoDescription, p.aiDescription].map(csvField).join(','));
  }
  const csvPath = join(options.dataDir, SAMPLE_CSV);
  await writeFile(`${csvPath}.tmp`, `${lines.join('\n')}\n`);
  await rename(`${csvPath}.tmp`, csvPath);
  return { csvPath, rows: lines.length - 1, downloaded, skipped, failed, bytes };
}

