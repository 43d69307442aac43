/**
 * Issue 10, later ThanoSQL dialect forms beside the seed's (shared reference thanosql-syntax.md):
 * Era D `SEARCH IMAGE USING m OPTIONS(search_by=…, search_input=…, emb_col=…, result_col=…,
 * top_k=N) AS …` — best first, at most top_k (default 1000, None for all), the similarity in
 * `result_col` (default search_result) — CONVERT's `result_col`, and COPY's `if_exists` ('fail' | 'replace' | 'append':
 * the header's columns into the existing table, defaults and constraints applied), with single or double quotes alike. Through `pg` on the TEST model.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTutorialSession } from './clip-fixture.js';

const TIMEOUT_MS = 60_000;
const SIM1 = 'tutorial_search_clip_clipen_similarity1';

describe('later ThanoSQL forms', { timeout: 4 * TIMEOUT_MS }, () => {
  let session: Awaited<ReturnType<typeof startTutorialSession>>;
  before(async () => {
    session = await startTutorialSession('photos');
    await session.client.query("CONVERT USING tutorial_search_clip OPTIONS(image_col='image_path', table_name='photos') AS SELECT * FROM photos");
  }, { timeout: TIMEOUT_MS });
  after(async () => { await session?.close(); });

  it('Era D SEARCH: ranked best first, top_k rows, result_col; same scores as the seed form', { timeout: TIMEOUT_MS }, async () => {
    const { client } = session;
    const seed = await client.query(`SELECT image_path, ${SIM1} AS score FROM (SEARCH IMAGE text="a black cat" USING tutorial_search_clip AS SELECT * FROM photos) ORDER BY ${SIM1} DESC LIMIT 3`);
    for (const quote of ["'", '"']) {
      const q = (s: string) => `${quote}${s}${quote}`;
      const eraD = await client.query(`SEARCH IMAGE USING tutorial_search_clip OPTIONS(search_by=${q('text')}, search_input=${q('a black cat')}, ` +
        `emb_col=${q('tutorial_search_clip_clipen')}, result_col=${q('score')}, top_k=3) AS SELECT image_path, tutorial_search_clip_clipen FROM photos`);
      assert.deepEqual(eraD.fields.map((f) => f.name), ['image_path', 'tutorial_search_clip_clipen', 'score']);
      assert.deepEqual(eraD.rows.map((r: Record<string, unknown>) => ({ image_path: r['image_path'], score: r['score'] })), seed.rows);
    }
    const byDefault = await client.query("SELECT * FROM (SEARCH IMAGE USING tutorial_search_clip OPTIONS(search_by='text', search_input='a red car') AS SELECT image_path, tutorial_search_clip_clipen FROM photos)");
    assert.equal(byDefault.fields.at(-1)!.name, 'search_result');
    assert.equal(byDefault.rows.length, 54, 'top_k defaults to 1000: every row of 54');
    const scores = byDefault.rows.map((r: { search_result: number }) => r.search_result);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
    assert.equal((await client.query("SELECT count(*) AS n FROM (SEARCH IMAGE USING tutorial_search_clip OPTIONS(search_by='text', search_input='red', top_k=None) AS SELECT * FROM photos)")).rows[0].n, '54');
    const plan = (await client.query("EXPLAIN SELECT image_path FROM (SEARCH IMAGE USING tutorial_search_clip OPTIONS(search_by='text', search_input='red', top_k=5) AS SELECT * FROM photos)")).rows
      .map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
    assert.match(plan, /TopN limit=5 search_result#\d+ DESC NULLS LAST/);
    await assert.rejects(client.query("SEARCH IMAGE USING tutorial_search_clip OPTIONS(search_by='text', search_input='red', top_k=0) AS SELECT * FROM photos"), { code: '22023' });
    // The seed form keeps SQL's unordered rows and its column names unless it asks.
    const named = await client.query("SELECT * FROM (SEARCH IMAGE text='red' USING tutorial_search_clip OPTIONS(result_col='s') AS SELECT image_path, tutorial_search_clip_clipen FROM photos) LIMIT 1");
    assert.equal(named.fields.at(-1)!.name, 's');
  });

  it('CONVERT OPTIONS(result_col=…) without table_name returns, stores nothing; CREATE TABLE AS keeps it; SEARCH finds it by emb_col', { timeout: TIMEOUT_MS }, async () => {
    const { client } = session;
    const returned = await client.query("CONVERT USING tutorial_search_clip OPTIONS(image_col='image_path', result_col='vec') AS SELECT image_path FROM photos LIMIT 2");
    assert.deepEqual(returned.fields.map((f) => f.name), ['image_path', 'vec']);
    assert.ok(!(await client.query('SELECT * FROM photos LIMIT 0')).fields.some((f) => f.name === 'vec'), 'nothing stored');
    await client.query("CREATE TABLE converted AS SELECT * FROM (CONVERT USING tutorial_search_clip OPTIONS(image_col='image_path', result_col='vec') AS SELECT image_path FROM photos)");
    const found = await client.query("SEARCH IMAGE USING tutorial_search_clip OPTIONS(search_by='text', search_input='a black cat', emb_col='vec', top_k=1) AS SELECT * FROM converted");
    const seed = await client.query(`SELECT image_path FROM (SEARCH IMAGE text='a black cat' USING tutorial_search_clip AS SELECT * FROM photos) ORDER BY ${SIM1} DESC LIMIT 1`);
    assert.equal(found.rows[0].image_path, seed.rows[0].image_path);
  });

  it("COPY if_exists: 'fail' refuses, 'replace' replaces, 'append' appends", { timeout: TIMEOUT_MS }, async () => {
    const { client } = session;
    const csv = 'tutorial_data/unsplash_data/unsplash.csv';
    await client.query(`COPY again OPTIONS(if_exists='fail') FROM "${csv}"`);
    await assert.rejects(client.query(`COPY again OPTIONS(if_exists="fail") FROM '${csv}'`), { code: '42P07' });
    await client.query('DELETE FROM again');
    await client.query(`COPY again OPTIONS(if_exists='replace') FROM '${csv}'`);
    assert.equal((await client.query('SELECT count(*) AS n FROM again')).rows[0].n, '54');
    await client.query(`COPY again OPTIONS(if_exists="append") FROM '${csv}'`);
    assert.equal((await client.query('SELECT count(*) AS n FROM again')).rows[0].n, '108');
    await client.query(`COPY fresh OPTIONS(if_exists='append') FROM '${csv}'`);
    assert.equal((await client.query('SELECT count(*) AS n FROM fresh')).rows[0].n, '54', 'append creates a missing table');
    await assert.rejects(client.query(`COPY again OPTIONS(if_exists='sometimes') FROM '${csv}'`), { code: '22023' });
    await assert.rejects(client.query(`COPY again OPTIONS(if_exists='replace', overwrite=True) FROM '${csv}'`), { code: '22023' });
  });

  it("COPY if_exists='append': the header's columns, defaults for the rest, constraints checked, all or nothing", { timeout: TIMEOUT_MS }, async () => {
    const { client } = session;
    const file = (name: string, text: string) => {
      writeFileSync(join(session.server.dataDir, name), text);
      return name;
    };
    await client.query(`CREATE TABLE tagged (id int PRIMARY KEY, label text NOT NULL DEFAULT 'none', n int CHECK (n > 0))`);
    await client.query(`COPY tagged OPTIONS(if_exists='append') FROM '${file('t1.csv', 'n,ID\n5,1\n6,2\n')}'`);
    const rows = async () => (await client.query('SELECT id, label, n FROM tagged ORDER BY id')).rows;
    const two = [{ id: 1, label: 'none', n: 5 }, { id: 2, label: 'none', n: 6 }];
    assert.deepEqual(await rows(), two);
    await assert.rejects(client.query(`COPY tagged OPTIONS(if_exists='append') FROM '${file('t2.csv', 'id,n\n3,7\n1,8\n')}'`), { code: '23505' });
    await assert.rejects(client.query(`COPY tagged OPTIONS(if_exists='append') FROM '${file('t3.csv', 'id,n\n4,-1\n')}'`), { code: '23514' });
    await assert.rejects(client.query(`COPY tagged OPTIONS(if_exists='append') FROM '${file('t4.csv', 'id,nope\n5,1\n')}'`),
      (e: Error & { code?: string; hint?: string }) => e.code === '42703' && /id, label, n/.test(e.hint ?? ''));
    await assert.rejects(client.query(`COPY tagged OPTIONS(if_exists='append') FROM '${file('t5.csv', 'id,n\nx,1\n')}'`), { code: '22P02' });
    assert.deepEqual(await rows(), two, 'a failed append leaves the table as it was');
  });
});
