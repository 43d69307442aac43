/**
 * Model downloads against a local fake of the Hugging Face hub: LFS redirects, resume after a cut
 * or from a .part file, checksums (58030), missing files (58P01), offline mode, ETag parsing.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile, readdir, writeFile, mkdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SqlError } from '../../../src/common/sql-error.js';
import { fetchModel, sha256FromEtag, type FetchProgress } from '../../../src/ml/inference/model/fetch-model.js';
import { modelFileList, resolveModelFiles } from '../../../src/ml/inference/model/model-files.js';
import { cleanup, tempDir, testModelDir } from './helpers.js';

const REPO = 'Xenova/clip-vit-base-patch32';
const source = await testModelDir();
const served = new Map<string, Buffer>();
for (const f of modelFileList()) served.set(f, await readFile(join(source, f)));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const ONNX = 'onnx/vision_model.onnx';
const CUT_DELAY_MS = 300;

/** Per-test server behaviour. */
interface Behaviour {
  /** Cut the connection after this many body bytes on the first full (non-Range) request of a file. */
  cutAfter?: Map<string, number>;
  /** Advertise this sha256 instead of the true one. */
  wrongSha?: Set<string>;
}
let behaviour: Behaviour = {};
const log: { path: string; range: string | undefined }[] = [];

// Hub layout: /<repo>/resolve/main/<file> answers like huggingface.co — LFS files (onnx/*) redirect to
// a "CDN" path with X-Linked-Etag carrying the sha256; small files are served directly with a git ETag.
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  const url = decodeURIComponent(req.url ?? '');
  log.push({ path: url, range: req.headers.range });
  const resolvePrefix = `/${REPO}/resolve/main/`;
  if (url.startsWith(resolvePrefix)) {
    const file = url.slice(resolvePrefix.length);
    const body = served.get(file);
    if (!body) return void res.writeHead(404).end('not found');
    if (file.startsWith('onnx/')) {
      const linked = behaviour.wrongSha?.has(file) ? 'f'.repeat(64) : sha(body);
      res.writeHead(302, { location: `/cdn/${file}`, 'x-linked-etag': `"${linked}"`, 'x-linked-size': String(body.length) });
      return void res.end();
    }
    return sendFile(req, res, file, body, { etag: `"${'a'.repeat(40)}"` });
  }
  if (url.startsWith('/cdn/')) {
    const file = url.slice('/cdn/'.length);
    return sendFile(req, res, file, served.get(file)!, {});
  }
  res.writeHead(404).end();
});

