/**
 * What `npm run fetch-unsplash` prints when it cannot get the dataset: what failed (Node's
 * fetch says only "fetch failed"; the reason is in its `cause`) and what to do about it.
 */
import { HttpStatusError } from '../../ml/inference/model/download-file.js';

/** System error codes that mean "no network path to the host" rather than a bad answer. */
const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENETUNREACH', 'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

/** The innermost error's code and message, e.g. `getaddrinfo ENOTFOUND unsplash.com`. */
function rootCause(err: unknown): { code?: string; message: string } {
  let e = err;
  while (e instanceof Error && e.cause instanceof Error) e = e.cause;
  const code = (e as { code?: unknown }).code;
  return { ...(typeof code === 'string' ? { code } : {}), message: e instanceof Error ? e.message : String(e) };
}

/**
 * Lines for stderr: the failure with its real cause, then the next step.
 * @example explainFetchFailure(new TypeError('fetch failed', { cause: enotfound }), 'https://unsplash.com/data/lite/latest')
 * // ['could not download https://unsplash.com/data/lite/latest: fetch failed (getaddrinfo ENOTFOUND unsplash.com)', …]
 */
export function explainFetchFailure(err: unknown, source: string): string[] {
  const message = err instanceof Error ? err.message : String(err);
  const cause = rootCause(err);
  const detail = cause.message !== message ? ` (${cause.message})` : '';
  if (err instanceof HttpStatusError) {
    return [`could not download ${err.url}: the server answered HTTP ${err.status}`,
      'Try again later, or pass the dataset you downloaded yourself: npm run fetch-unsplash -- --tsv <path to the Lite ZIP or photos TSV>'];
  }
  const offline = (cause.code !== undefined && NETWORK_CODES.has(cause.code)) || message === 'fetch failed';
  if (!offline) return [`could not fetch the Unsplash Dataset Lite from ${source}: ${message}${detail}`];
  return [
    `could not download ${source}: ${message}${detail} — this machine cannot reach the internet (or needs a proxy)`,
    'fetch-unsplash needs unsplash.com for the dataset and images.unsplash.com for the photos.',
    'Offline, nothing needs downloading: the server writes a built-in sample (54 generated pictures) into its data directory,',
    'and the TEST model stands in for CLIP: npm run make-test-model -- models/test-clip (see README, "Offline, with the test model").',
  ];
}
