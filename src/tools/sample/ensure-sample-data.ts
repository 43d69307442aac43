/**
 * The built-in sample data set (a stand-in for the tutorial's Unsplash download): generated pictures
 * of varied dominant colours under `<dataDir>/tutorial_data/unsplash_data/images/` and
 * `unsplash.csv` with the tutorial's five columns. Deterministic; written CSV-last so an interrupted
 * run is simply redone.
 *
 * @example
 * const { csvPath, created } = await ensureSampleData('data');
 */
import { mkdir, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderSampleImage } from './render-sample-image.js';
import { sampleCatalogue } from './sample-catalogue.js';
import { seededRandom } from './seeded-random.js';

/** Where the tutorial expects its data, relative to the data directory. */
export const SAMPLE_DIR = 'tutorial_data/unsplash_data';
export const SAMPLE_CSV = `${SAMPLE_DIR}/unsplash.csv`;
export const SAMPLE_COLUMNS = ['photo_id', 'image_path', 'photo_image_url', 'photo_description', 'ai_description'] as const;
export const DEFAULT_SAMPLE_COUNT = 54;
const SAMPLE_SEED = 20240601;
/** A reserved, never-resolving host: the pictures exist only on disk. */
const SAMPLE_URL_BASE = 'https://sample.thanosql-lite.invalid/photos';

export interface SampleDataResult {
  readonly csvPath: string;
  readonly created: boolean;
  readonly rows: number;
}

/** Generates the sample unless its CSV already exists. */
export async function ensureSampleData(dataDir: string): Promise<SampleDataResult> {
  const csvPath = join(dataDir, SAMPLE_CSV);
  if ((await stat(csvPath).catch(() => undefined))?.isFile()) return { csvPath, created: false, rows: 0 };
  return makeSampleData(dataDir);
}

/** (Re)generates the sample: `count` pictures and the CSV. */
export async function makeSampleData(dataDir: string, count = DEFAULT_SAMPLE_COUNT): Promise<SampleDataResult> {
  // Loaded here, not at the top: a server start that finds the sample already written (every
  // restart) then never pays for loading sharp (~0.5 s on the main thread, before it listens).
  const { default: sharp } = await import('sharp');
  const rng = seededRandom(SAMPLE_SEED);
  const photos = sampleCatalogue(count, rng);
  await mkdir(join(dataDir, SAMPLE_DIR, 'images'), { recursive: true });
  const lines = [SAMPLE_COLUMNS.join(',')];
  for (const photo of photos) {
    const image = renderSampleImage(photo, rng);
    const imagePath = `${SAMPLE_DIR}/images/${photo.photoId}.${photo.format}`;
    const encoder = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
    const bytes = photo.format === 'png' ? await encoder.png().toBuffer() : await encoder.jpeg({ quality: 85 }).toBuffer();
    await writeFile(join(dataDir, imagePath), bytes);
    const url = `${SAMPLE_URL_BASE}/${photo.photoId}`;
    lines.push([photo.photoId, imagePath, url, photo.photoDescription, photo.aiDescription].map(csvField).join(','));
  }
  const csvPath = join(dataDir, SAMPLE_CSV);
  await writeFile(`${csvPath}.tmp`, `${lines.join('\n')}\n`);
  await rename(`${csvPath}.tmp`, csvPath);
  return { csvPath, created: true, rows: photos.length };
}

/** RFC 4180 quoting: only when needed. */
function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
