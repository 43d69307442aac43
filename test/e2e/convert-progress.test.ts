/**
 * CONVERT's progress reaches the client while the statement runs (issue 10): NoticeResponses are
 * flushed when written, not queued until CommandComplete — through `pg`, whose notice events fire
 * as the bytes arrive. `thanosql.progress_interval` sets how often progress is reported.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BIND_TUTORIAL_MODEL, pgClient, startClipServer, type ClipServer } from './clip-fixture.js';

const TIMEOUT_MS = 120_000;
/** Enough images that CONVERT with the TEST model runs for a second or more. */
const IMAGES = 400;

describe('CONVERT progress', { timeout: TIMEOUT_MS }, () => {
  let server: ClipServer;
  before(async () => {
    server = await startClipServer();
  });
  after(async () => {
    await server?.close();
  });

  it('the first progress NOTICE arrives well before the statement completes', { timeout: TIMEOUT_MS }, async () => {
    const { client } = await pgClient(server.port);
    const arrivals: { at: number; message: string }[] = [];
    client.on('notice', (n) => arrivals.push({ at: Date.now(), message: n.message ?? '' }));
    try {
      await client.query(BIND_TUTORIAL_MODEL);
      await client.query("COPY photos OPTIONS(overwrite=True) FROM 'tutorial_data/unsplash_data/unsplash.csv'");
      const sources = (await client.query("SELECT image_path FROM photos WHERE image_path LIKE '%.jpg'")).rows.map((r: { image_path: string }) => r.image_path);
      mkdirSync(join(server.dataDir, 'many'));
      const values: string[] = [];
      for (let i = 0; i < IMAGES; i++) {
        copyFileSync(join(server.dataDir, sources[i % sources.length]!), join(server.dataDir, 'many', `${i}.jpg`));
        values.push(`('many/${i}.jpg')`);
      }
      await client.query(`CREATE TABLE many (image_path text); INSERT INTO many VALUES ${values.join(', ')}`);
      await client.query("SET thanosql.progress_interval = '100ms'");
      arrivals.length = 0;
      const started = Date.now();
      await client.query("CONVERT USING tutorial_search_clip OPTIONS(image_col='image_path', table_name='many', batch_size=8) AS SELECT * FROM many");
      const done = Date.now();
      const progress = arrivals.filter((a) => /^CONVERT: \d+\/\d+ images/.test(a.message));
      assert.ok(progress.length >= 2, `progress notices: ${JSON.stringify(arrivals.map((a) => a.message))}`);
      // Queued notices would all arrive together just before CommandComplete, whatever the load.
      const firstAt = progress[0]!.at - started;
      assert.ok(firstAt < (done - started) / 2,
        `the first progress notice arrived after ${firstAt} ms of a ${done - started} ms statement`);
      assert.match(arrivals.at(-1)!.message, /^CONVERT: embedded 400 images/);
    } finally {
      await client.end();
    }
  });
});
