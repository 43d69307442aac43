/**
 * `node dist/src/main.js` on a fresh data directory (what `npm start` runs): it writes the
 * sample data set, serves its images on --http-port, and PRINT IMAGE links to them. A second
 * server whose HTTP port is taken still serves SQL, and says why there are no image URLs.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { freePort } from '../harness/free-port.js';
import { MAIN_JS } from '../harness/thanosql-server.js';

const START_TIMEOUT_MS = 60_000;

interface Child {
  readonly process: ChildProcess;
  output(): string;
}

/** Starts main.js and resolves once it printed its banner (and what became of the HTTP server). */
function start(args: readonly string[]): Promise<Child> {
  const child = spawn(process.execPath, [MAIN_JS, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no banner within ${START_TIMEOUT_MS} ms:\n${log}`)), START_TIMEOUT_MS);
    const onData = (d: Buffer) => {
      log += d.toString();
      if (/  model: /.test(log) && /gallery: |gallery HTTP server not started/.test(log)) {
        clearTimeout(timer);
        resolve({ process: child, output: () => log });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${log}`));
    });
  });
}

function stop(child: Child | undefined): Promise<void> {
  if (!child || child.process.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.process.once('exit', () => resolve());
    child.process.kill('SIGTERM');
  });
}

describe('server start with sample data and the HTTP server', { timeout: 4 * START_TIMEOUT_MS }, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'http-start-'));
  const children: Child[] = [];
  after(async () => {
    for (const c of children) await stop(c);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes the sample, serves its images, and PRINT IMAGE links to them', { timeout: 2 * START_TIMEOUT_MS }, async () => {
    const [port, httpPort] = [await freePort(), await freePort()];
    const child = await start(['--port', String(port), '--http-port', String(httpPort), '--data-dir', dataDir, '--models-dir', join(dataDir, 'models')]);
    children.push(child);
    assert.match(child.output(), /wrote the sample data set \(54 photos\)/);
    assert.match(child.output(), new RegExp(`gallery: +http://127\\.0\\.0\\.1:${httpPort}/`));
    // The banner says how to connect and what the model needs before it can answer.
    assert.match(child.output(), new RegExp(`ThanoSQL-lite \\d+\\.\\d+\\.\\d+: PostgreSQL 15 protocol on 127\\.0\\.0\\.1:${port}`));
    assert.match(child.output(), new RegExp(`psql -h 127\\.0\\.0\\.1 -p ${port} -U thanosql thanosql`));
    assert.match(child.output(), new RegExp(`postgresql://thanosql@127\\.0\\.0\\.1:${port}/thanosql`));
    assert.match(child.output(), /model: +tutorial_search_clip \(clipen, .*\): downloaded on the first CONVERT\/SEARCH \(or offline: npm run make-test-model/);
    const csv = readFileSync(join(dataDir, 'tutorial_data/unsplash_data/unsplash.csv'), 'utf8');
    const firstPath = csv.split('\n')[1]!.split(',')[1]!;
    const image = await fetch(`http://127.0.0.1:${httpPort}/images/${firstPath}`);
    assert.equal(image.status, 200);
    await image.arrayBuffer();

    const client = new pg.Client({ host: '127.0.0.1', port, user: 'thanosql', database: 'thanosql' });
    const notices: string[] = [];
    client.on('notice', (n) => notices.push(n.message ?? ''));
    await client.connect();
    try {
      await client.query(`COPY unsplash_data OPTIONS(overwrite=True) FROM 'tutorial_data/unsplash_data/unsplash.csv'`);
      const { rows } = await client.query('PRINT IMAGE AS SELECT image_path FROM unsplash_data LIMIT 1');
      assert.equal(rows[0].image_url, `http://127.0.0.1:${httpPort}/images/${rows[0].image_path}`);
      assert.match(notices.join('\n'), new RegExp(`PRINT IMAGE gallery: http://127\\.0\\.0\\.1:${httpPort}/gallery/`));
    } finally {
      await client.end();
    }
  });

  it('a busy HTTP port is not fatal: SQL works, PRINT IMAGE says the HTTP server is off', { timeout: 2 * START_TIMEOUT_MS }, async () => {
    const busy = children[0] ? /gallery: +http:\/\/127\.0\.0\.1:(\d+)/.exec(children[0].output())?.[1] : undefined;
    assert.ok(busy, 'the first server is running');
    const port = await freePort();
    const child = await start(['--port', String(port), '--http-port', busy, '--data-dir', mkdtempSync(join(tmpdir(), 'http-start-2-'))]);
    children.push(child);
    assert.match(child.output(), /gallery HTTP server not started: 127\.0\.0\.1:\d+ is in use/);
    const client = new pg.Client({ host: '127.0.0.1', port, user: 'thanosql', database: 'thanosql' });
    const notices: string[] = [];
    client.on('notice', (n) => notices.push(n.message ?? ''));
    await client.connect();
    try {
      const { rows } = await client.query("PRINT IMAGE AS SELECT 'a.jpg' AS image_path");
      assert.equal(rows[0].image_url, null);
      assert.match(notices.join('\n'), /the HTTP server is off/);
    } finally {
      await client.end();
    }
  });
});
