/**
 * A full disk, for real (issue 7): the store directory is a 16 MB tmpfs (needs root to mount;
 * skipped with a message otherwise — CI runs as root). Filled through pg until a write fails,
 * which must be PostgreSQL's `53100 could not extend file "…": No space left on device` (HINT
 * "Check free disk space."), never XX000; then reads keep answering, failed INSERT / COPY /
 * transactions leave nothing visible, a DROP lets writes succeed again, and the server restarts
 * on the full disk and serves what it had.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { spawnThanosql, type ChildServer } from '../harness/thanosql-server.js';

const TMPFS_SIZE = '16m';
/** 2,000 rows of ~1 KB: one row group of about 2 MB. */
const FILL = "INSERT INTO big SELECT g, repeat('x', 1000) || g FROM generate_series(1, 2000) g";
const FILL_ROWS = 2000;
/** A 16 MB store is full long before this many fills. */
const MAX_FILLS = 30;
const DISK_FULL = { code: '53100', message: 'could not extend file "store/data.mdb": No space left on device', hint: 'Check free disk space.' };

/** Mounts a tmpfs at `dir`, or says why it cannot. */
function mountTmpfs(dir: string): string | undefined {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${TMPFS_SIZE}`, 'tmpfs', dir], { stdio: 'pipe' });
    return undefined;
  } catch (err) {
    return `mount -t tmpfs is not available here: ${String((err as { stderr?: Buffer }).stderr ?? err).trim()}`;
  }
}

const connect = async (port: number) => {
  const c = new pg.Client({ host: '127.0.0.1', port, user: 'thanosql', database: 'thanosql' });
  c.on('error', () => undefined);
  await c.connect();
  return c;
};

/** COPY FROM STDIN of `rows` ~1 KB lines, in 1,000-line writes; stops writing once the server refuses. */
async function copyRows(client: pg.Client, table: string, rows: number): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${table} FROM STDIN`));
  await new Promise<void>((resolve, reject) => {
    let failed = false;
    stream.on('error', (err) => {
      failed = true;
      reject(err);
    });
    stream.on('finish', resolve);
    let i = 0;
    const write = (): void => {
      while (i < rows && !failed) {
        let chunk = '';
        for (let k = 0; k < 1000 && i < rows; k++, i++) chunk += `${i}\t${'y'.repeat(1000)}\n`;
        if (!stream.write(chunk)) {
          stream.once('drain', write);
          return;
        }
      }
      if (!failed) stream.end();
    };
    write();
  });
}

const count = async (client: pg.Client, table: string) => Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

const notRoot = process.getuid?.() !== 0 ? 'not root: cannot mount a tmpfs to fill (CI runs as root)' : false;

describe('disk full', { timeout: 180_000, skip: notRoot }, () => {
  let dir: string;
  let storeDir: string;
  let mounted = false;
  let server: ChildServer | undefined;
  let client: pg.Client;
  let mountProblem: string | undefined;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'disk-full-'));
    storeDir = join(dir, 'data', 'store');
    mkdirSync(storeDir, { recursive: true });
    mountProblem = mountTmpfs(storeDir);
    mounted = mountProblem === undefined;
    if (!mounted) return;
    server = await spawnThanosql(join(dir, 'data'), join(dir, 'models'));
    client = await connect(server.port);
  });
  after(async () => {
    await client?.end().catch(() => undefined);
    await server?.stop();
    if (mounted) execFileSync('umount', ['-l', storeDir]);
    rmSync(dir, { recursive: true, force: true });
  });

  test('filling the store ends in 53100, never XX000; reads keep answering', async (t) => {
    if (mountProblem) return t.skip(mountProblem);
    await client.query('CREATE TABLE keep (id int)');
    await client.query('INSERT INTO keep VALUES (1), (2)');
    await client.query('CREATE TABLE big (id int, v text)');
    let fills = 0;
    let failure: pg.DatabaseError | undefined;
    while (fills < MAX_FILLS && !failure) {
      try {
        await client.query(FILL);
        fills++;
      } catch (err) {
        failure = err as pg.DatabaseError;
      }
    }
    assert.ok(failure, `${MAX_FILLS} fills of 2 MB fitted in a ${TMPFS_SIZE} store`);
    assert.deepEqual({ code: failure.code, message: failure.message, hint: failure.hint }, DISK_FULL);
    // The failed INSERT left nothing; earlier ones are all there; another session reads too.
    assert.equal(await count(client, 'big'), fills * FILL_ROWS);
    const other = await connect(server!.port);
    assert.equal(Number((await other.query('SELECT sum(id) AS s FROM keep')).rows[0].s), 3);
    assert.equal(Number((await other.query('SELECT max(id) AS m FROM big')).rows[0].m), FILL_ROWS);
    await other.end();
    assert.doesNotMatch(server!.output(), /internal error|XX000/);
  });

  test('a COPY and a transaction that do not fit leave nothing visible', async (t) => {
    if (mountProblem) return t.skip(mountProblem);
    const before = await count(client, 'big');
    await client.query('CREATE TABLE copied (id int, v text)');
    await assert.rejects(copyRows(client, 'copied', 20_000), (err: pg.DatabaseError) => err.code === DISK_FULL.code);
    assert.equal(await count(client, 'copied'), 0);
    await client.query('BEGIN');
    await client.query('INSERT INTO keep VALUES (3)');
    await assert.rejects(client.query(FILL), (err: pg.DatabaseError) => err.code === DISK_FULL.code);
    await client.query('ROLLBACK');
    assert.equal(await count(client, 'big'), before);
    assert.equal(await count(client, 'keep'), 2);
  });

  test('after a DROP, writes succeed again (INSERT, COPY)', async (t) => {
    if (mountProblem) return t.skip(mountProblem);
    await client.query('DROP TABLE big');
    await client.query('CREATE TABLE again (id int, v text)');
    await client.query(FILL.replace('big', 'again'));
    await copyRows(client, 'copied', 3000);
    assert.equal(await count(client, 'again'), FILL_ROWS);
    assert.equal(await count(client, 'copied'), 3000);
    assert.doesNotMatch(server!.output(), /internal error|XX000/);
  });

  test('full again, the server restarts on the full disk and serves what it had', async (t) => {
    if (mountProblem) return t.skip(mountProblem);
    let full = false;
    for (let i = 0; i < MAX_FILLS && !full; i++) {
      await client.query(FILL.replace('big', 'again')).catch((err: pg.DatabaseError) => {
        assert.equal(err.code, DISK_FULL.code);
        full = true;
      });
    }
    assert.ok(full);
    const rows = await count(client, 'again');
    await client.end();
    await server!.kill();
    server = await spawnThanosql(join(dir, 'data'), join(dir, 'models'));
    client = await connect(server.port);
    assert.equal(await count(client, 'again'), rows);
    assert.equal(await count(client, 'keep'), 2);
  });
});
