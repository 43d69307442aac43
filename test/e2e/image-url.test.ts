/**
 * Issue 10, BI tools: `image_url(path)` gives the URL the server's HTTP endpoint serves an image
 * at, from `thanosql.http_url`, in any SELECT or view (Metabase's and Superset's "Image URL"
 * columns); the URL really serves the picture. NULL for paths outside the data directory and
 * when the setting is empty (HTTP server off). Through `pg`.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTutorialSession } from './clip-fixture.js';

const TIMEOUT_MS = 60_000;

describe('image_url(path)', { timeout: 4 * TIMEOUT_MS }, () => {
  let session: Awaited<ReturnType<typeof startTutorialSession>>;
  before(async () => { session = await startTutorialSession('photos'); }, { timeout: TIMEOUT_MS });
  after(async () => { await session?.close(); });

  it('gives a URL that serves the image, in a SELECT and in a view', { timeout: TIMEOUT_MS }, async () => {
    const { client } = session;
    const base = (await client.query('SHOW thanosql.http_url')).rows[0]['thanosql.http_url'] as string;
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
    const row = (await client.query("SELECT image_path, image_url(image_path) AS url FROM photos WHERE image_path LIKE '%.jpg' LIMIT 1")).rows[0];
    assert.equal(row.url, `${base}/images/${row.image_path}`);
    const res = await fetch(row.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), readFileSync(join(session.server.dataDir, row.image_path)));
    await client.query('CREATE VIEW gallery AS SELECT photo_id, image_url(image_path) AS picture FROM photos');
    const fromView = await client.query('SELECT count(*) AS n, count(picture) AS with_url FROM gallery');
    assert.deepEqual(fromView.rows[0], { n: '54', with_url: '54' });
  });

  it('absolute paths inside the data directory work; outside ones, NULL and empty input are NULL', { timeout: TIMEOUT_MS }, async () => {
    const { client, server } = session;
    const res = await client.query('SELECT image_url($1) AS inside, image_url($2) AS outside, image_url(NULL) AS none, image_url($3) AS spaced',
      [join(server.dataDir, 'tutorial_data/a.jpg'), '../etc/passwd', 'dir/a b#1.jpg']);
    const base = (await client.query('SHOW thanosql.http_url')).rows[0]['thanosql.http_url'] as string;
    assert.deepEqual(res.rows[0], { inside: `${base}/images/tutorial_data/a.jpg`, outside: null, none: null, spaced: `${base}/images/dir/a%20b%231.jpg` });
  });

  it('the server\'s own files get no URL (the data-path resolver the /images/ route uses refuses them)', { timeout: TIMEOUT_MS }, async () => {
    const { client } = session;
    const res = await client.query("SELECT image_url('store/data.jpg') AS store, image_url('thanosql.pid') AS lock, image_url('storefront/a.jpg') AS near");
    const base = (await client.query('SHOW thanosql.http_url')).rows[0]['thanosql.http_url'] as string;
    assert.deepEqual(res.rows[0], { store: null, lock: null, near: `${base}/images/storefront/a.jpg` });
  });

  it('follows thanosql.http_url: a proxy address, or empty for none', { timeout: TIMEOUT_MS }, async () => {
    const { client } = session;
    await client.query("SET thanosql.http_url = 'https://images.example.com/thano/'");
    try {
      assert.equal((await client.query("SELECT image_url('x/y.jpg') AS u")).rows[0].u, 'https://images.example.com/thano/images/x/y.jpg');
      await client.query("SET thanosql.http_url = ''");
      assert.equal((await client.query("SELECT image_url('x/y.jpg') AS u")).rows[0].u, null);
    } finally {
      await client.query('RESET thanosql.http_url');
    }
    assert.match((await client.query("SELECT image_url('x/y.jpg') AS u")).rows[0].u, /^http:\/\/127\.0\.0\.1:\d+\/images\/x\/y\.jpg$/);
  });
});
