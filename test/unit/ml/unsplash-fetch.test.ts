/**
 * The Unsplash fetcher against a local HTTP server (never the network): the Lite ZIP or a TSV
 * by URL or path, images at `?w=<width>`, retries on 5xx, failures left out of the CSV, unsafe
 * ids refused, resume (finished files skipped, `.part` continued with Range), `--limit`, and
 * scripts/fetch-unsplash.mjs end to end. The TSV, ZIP and images are generated here.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { fetchUnsplash, type FetchProgress } from '../../../src/tools/unsplash/index.js';
import { makeZip } from './unsplash-make-zip.js';

const SCRIPT = fileURLToPath(new URL('../../../../scripts/fetch-unsplash.mjs', import.meta.url));
const IMAGE_BYTES = 40_000;
const IDS = ['p1', 'p2', 'p3', 'flaky', 'missing', 'p6'];
const IMAGES = 'tutorial_data/unsplash_data/images';

/** Deterministic bytes per photo and width (so a wrong width or a bad resume shows). */
function imageBytes(id: string, width: string): Buffer {
  const seed = Buffer.from(`${id}@${width};`);
  return Buffer.alloc(IMAGE_BYTES, seed);
}

describe('fetch-unsplash', () => {
  let server: Server;
  let base: string;
  let root: string;
  const requests: { path: string; range?: string }[] = [];
  let flakyFailures = 0;

  const tsv = () => [
    'photo_id\tphoto_url\tphoto_image_url\tphoto_submitted_at\tphoto_description\tai_description',
    ...IDS.map((id, i) => `${id}\thttps://unsplash.com/photos/${id}\t${base}/img/${id}\t2020-01-0${i + 1}\t"desc, ${id}"\tai ${id}`),
    `../evil\thttps://unsplash.com/photos/evil\t${base}/img/evil\t2020-01-09\t\t`,
  ].join('\n') + '\n';

  function serveImage(req: IncomingMessage, res: import('node:http').ServerResponse, id: string, width: string): void {
    if (id === 'missing') return void res.writeHead(404).end();
    if (id === 'flaky' && flakyFailures++ === 0) return void res.writeHead(503).end();
    const body = imageBytes(id, width);
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) {
      const start = Number(range[1]);
      res.writeHead(206, { 'Content-Type': 'image/jpeg', 'Content-Length': body.length - start, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` });
      return void res.end(body.subarray(start));
    }
    res.writeHead(200, { 'Content-Type': 'image/jpeg', 'Content-Length': body.length }).end(body);
  }

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'unsplash-fetch-'));
    server = createServer((req, res) => {
      const url = new URL(req.url!, 'http://x');
      requests.push({ path: `${url.pathname}${url.search}`, ...(req.headers.range ? { range: req.headers.range } : {}) });
      if (url.pathname === '/photos.tsv') return void res.end(tsv());
      if (url.pathname === '/data/lite/latest') return void res.writeHead(302, { Location: '/lite.zip' }).end();
      if (url.pathname === '/lite.zip') {
        return void res.end(makeZip([
          { name: 'README.md', data: Buffer.from('generated'), deflate: true },
          { name: 'photos.tsv000', data: Buffer.from(tsv()), deflate: true },
        ]));
      }
      const img = /^\/img\/([^/]+)$/.exec(url.pathname);
      if (img) return serveImage(req, res, img[1]!, url.searchParams.get('w') ?? 'none');
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((r) => server.close(r));
    rmSync(root, { recursive: true, force: true });
  });

  it('downloads the ZIP (through a redirect), the images at the width, and writes the CSV', async () => {
    const dataDir = join(root, 'zip');
    const progress: FetchProgress[] = [];
    const result = await fetchUnsplash({
      dataDir, source: `${base}/data/lite/latest`, width: 123, concurrency: 3, retries: 1, onProgress: (p) => progress.push(p),
    });
    assert.deepEqual(result.failed.map((f) => f.photoId), ['missing']);
    assert.match(result.failed[0]!.error, /HTTP 404/);
    assert.equal(result.downloaded, 5);
    assert.equal(result.rows, 5);
    assert.equal(result.bytes, 5 * IMAGE_BYTES);
    for (const id of ['p1', 'p2', 'p3', 'flaky', 'p6']) assert.deepEqual(readFileSync(join(dataDir, IMAGES, `${id}.jpg`)), imageBytes(id, '123'));
    assert.ok(!existsSync(join(dataDir, IMAGES, 'missing.jpg')));
    assert.ok(!requests.some((r) => r.path.includes('evil')), 'an unsafe photo id was fetched');
    assert.ok(requests.some((r) => r.path === '/img/p1?w=123'));
    const csv = readFileSync(result.csvPath, 'utf8');
    assert.equal(result.csvPath, join(dataDir, 'tutorial_data/unsplash_data/unsplash.csv'));
    assert.deepEqual(csv.split('\n').slice(0, 3), [
      'photo_id,image_path,photo_image_url,photo_description,ai_description',
      `p1,${IMAGES}/p1.jpg,${base}/img/p1,"desc, p1",ai p1`,
      `p2,${IMAGES}/p2.jpg,${base}/img/p2,"desc, p2",ai p2`,
    ]);
    assert.ok(!csv.includes('missing'));
    const last = progress[progress.length - 1]!;
    assert.deepEqual([last.phase, last.done, last.total, last.failed], ['images', 6, 6, 1]);
    assert.ok(progress.some((p) => p.phase === 'dataset' && p.bytes > 0));
  });

  it('resumes: finished images are not fetched again, a .part continues with a Range request', async () => {
    const dataDir = join(root, 'zip');
    const partial = join(dataDir, IMAGES, 'p2.jpg');
    unlinkSync(partial);
    writeFileSync(`${partial}.part`, imageBytes('p2', '123').subarray(0, 1000));
    requests.length = 0;
    const result = await fetchUnsplash({ dataDir, source: `${base}/data/lite/latest`, width: 123, retries: 0 });
    assert.equal(result.skipped, 4);
    assert.equal(result.downloaded, 1);
    assert.equal(result.rows, 5);
    assert.deepEqual(readFileSync(partial), imageBytes('p2', '123'));
    assert.ok(!existsSync(`${partial}.part`));
    const imageRequests = requests.filter((r) => r.path.startsWith('/img/'));
    assert.deepEqual(imageRequests.map((r) => r.path).sort(), ['/img/missing?w=123', '/img/p2?w=123']);
    assert.equal(imageRequests.find((r) => r.path.startsWith('/img/p2'))!.range, 'bytes=1000-');
    assert.ok(!requests.some((r) => r.path === '/lite.zip'), 'the downloaded dataset is reused');
  });

  it('takes a local TSV file and --limit', async () => {
    const dataDir = join(root, 'tsv');
    const file = join(root, 'photos.tsv000');
    writeFileSync(file, tsv());
    const result = await fetchUnsplash({ dataDir, source: file, limit: 2 });
    assert.equal(result.rows, 2);
    assert.deepEqual(readFileSync(join(dataDir, IMAGES, 'p1.jpg')), imageBytes('p1', '400'));
  });

  const runScript = (args: readonly string[]) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });

  it('scripts/fetch-unsplash.mjs prints progress and the summary', async () => {
    const dataDir = join(root, 'cli');
    const out = await runScript(['--data-dir', dataDir, '--tsv', `${base}/photos.tsv`, '--limit', '5', '--concurrency', '2', '--width', '64']);
    assert.equal(out.code, 0, out.stderr);
    assert.match(out.stdout, /images: 5\/5, 0\.2 MB, [\d.]+ MB\/s, 1 failed/);
    assert.match(out.stdout, /wrote .*unsplash\.csv: 4 photos \(4 downloaded, 0 already present, 1 failed\)/);
    assert.match(out.stderr, /failed: missing: .*HTTP 404/);
    assert.deepEqual(readFileSync(join(dataDir, IMAGES, 'p3.jpg')), imageBytes('p3', '64'));
  });

  it('offline, the script says what failed and what to do, not just "fetch failed" (issue 10)', async () => {
    // A port nothing listens on: the connection is refused, as without a network.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = `http://127.0.0.1:${port}/data/lite/latest`;
    const out = await runScript(['--data-dir', join(root, 'offline'), '--tsv', url]);
    assert.equal(out.code, 1);
    assert.match(out.stderr, new RegExp(`could not download ${url}: fetch failed \\(.*ECONNREFUSED.*\\) — this machine cannot reach the internet`));
    assert.match(out.stderr, /built-in sample/);
    assert.match(out.stderr, /npm run make-test-model -- models\/test-clip/);
    assert.doesNotMatch(out.stderr, /^\s*at /m, 'no stack trace');
  });
});
