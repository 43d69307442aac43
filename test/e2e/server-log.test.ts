/**
 * A server that talks, through a real server process (`node dist/src/main.js`): `--version`;
 * the start-up banner on stdout (version, the exact psql command, the connection URL, the model
 * state); and the pino log on stderr at `--log-level info` — a login, an error with its
 * SQLSTATE, a statement slower than `--log-min-duration` (and not a fast one), CONVERT's
 * progress, a disconnection — and nothing but warnings and errors at `--log-level warn`.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { makeSampleData, writeTestModel } from '../../src/tools/index.js';
import { VERSION } from '../../src/main.js';
import { MAIN_JS } from '../harness/thanosql-server.js';

const TEST_TIMEOUT_MS = 90_000;
/** The banner's psql line; its port is the one the server bound (port 0 asked). */
const PSQL_LINE = /psql -h 127\.0\.0\.1 -p (\d+) -U thanosql thanosql/;

interface Running {
  readonly child: ChildProcess;
  readonly port: number;
  stdout: string;
  stderr: string;
}

/** Starts the CLI and resolves once its banner names the port. */
async function startCli(args: readonly string[]): Promise<Running> {
  const child = spawn(process.execPath, [MAIN_JS, '--port', '0', '--http-port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const running = { child, port: 0, stdout: '', stderr: '' };
  child.stderr!.on('data', (d: Buffer) => (running.stderr += d.toString()));
  running.port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      running.stdout += d.toString();
      const m = PSQL_LINE.exec(running.stdout);
      if (m) resolve(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${running.stdout}${running.stderr}`)));
  });
  return running;
}

async function stopCli(running: Running): Promise<void> {
  const exited = new Promise((resolve) => running.child.once('exit', resolve));
  running.child.kill('SIGTERM');
  await exited;
}

/** Waits until stdout matches: the banner's lines may arrive in several chunks after the psql line. */
async function waitForStdout(running: Running, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!pattern.test(running.stdout)) {
    assert.ok(Date.now() < deadline, `stdout never matched ${pattern}:\n${running.stdout}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The JSON lines of stderr. */
function records(stderr: string): Record<string, unknown>[] {
  return stderr.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Waits until a log record matches (the log is written asynchronously). */
async function waitForRecord(running: Running, match: (r: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const found = records(running.stderr).find(match);
    if (found) return found;
    assert.ok(Date.now() < deadline, `no such log record in:\n${running.stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('server process: banner, --version, structured log', { timeout: 4 * TEST_TIMEOUT_MS }, () => {
  let dir: string;
  let dataDir: string;
  let modelsDir: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'server-log-'));
    dataDir = join(dir, 'data');
    modelsDir = join(dir, 'models');
    await makeSampleData(dataDir);
    await writeTestModel(join(modelsDir, 'test-clip'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('--version prints the version and exits', () => {
    const result = spawnSync(process.execPath, [MAIN_JS, '--version'], { encoding: 'utf8' });
    assert.equal(result.status, 0);
    assert.equal(result.stdout.trim(), `thanosql-lite ${VERSION}`);
  });

  it('prints the banner and logs logins, errors with SQLSTATE, slow statements, CONVERT progress', { timeout: TEST_TIMEOUT_MS }, async () => {
    const running = await startCli(['--data-dir', dataDir, '--models-dir', modelsDir, '--log-level', 'info', '--log-min-duration', '400']);
    try {
      assert.match(running.stdout, new RegExp(`ThanoSQL-lite ${VERSION.replace(/\./g, '\\.')}`));
      await waitForStdout(running, new RegExp(`postgresql://thanosql@127\\.0\\.0\\.1:${running.port}/thanosql`));
      await waitForStdout(running, /model: +tutorial_search_clip \(clipen, .*\): downloaded on the first CONVERT\/SEARCH/);
      const ready = await waitForRecord(running, (r) => r.msg === 'server ready');
      assert.equal(ready.port, running.port);
      assert.equal(ready.version, VERSION);

      const client = new pg.Client({ host: '127.0.0.1', port: running.port, user: 'thanosql', database: 'thanosql', application_name: 'log-test' });
      await client.connect();
      const login = await waitForRecord(running, (r) => r.msg === 'connection authorized' && r.application === 'log-test');
      assert.equal(login.level, 30);
      assert.equal(login.user, 'thanosql');

      await assert.rejects(client.query('SELECT * FROM no_such_table'), { code: '42P01' });
      const error = await waitForRecord(running, (r) => r.sqlstate === '42P01');
      assert.equal(error.level, 40);
      assert.equal(error.sql, 'SELECT * FROM no_such_table');
      assert.match(String(error.msg), /no_such_table/);

      await client.query('SELECT 1 AS fast');
      await client.query('SELECT pg_sleep(0.6) AS slow');
      const slow = await waitForRecord(running, (r) => r.msg === 'slow statement');
      assert.equal(slow.sql, 'SELECT pg_sleep(0.6) AS slow');
      assert.ok(Number(slow.duration_ms) >= 400, String(slow.duration_ms));
      assert.ok(!records(running.stderr).some((r) => String(r.sql ?? '').includes('fast')), 'a fast statement is not logged');

      await client.query(`BUILD MODEL tutorial_search_clip USING clipen OPTIONS(model_path='test-clip', overwrite=True)`);
      await client.query(`COPY unsplash_data OPTIONS(overwrite=True) FROM 'tutorial_data/unsplash_data/unsplash.csv'`);
      await client.query(`CONVERT USING tutorial_search_clip OPTIONS(image_col='image_path', table_name='unsplash_data') AS SELECT * FROM unsplash_data`);
      const progress = await waitForRecord(running, (r) => r.event === 'convert progress' && /embedded \d+ images/.test(String(r.msg)));
      assert.equal(progress.application, 'log-test');

      await client.end();
      const bye = await waitForRecord(running, (r) => r.msg === 'disconnection' && r.application === 'log-test');
      assert.ok(Number(bye.session_ms) > 0);
    } finally {
      await stopCli(running);
    }
  });

  it('--log-level warn keeps logins out and errors in', { timeout: TEST_TIMEOUT_MS }, async () => {
    const running = await startCli(['--data-dir', dataDir, '--models-dir', modelsDir, '--log-level', 'warn']);
    try {
      const client = new pg.Client({ host: '127.0.0.1', port: running.port, user: 'thanosql', database: 'thanosql' });
      await client.connect();
      await assert.rejects(client.query('SELEC 1'), { code: '42601' });
      await client.end();
      await waitForRecord(running, (r) => r.sqlstate === '42601');
      assert.ok(records(running.stderr).every((r) => Number(r.level) >= 40), running.stderr);
    } finally {
      await stopCli(running);
    }
  });
});
