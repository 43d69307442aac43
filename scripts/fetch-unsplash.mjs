#!/usr/bin/env node
// Downloads the real Unsplash Dataset Lite (25k photos) into a data directory, replacing the generated
// sample's unsplash.csv. Usage (after npm run build):
//   node scripts/fetch-unsplash.mjs [--data-dir data] [--tsv <url|file>] [--width 400] [--concurrency 8] [--limit N]
// --tsv takes the Lite ZIP or a photos TSV (URL or path); default https://unsplash.com/data/lite/latest.
// Safe to re-run: finished images are skipped, interrupted ones (.part) resumed. The logic lives in
// src/tools/unsplash/; this file parses flags and prints progress.
import { parseArgs } from 'node:util';
import { DEFAULT_CONCURRENCY, DEFAULT_WIDTH, UNSPLASH_LITE_URL, explainFetchFailure, fetchUnsplash } from '../dist/src/tools/unsplash/index.js';

const MB = 1024 * 1024;
const PRINT_EVERY_MS = 1000;
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' }, tsv: { type: 'string' }, width: { type: 'string' },
    concurrency: { type: 'string' }, limit: { type: 'string' }, help: { type: 'boolean' },
  },
});
if (values.help) {
  console.log('Usage: npm run fetch-unsplash -- [--data-dir data] [--tsv <url|file>] [--width 400] [--concurrency 8] [--limit N]');
  process.exit(0);
}
const positive = (text, name) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`--${name} must be a positive integer, not ${text}`);
    process.exit(2);
  }
  return n;
};
const dataDir = values['data-dir'] ?? process.env.THANOSQL_DATA_DIR ?? 'data';
const source = values.tsv ?? UNSPLASH_LITE_URL;
const started = Date.now();
let lastPrint = 0;
const tty = process.stdout.isTTY;
const line = (text, final) => {
  if (tty) process.stdout.write(`\r${text}\x1b[K${final ? '\n' : ''}`);
  else console.log(text);
};
const onProgress = (p) => {
  const now = Date.now();
  const last = p.phase === 'images' && p.done === p.total;
  if (!last && now - lastPrint < PRINT_EVERY_MS) return;
  lastPrint = now;
  const mb = p.bytes / MB;
  const rate = mb / Math.max((now - started) / 1000, 0.001);
  line(p.phase === 'dataset'
    ? `dataset: ${mb.toFixed(1)} MB (${rate.toFixed(1)} MB/s)`
    : `images: ${p.done}/${p.total}, ${mb.toFixed(1)} MB, ${rate.toFixed(1)} MB/s${p.failed ? `, ${p.failed} failed` : ''}`, last);
};
console.log(`fetching ${source} into ${dataDir}`);
const controller = new AbortController();
process.once('SIGINT', () => controller.abort());
try {
  const result = await fetchUnsplash({
    dataDir, source, onProgress, signal: controller.signal,
    width: values.width ? positive(values.width, 'width') : DEFAULT_WIDTH,
    concurrency: values.concurrency ? positive(values.concurrency, 'concurrency') : DEFAULT_CONCURRENCY,
    ...(values.limit ? { limit: positive(values.limit, 'limit') } : {}),
  });
  for (const f of result.failed.slice(0, 10)) console.error(`failed: ${f.photoId}: ${f.error}`);
  if (result.failed.length > 10) console.error(`… and ${result.failed.length - 10} more failed`);
  console.log(`wrote ${result.csvPath}: ${result.rows} photos (${result.downloaded} downloaded, ${result.skipped} already present, ${result.failed.length} failed)`);
  console.log(`load it with: COPY unsplash_data OPTIONS(overwrite=True) FROM 'tutorial_data/unsplash_data/unsplash.csv'`);
  process.exit(result.failed.length > 0 && result.rows === 0 ? 1 : 0);
} catch (err) {
  console.error(controller.signal.aborted ? '\ninterrupted; run again to resume' : `\n${explainFetchFailure(err, source).join('\n')}`);
  process.exit(1);
}
