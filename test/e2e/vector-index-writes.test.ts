/**
 * An HNSW index kept in step with the table, through `pg`'s named prepared statements: one
 * top-k statement is prepared once (its plan keeps the index) and executed again after each
 * write — UPDATE, INSERT, DELETE, CONVERT, and a crash that leaves the index files behind the
 * table (the files of an earlier state put back while the server is down) — and every answer
 * must be fresh: rows written are found, rows deleted are never returned, every score is exact.
 */
import assert from 'node:assert/strict';
import { cpSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { VECTOR_INDEX_DIR } from '../../src/ml/inference/vector/index-files.js';
import { ROW_GROUP_ROWS } from '../../src/storage/index.js';
import { BIND_TUTORIAL_MODEL, makeClipDirs, pgClient, startClipServer, type ClipServer } from './clip-fixture.js';

const TIMEOUT_MS = 120_000;
/** Four row groups: above SEARCH_TOP_K_MIN_ROWS (4096), so the top-k path runs. */
const ROWS = 3 * ROW_GROUP_ROWS + 300;
const DIM = 32;
const EMB = 'tutorial_search_clip_clipen';
const SIM = `${EMB}_similarity`;
const K = 10;

const vectorSql = `ARRAY[${Array.from({ length: DIM }, () => 'random() * 2 - 1').join(', ')}]::real[]`;
const TOP_K = `SELECT id, ${SIM}1 AS s FROM (SEARCH IMAGE text="red" USING tutorial_search_clip AS SELECT * FROM vecs)
  ORDER BY ${SIM}1 DESC NULLS LAST LIMIT ${K}`;

type Client = Awaited<ReturnType<typeof pgClient>>['client'];
type Hit = { id: number; s: number };

describe('HNSW index in step with writes (prepared statements)', { timeout: 8 * TIMEOUT_MS }, () => {
  let dirs: { dataDir: string; modelsDir: string };
  let server: ClipServer;
  let client: Client;
  const start = async () => {
    server = await startClipServer(dirs);
    ({ client } = await pgClient(server.port));
    await client.query('SET thanosql.vector_index_min_rows = 0');
  };
  const stop = async () => {
    await client.end();
    await server.stop();
  };
  before(async () => {
    dirs = await makeClipDirs();
    await start();
    await client.query(BIND_TUTORIAL_MODEL);
    await client.query(`CREATE TABLE vecs (id int, image_path text, ${EMB} real[])`);
    await client.query(`INSERT INTO vecs SELECT i, 'img/' || i || '.jpg', ${vectorSql} FROM generate_series(0, ${ROWS - 1}) AS i`);
    await client.query(`CREATE INDEX vecs_hnsw ON vecs USING hnsw (${EMB} vector_cosine_ops)`);
  }, { timeout: TIMEOUT_MS });
  after(async () => {
    await client?.end().catch(() => {});
    await server?.close();
  });

  /** The prepared statement's answer (the same name each time: parsed and planned once per connection). */
  const prepared = async () => (await client.query({ name: 'top_red', text: TOP_K })).rows as Hit[];
  /** The exact answer and every row's exact score, from ad hoc statements under thanosql.exact_search. */
  async function exact(): Promise<{ top: Hit[]; scores: Map<number, number> }> {
    await client.query('SET thanosql.exact_search = on');
    const top = (await client.query(TOP_K)).rows as Hit[];
    const all = (await client.query(TOP_K.replace(`LIMIT ${K}`, `LIMIT ${ROWS * 2}`))).rows as Hit[];
    await client.query('SET thanosql.exact_search = off');
    return { top, scores: new Map(all.map((r) => [r.id, r.s])) };
  }
  /** The prepared answer, checked against the exact one: exact scores, ordered, recall@10 ≥ 0.8. */
  async function fresh(): Promise<Hit[]> {
    const hits = await prepared();
    const { top, scores } = await exact();
    assert.equal(hits.length, top.length);
    for (const h of hits) assert.equal(h.s, scores.get(h.id), `row ${h.id} is in the table with this exact score`);
    for (let i = 1; i < hits.length; i++) assert.ok(hits[i - 1]!.s >= hits[i]!.s, 'ordered by score');
    const found = new Set(hits.map((h) => h.id));
    assert.ok(top.filter((h) => found.has(h.id)).length >= 0.8 * top.length, `recall: ${JSON.stringify(hits)} vs ${JSON.stringify(top)}`);
    return hits;
  }
  const plan = async () => (await client.query(`EXPLAIN ${TOP_K}`)).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  const copyOf = (id: number) => `(SELECT ${EMB} FROM vecs WHERE id = ${id})`;

  let best = -1;
  it('the prepared statement answers from the index', async () => {
    assert.match(await plan(), /hnsw index vecs_hnsw/);
    best = (await fresh())[0]!.id;
  });

  it('UPDATE: a row given the best row\'s embedding is found at once', async () => {
    await client.query(`UPDATE vecs SET ${EMB} = ${copyOf(best)} WHERE id = 7`);
    const hits = await fresh();
    assert.deepEqual(hits.slice(0, 2).map((h) => h.id).sort((a, b) => a - b), [7, best].sort((a, b) => a - b));
  });

  it('INSERT: new copies are found; DELETE: deleted rows are never returned', async () => {
    await client.query(`INSERT INTO vecs SELECT ${ROWS} + i, 'new.jpg', ${copyOf(best)} FROM generate_series(0, 2) AS i`);
    assert.deepEqual((await fresh()).slice(0, 5).map((h) => h.id).sort((a, b) => a - b), [7, best, ROWS, ROWS + 1, ROWS + 2].sort((a, b) => a - b));
    await client.query(`DELETE FROM vecs WHERE id = ${best} OR id >= ${ROWS}`);
    const hits = await fresh();
    assert.equal(hits[0]!.id, 7);
    assert.ok(!hits.some((h) => h.id === best || h.id >= ROWS));
  });

  it('CONVERT: a row whose image is embedded anew ranks by its new embedding', async () => {
    await client.query(`COPY unsplash_data OPTIONS(overwrite=True) FROM "tutorial_data/unsplash_data/unsplash.csv"`);
    const red = (await client.query(`SELECT image_path FROM unsplash_data WHERE photo_description LIKE 'A red %' LIMIT 1`)).rows[0].image_path as string;
    await client.query(`UPDATE vecs SET image_path = $1 WHERE id = 11`, [red]);
    await client.query(`CONVERT USING tutorial_search_clip OPTIONS (image_col="image_path", table_name="vecs")
      AS SELECT * FROM vecs WHERE id = 11`);
    assert.match(await plan(), /hnsw index vecs_hnsw/, 'the index on the re-embedded column stays');
    const hits = await fresh();
    assert.equal(hits[0]!.id, 11, 'a red picture is the best match for "red"');
  });

  it('after a crash that left the index files behind the table, answers are still fresh', async () => {
    const oid = (await client.query(`SELECT oid::int AS oid FROM pg_class WHERE relname = 'vecs_hnsw'`)).rows[0].oid as number;
    const indexDir = join(dirs.dataDir, 'store', VECTOR_INDEX_DIR, String(oid));
    await fresh(); // the workers catch up and save
    await stop();
    const saved = join(dirs.dataDir, 'index-then');
    cpSync(indexDir, saved, { recursive: true });
    await start();
    await client.query(`UPDATE vecs SET ${EMB} = ${copyOf(7)} WHERE id = 1000`);
    await client.query(`DELETE FROM vecs WHERE id = 7`);
    await fresh();
    await stop();
    // The crash: the files as they were before the UPDATE and DELETE (their saves lost).
    rmSync(indexDir, { recursive: true, force: true });
    cpSync(saved, indexDir, { recursive: true });
    await start();
    assert.match(await plan(), /hnsw index vecs_hnsw/);
    const hits = await fresh();
    assert.deepEqual(hits.slice(0, 2).map((h) => h.id), [11, 1000], 'the red picture, then the copy of the deleted row');
    assert.ok(!hits.some((h) => h.id === 7));
    assert.ok(readdirSync(indexDir).some((f) => f.endsWith('.usearch')));
  });
});
