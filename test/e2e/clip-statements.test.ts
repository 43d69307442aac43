/**
 * CONVERT and SEARCH beyond the tutorial where a client sees more than rows, through `pg` and
 * postgres.js: the missing-embedding error's hint, unreadable images (NULL + a WARNING naming
 * them), a table_name whose rows match nothing (WARNING; the closing NOTICE counts what was
 * stored), and a cancelled CONVERT (CancelRequest) leaving the table as it was. Their rows and
 * SQLSTATEs — several texts, image search, EXPLAIN's top-k, nothing written when no image is
 * readable, path escapes, a new table — are tested in SQL: test/sql/thanosql/.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import postgres from 'postgres';
import { BIND_TUTORIAL_MODEL, pgClient, startClipServer, type ClientNotice, type ClipServer } from './clip-fixture.js';

const TIMEOUT_MS = 120_000;
const EMB = 'tutorial_search_clip_clipen';
/** Rows in the cancel test: enough that CONVERT runs for seconds on the TEST model. */
const CANCEL_ROWS = 3000;
const CANCEL_AFTER_MS = 600;

type Client = Awaited<ReturnType<typeof pgClient>>['client'];

describe('CONVERT and SEARCH', { timeout: 8 * TIMEOUT_MS }, () => {
  let server: ClipServer;
  let client: Client;
  let notices: ClientNotice[];
  let colourOf: Map<string, string>;
  before(async () => {
    server = await startClipServer();
    ({ client, notices } = await pgClient(server.port));
    await client.query(BIND_TUTORIAL_MODEL);
    await client.query("COPY unsplash_data OPTIONS(overwrite=True) FROM 'tutorial_data/unsplash_data/unsplash.csv'");
    await client.query("CONVERT USING tutorial_search_clip OPTIONS(image_col='image_path', table_name='unsplash_data') AS SELECT * FROM unsplash_data");
    const rows = (await client.query('SELECT image_path, photo_description FROM unsplash_data')).rows as { image_path: string; photo_description: string }[];
    colourOf = new Map(rows.map((r) => [r.image_path, r.photo_description.split(' ')[1]!]));
  }, { timeout: TIMEOUT_MS });
  after(async () => {
    await client?.end();
    await server?.close();
  });

  it('SEARCH without the embedding column: 42703 with a hint to run CONVERT', { timeout: TIMEOUT_MS }, async () => {
    await assert.rejects(client.query("SEARCH IMAGE text='x' USING tutorial_search_clip AS SELECT image_path FROM unsplash_data"),
      (e: Error & { code?: string; hint?: string }) => e.code === '42703' && /CONVERT USING tutorial_search_clip/.test(e.hint ?? ''));
  });

  it('an unreadable image gets NULL and a closing WARNING naming it', { timeout: TIMEOUT_MS }, async () => {
    writeFileSync(join(server.dataDir, 'broken.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]));
    await client.query('CREATE TABLE mixed AS SELECT photo_id, image_path FROM unsplash_data LIMIT 3');
    await client.query("INSERT INTO mixed VALUES ('broken', 'broken.jpg'), ('gone', 'missing/nothing.png'), ('none', NULL)");
    notices.length = 0;
    const res = await client.query("CONVERT USING tutorial_search_clip OPTIONS(table_name='mixed') AS SELECT * FROM mixed");
    assert.equal(res.rows.length, 6);
    const warning = notices.find((n) => n.severity === 'WARNING');
    assert.ok(warning, JSON.stringify(notices));
    assert.match(warning.message, /could not read 2 of 5 images/);
    assert.match(warning.detail, /"broken\.jpg", "missing\/nothing\.png"/);
    // The summary counts what was embedded and stored, not the paths it tried.
    const summary = notices.find((n) => n.message.startsWith('CONVERT: embedded'));
    assert.match(summary?.message ?? '', /^CONVERT: embedded 3 images in .*; stored in 3 of the 6 rows of "mixed"$/);
    const stored = await client.query(`SELECT photo_id, ${EMB} IS NULL AS missing FROM mixed ORDER BY photo_id`);
    const missing = Object.fromEntries(stored.rows.map((r: { photo_id: string; missing: boolean }) => [r.photo_id, r.missing]));
    assert.deepEqual([missing['broken'], missing['gone'], missing['none']], [true, true, true]);
    assert.equal(Object.values(missing).filter((m) => !m).length, 3);
  });

  it('table_name naming a table whose rows match none of the query\'s paths: a WARNING, not a silent NULL column', { timeout: TIMEOUT_MS }, async () => {
    await client.query("CREATE TABLE other (image_path text); INSERT INTO other VALUES ('elsewhere/a.jpg'), ('elsewhere/b.jpg')");
    notices.length = 0;
    const res = await client.query(`CONVERT USING tutorial_search_clip OPTIONS(table_name='other') AS SELECT image_path FROM unsplash_data LIMIT 4`);
    assert.equal(res.rows.filter((r: Record<string, unknown>) => r[EMB] !== null).length, 4, 'the query\'s rows are embedded');
    const summary = notices.find((n) => n.message.startsWith('CONVERT: embedded'));
    assert.match(summary?.message ?? '', /^CONVERT: embedded 4 images in .*; stored in 0 of the 2 rows of "other"$/);
    const warning = notices.find((n) => n.severity === 'WARNING');
    assert.match(warning?.message ?? '', /^CONVERT stored no embeddings in "other": none of its 2 rows has an image path the query returned$/);
    assert.deepEqual((await client.query(`SELECT count(${EMB})::int AS n FROM other`)).rows, [{ n: 0 }]);
  });

  it('a cancelled CONVERT (CancelRequest) leaves the table as it was', { timeout: TIMEOUT_MS }, async () => {
    const dir = join(server.dataDir, 'many');
    mkdirSync(dir);
    const source = [...colourOf.keys()].filter((p) => p.endsWith('.jpg'));
    const values: string[] = [];
    for (let i = 0; i < CANCEL_ROWS; i++) {
      const path = `many/${i}.jpg`;
      copyFileSync(join(server.dataDir, source[i % source.length]!), join(server.dataDir, path));
      values.push(`('${path}')`);
    }
    await client.query(`CREATE TABLE big (image_path text); INSERT INTO big VALUES ${values.join(', ')}`);
    const sql = postgres({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql', fetch_types: false, onnotice: () => {} });
    try {
      // Connected first: postgres.js cancels a query it has not sent yet locally, and a loaded
      // machine may take longer than CANCEL_AFTER_MS to connect.
      await sql`SELECT 1`;
      const q = sql`CONVERT USING tutorial_search_clip OPTIONS(table_name='big', batch_size=4) AS SELECT * FROM big`;
      setTimeout(() => q.cancel(), CANCEL_AFTER_MS);
      await assert.rejects(q, { code: '57014' });
      const cols = await sql`SELECT * FROM big LIMIT 1`;
      assert.deepEqual(cols.columns.map((c) => c.name), ['image_path']);
      assert.equal((await sql`SELECT count(*)::int AS n FROM big`)[0]!['n'], CANCEL_ROWS);
    } finally {
      await sql.end();
    }
  });
});
