/**
 * The Unsplash Dataset Lite fetcher (`scripts/fetch-unsplash.mjs` imports this file).
 */
export {
  DEFAULT_CONCURRENCY, DEFAULT_WIDTH, UNSPLASH_LITE_URL, fetchUnsplash, sizedImageUrl,
  type FetchProgress, type FetchUnsplashOptions, type FetchUnsplashResult,
} from './fetch-unsplash.js';
export { parsePhotosTsv, splitTsv, type UnsplashPhoto } from './parse-photos-tsv.js';
export { isZipFile, listZipEntries, readZipEntryText, type ZipEntry } from './read-zip-entries.js';
export { explainFetchFailure } from './explain-fetch-failure.js';
