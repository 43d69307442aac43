/**
 * Issue 10, BI tools: `image_url(path)` gives the URL the server's HTTP endpoint serves an image
 * at (Metabase's and Superset's "Image URL" columns): the server sets `thanosql.http_url` to its
 * own HTTP address and the URL really serves the picture; an absolute path inside the data
 * directory works. Through `pg`. What the function answers for other paths, in a view, and with
 * the setting changed or empty is tested in SQL: test/sql/thanosql/image-url.slt.
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

  it('gives a URL that serves the image', { timeout: TIMEOUT_MS }, async () => {
    const { client } = session;
    const base = (await client.query('SHOW thanosql.http_url')).rows[0]['thanosql.http_url'] as string;
    assert.match(base, /^http:\/\/127\.0\.0\.1:\d+$/);
    const row = (await client.query("SELECT image_path, image_url(image_path) AS url FROM photos WHERE image_path LIKE '%.jpg' LIMIT 1")).rows[0];
    assert.equal(row.url, `${base}/images/${row.image_path}`);
    const res = await fetch(row.url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/jpeg');
    assert.deepEqual(Buffer.from(await res.arrayBuffer()), readFileSync(join(session.server.dataDir, row.image_path)));
  });

  it('an absolute path inside the data directory becomes relative', { timeout: TIMEOUT_MS }, async () => {
    const { client, server } = session;
    const res = await client.query('SELECT image_url($1) AS inside', [join(server.dataDir, 'tutorial_data/a.jpg')]);
    const base = (await client.query('SHOW thanosql.http_url')).rows[0]['thanosql.http_url'] as string;
    assert.deepEqual(res.rows[0], { inside: `${base}/images/tutorial_data/a.jpg` });
  });
});
