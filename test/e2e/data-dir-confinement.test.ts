/**
 * The server's own files are out of SQL's reach (issue 7): COPY of `store/lock.mdb` used to
 * release the server's LMDB locks (every later statement failed with XX000); a symlink inside the
 * data directory let COPY and CONVERT read any file; a FIFO as an image path wedged a CLIP worker.
 * Through `pg`, against a server with the TEST model.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { BIND_TUTORIAL_MODEL, pgClient, startClipServer, type ClientNotice, type ClipServer } from './clip-fixture.js';

const TEST_TIMEOUT_MS = 60_000;
const SAMPLE_CSV = 'tutorial_data/unsplash_data/unsplash.csv';

describe('data directory confinement', { timeout: 4 * TEST_TIMEOUT_MS }, () => {
  let server: ClipServer;
  let client: pg.Client;
  let notices: ClientNotice[];
  let outside: string;
  before(async () => {
    server = await startClipServer();
    ({ client, notices } = await pgClient(server.port));
    outside = mkdtempSync(join(tmpdir(), 'confinement-outside-'));
    writeFileSync(join(outside, 'secret.csv'), 'a,b\n1,secret\n');
  });
  after(async () => {
    await client?.end();
    await server?.close();
    rmSync(outside, { recursive: true, force: true });
  });

  it('store files and the lock file: 42501, and the server keeps working', { timeout: TEST_TIMEOUT_MS }, async () => {
    await client.query('CREATE TABLE before_probe AS SELECT 1 AS x');
    symlinkSync(join(server.dataDir, 'store'), join(server.dataDir, 'store-link'));
    for (const path of ['store/lock.mdb', 'store/data.mdb', './store/../store/lock.mdb', 'store', 'thanosql.pid',
      'store-link/lock.mdb', join(server.dataDir, 'store', 'lock.mdb')]) {
      await assert.rejects(client.query(`COPY x OPTIONS(overwrite=True) FROM "${path}"`), { code: '42501' }, path);
    }
    // The store is untouched: reads and writes still work.
    await client.query('INSERT INTO before_probe VALUES (2)');
    assert.deepEqual((await client.query('SELECT x FROM before_probe ORDER BY x')).rows, [{ x: 1 }, { x: 2 }]);
  });

  it('a symlink that leaves the data directory is refused; a FIFO is not read', { timeout: TEST_TIMEOUT_MS }, async () => {
    symlinkSync(join(outside, 'secret.csv'), join(server.dataDir, 'link.csv'));
    await assert.rejects(client.query('COPY s FROM "link.csv"'), (err: pg.DatabaseError) => {
      assert.equal(err.code, '42501');
      assert.match(err.hint ?? '', /--allow-absolute-paths/);
      return true;
    });
    execFileSync('mkfifo', [join(server.dataDir, 'pipe.csv')]);
    const started = Date.now();
    await assert.rejects(client.query('COPY p FROM "pipe.csv"'), { code: '42809' });
    assert.ok(Date.now() - started < 5000, 'a FIFO is refused at once, not read');
    // An absolute path inside the data directory is inside.
    writeFileSync(join(server.dataDir, 'inside.csv'), 'a\n7\n');
    await client.query(`COPY inside_abs FROM "${join(server.dataDir, 'inside.csv')}"`);
    assert.deepEqual((await client.query('SELECT a FROM inside_abs')).rows, [{ a: 7 }]);
  });

  it('CONVERT: a FIFO or an escaping symlink gets a NULL embedding, and the pool keeps serving', { timeout: TEST_TIMEOUT_MS }, async () => {
    await client.query(BIND_TUTORIAL_MODEL);
    await client.query(`COPY photos OPTIONS(overwrite=True) FROM "${SAMPLE_CSV}"`);
    const [first] = (await client.query('SELECT image_path FROM photos ORDER BY photo_id LIMIT 1')).rows as { image_path: string }[];
    execFileSync('mkfifo', [join(server.dataDir, 'tutorial_data', 'fifo.jpg')]);
    writeFileSync(join(outside, 'outside.jpg'), 'not really an image, and outside anyway');
    symlinkSync(join(outside, 'outside.jpg'), join(server.dataDir, 'tutorial_data', 'escape.jpg'));
    await client.query(`CREATE TABLE odd AS SELECT * FROM (VALUES ('tutorial_data/fifo.jpg'), ('tutorial_data/escape.jpg'),
      ('${first!.image_path}')) v(image_path)`);
    notices.length = 0;
    const converted = await client.query(`CONVERT USING tutorial_search_clip OPTIONS (image_col="image_path", table_name="odd")
      AS SELECT * FROM odd`);
    assert.equal(converted.rowCount, 3);
    const warning = notices.find((n) => n.severity === 'WARNING');
    assert.match(warning?.message ?? '', /could not read 2 of 3 images/);
    const embedded = await client.query(`SELECT image_path, tutorial_search_clip_clipen IS NOT NULL AS has
      FROM odd ORDER BY image_path`);
    assert.deepEqual(embedded.rows.map((r: { has: boolean }) => r.has).sort(), [false, false, true]);
    // The workers are free: a second CONVERT completes.
    const again = await client.query(`CONVERT USING tutorial_search_clip OPTIONS (image_col="image_path", table_name="photos")
      AS SELECT * FROM photos`);
    assert.ok((again.rowCount ?? 0) > 0);
    // A path naming the store fails the statement before any work.
    await assert.rejects(client.query(`CONVERT USING tutorial_search_clip OPTIONS (image_col="p")
      AS SELECT 'store/data.mdb' AS p`), { code: '42501' });
  });
});