function sendFile(req: IncomingMessage, res: ServerResponse, file: string, body: Buffer, headers: Record<string, string>): void {
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (range) {
    const start = Number(range[1]);
    if (start >= body.length) return void res.writeHead(416).end();
    res.writeHead(206, { ...headers, 'content-length': body.length - start, 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` });
    return void res.end(body.subarray(start));
  }
  const cut = behaviour.cutAfter?.get(file);
  res.writeHead(200, { ...headers, 'content-length': body.length });
  if (cut !== undefined) {
    behaviour.cutAfter!.delete(file);
    // Give the client time to write the first part to disk before the cut, so the retry must resume.
    res.write(body.subarray(0, cut), () => setTimeout(() => res.destroy(), CUT_DELAY_MS));
    return;
  }
  res.end(body);
}

await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
after(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  await cleanup(source);
});

async function withDest(fn: (dest: string) => Promise<void>): Promise<void> {
  const dest = await tempDir('ml-fetch-');
  behaviour = {};
  log.length = 0;
  try {
    await fn(dest);
  } finally {
    await cleanup(dest);
  }
}

test('fetch: downloads the hub layout, follows the LFS redirect, verifies, reports progress', () =>
  withDest(async (dest) => {
    const progress: FetchProgress[] = [];
    const result = await fetchModel({ destDir: dest, baseUrl, offline: false, retryDelayMs: 0, onProgress: (p) => progress.push(p) });
    assert.deepEqual(result.downloaded, modelFileList());
    for (const f of modelFileList()) assert.ok((await readFile(join(dest, f))).equals(served.get(f)!), f);
    const last = progress.filter((p) => p.file === ONNX).at(-1)!;
    assert.equal(last.bytes, served.get(ONNX)!.length);
    assert.equal(last.total, served.get(ONNX)!.length);
    assert.equal((await resolveModelFiles(dest)).isTestModel, true);
    assert.deepEqual((await readdir(join(dest, 'onnx'))).filter((n) => n.endsWith('.part')), []);
    // A second run finds everything in place and makes no request.
    log.length = 0;
    const again = await fetchModel({ destDir: dest, baseUrl, offline: false });
    assert.deepEqual(again.downloaded, []);
    assert.equal(log.length, 0);
  }));

test('fetch: a connection cut mid-body is resumed with a Range request', () =>
  withDest(async (dest) => {
    const half = Math.floor(served.get(ONNX)!.length / 2);
    behaviour = { cutAfter: new Map([[ONNX, half]]) };
    await fetchModel({ destDir: dest, baseUrl, offline: false, retryDelayMs: 0, files: [ONNX] });
    assert.ok((await readFile(join(dest, ONNX))).equals(served.get(ONNX)!));
    const ranged = log.filter((r) => r.range !== undefined).map((r) => r.range);
    assert.ok(ranged.length >= 1, 'a Range request was made');
    assert.match(ranged[0]!, /^bytes=\d+-$/);
    assert.ok(Number(/\d+/.exec(ranged[0]!)![0]) > 0);
  }));

test('fetch: a .part left by an earlier run is resumed, not restarted', () =>
  withDest(async (dest) => {
    const body = served.get(ONNX)!;
    await mkdir(join(dest, 'onnx'), { recursive: true });
    await writeFile(join(dest, `${ONNX}.part`), body.subarray(0, 1000));
    await fetchModel({ destDir: dest, baseUrl, offline: false, retryDelayMs: 0, files: [ONNX] });
    assert.ok((await readFile(join(dest, ONNX))).equals(body));
    assert.deepEqual(log.filter((r) => r.path.startsWith('/cdn/')).map((r) => r.range), ['bytes=1000-']);
  }));

test('fetch: a checksum mismatch fails with 58030 and removes the partial file', () =>
  withDest(async (dest) => {
    behaviour = { wrongSha: new Set([ONNX]) };
    await assert.rejects(fetchModel({ destDir: dest, baseUrl, offline: false, retryDelayMs: 0, files: [ONNX] }),
      (err: unknown) => err instanceof SqlError && err.code === '58030' && /checksum mismatch/.test(err.message));
    await assert.rejects(stat(join(dest, ONNX)));
    await assert.rejects(stat(join(dest, `${ONNX}.part`)));
  }));

test('fetch: a manifest checksum is enforced on small files too', () =>
  withDest(async (dest) => {
    await assert.rejects(fetchModel({ destDir: dest, baseUrl, offline: false, files: ['config.json'], manifest: { 'config.json': '0'.repeat(64) } }),
      (err: unknown) => err instanceof SqlError && /checksum mismatch for config\.json/.test(err.message));
    const ok = await fetchModel({ destDir: dest, baseUrl, offline: false, files: ['config.json'], manifest: { 'config.json': sha(served.get('config.json')!) } });
    assert.deepEqual(ok.downloaded, ['config.json']);
  }));

test('fetch: a file missing on the hub is 58P01', () =>
  withDest(async (dest) => {
    await assert.rejects(fetchModel({ destDir: dest, baseUrl, offline: false, files: ['onnx/vision_model_fp16.onnx'] }),
      (err: unknown) => err instanceof SqlError && err.code === '58P01' && /HTTP 404/.test(err.message));
  }));

test('fetch: offline mode refuses to download and names the missing files', () =>
  withDest(async (dest) => {
    await assert.rejects(fetchModel({ destDir: dest, baseUrl, offline: true }), (err: unknown) =>
      err instanceof SqlError && err.code === '58P01' && /offline mode/.test(err.message) && err.message.includes(ONNX));
    assert.equal(log.length, 0, 'no request was made');
  }));

test('sha256FromEtag accepts quoted and weak sha256 ETags only', () => {
  const hex = 'ab'.repeat(32);
  assert.equal(sha256FromEtag(`"${hex}"`), hex);
  assert.equal(sha256FromEtag(`W/"${hex.toUpperCase()}"`), hex);
  assert.equal(sha256FromEtag(`"${'a'.repeat(40)}"`), undefined);
  assert.equal(sha256FromEtag(null), undefined);
});
