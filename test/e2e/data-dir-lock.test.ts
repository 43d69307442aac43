/**
 * One server per data directory (issue 7): while server A holds an open COPY transaction, a
 * second server started on the same directory exits with a message naming the lock and A's PID,
 * and touches nothing — A's COMMIT then lands and the table stays readable, also after a restart.
 * A lock left by a server killed with SIGKILL does not stop the next start.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { freePort } from '../harness/free-port.js';
import { MAIN_JS, spawnThanosql, type ChildServer } from '../harness/thanosql-server.js';

const TEST_TIMEOUT_MS = 60_000;

/** Runs a second server on `dataDir` to completion; returns its exit code and output. */
async function runSecondServer(dataDir: string, modelsDir: string): Promise<{ code: number | null; output: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [MAIN_JS, '--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir,
    '--models-dir', modelsDir, '--http-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), TEST_TIMEOUT_MS / 2);
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  clearTimeout(timer);
  return { code, output };
}

const connect = async (port: number) => {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'thanosql', database: 'thanosql' });
  await client.connect();
  return client;
};

describe('data directory lock', { timeout: 4 * TEST_TIMEOUT_MS }, () => {
  let root: string;
  const servers: ChildServer[] = [];
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'datadir-lock-'));
  });
  after(async () => {
    for (const s of servers) await s.kill().catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  });

  it('a second server on the same directory exits and destroys nothing', { timeout: TEST_TIMEOUT_MS }, async () => {
    const dataDir = join(root, 'data');
    const modelsDir = join(root, 'models');
    const a = await spawnThanosql(dataDir, modelsDir);
    servers.push(a);
    const client = await connect(a.port);
    try {
      await client.query('CREATE TABLE staged (id int, label text)');
      await client.query('BEGIN');
      // 5,000 rows: more than one row group, so chunks are staged in LMDB before COMMIT.
      const stream = client.query(copyFrom('COPY staged FROM STDIN'));
      const lines = Array.from({ length: 5000 }, (_, i) => `${i}\trow ${i}\n`).join('');
      await new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', reject);
        stream.end(lines);
      });

      const second = await runSecondServer(dataDir, modelsDir);
      assert.equal(second.code, 1, second.output);
      assert.match(second.output, /lock file ".*thanosql\.pid" already exists/);
      assert.match(second.output, new RegExp(`PID ${a.process.pid}\\b`));
      assert.doesNotMatch(second.output, /\n\s+at /, 'a clear message, not a stack trace');

      await client.query('COMMIT');
      const { rows } = await client.query('SELECT count(*)::int AS n, max(id) AS top FROM staged');
      assert.deepEqual(rows[0], { n: 5000, top: 4999 });
    } finally {
      await client.end();
    }
    await a.stop();
    assert.equal(existsSync(join(dataDir, 'thanosql.pid')), false, 'a clean stop removes the lock file');

    const again = await spawnThanosql(dataDir, modelsDir);
    servers.push(again);
    const check = await connect(again.port);
    try {
      const { rows } = await check.query('SELECT count(*)::int AS n FROM staged');
      assert.equal(rows[0].n, 5000);
    } finally {
      await check.end();
    }
    await again.stop();
  });

  it('a lock left by a killed server is stale and replaced', { timeout: TEST_TIMEOUT_MS }, async () => {
    const dataDir = join(root, 'killed');
    const modelsDir = join(root, 'models-killed');
    const a = await spawnThanosql(dataDir, modelsDir);
    servers.push(a);
    const client = await connect(a.port);
    await client.query('CREATE TABLE kept AS SELECT 1 AS x');
    await client.end();
    await a.kill();
    assert.match(readFileSync(join(dataDir, 'thanosql.pid'), 'utf8'), new RegExp(`^${a.process.pid}\n`));

    const b = await spawnThanosql(dataDir, modelsDir);
    servers.push(b);
    const check = await connect(b.port);
    try {
      const { rows } = await check.query('SELECT x FROM kept');
      assert.deepEqual(rows, [{ x: 1 }]);
    } finally {
      await check.end();
    }
    assert.match(readFileSync(join(dataDir, 'thanosql.pid'), 'utf8'), new RegExp(`^${b.process.pid}\n`));
    await b.stop();
  });
});
