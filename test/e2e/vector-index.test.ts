/**
 * HNSW vector indexes (`CREATE INDEX … USING hnsw (emb vector_cosine_ops)`) through `pg`: the
 * options and errors pgvector users meet, EXPLAIN naming the index (or `exact scan` under
 * `thanosql.exact_search`), answers compared with the exact scan query by query (the rows found
 * may differ only where HNSW misses one — recall is asserted, and every score returned must be the
 * exact score), and the index kept honest across INSERT / DELETE, a rolled-back CREATE INDEX, a
 * restart (its files reopened) and DROP INDEX (its files removed).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../../src/main.js';
import { writeTestModel } from '../../src/tools/index.js';
import { VECTOR_INDEX_DIR } from '../../src/ml/inference/vector/index-files.js';
import { ROW_GROUP_ROWS } from '../../src/storage/index.js';
import { BIND_TUTORIAL_MODEL, TEST_MODEL_DIR, pgClient } from './clip-fixture.js';

const TIMEOUT_MS = 120_000;
/** Five row groups: above SEARCH_TOP_K_MIN_ROWS (4096), so the top-k path runs. */
const ROWS = 4 * ROW_GROUP_ROWS + 500;
const DIM = 32;
const EMB = 'tutorial_search_clip_clipen';
const SIM = `${EMB}_similarity`;
const K = 10;
const QUERIES = ['red', 'a black cat', 'green grass', 'blue sky', 'yellow'];

/**
 * Random vectors (no ties to muddy the comparison; a formula in i would put them on a curve, a
 * shape HNSW's greedy search handles badly); every 101st row NULL.
 */
const vectorSql = `ARRAY[${Array.from({ length: DIM }, () => 'random() * 2 - 1').join(', ')}]::real[]`;
const fill = (from: number, to: number) =>
  `INSERT INTO vecs SELECT i, 'img/' || i || '.jpg', CASE WHEN i % 101 = 0 THEN NULL ELSE ${vectorSql} END
   FROM generate_series(${from}, ${to}) AS i`;
const topK = (text: string, k = K) =>
  `SELECT id, ${SIM}1 AS s FROM (SEARCH IMAGE text="${text}" USING tutorial_search_clip AS SELECT * FROM vecs)
   ORDER BY ${SIM}1 DESC NULLS LAST LIMIT ${k}`;

type Client = Awaited<ReturnType<typeof pgClient>>['client'];
type Hit = { id: number; s: number };

describe('HNSW vector indexes', { timeout: 8 * TIMEOUT_MS }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let client: Client;
  let dataDir: string;
  let modelsDir: string;
  const start = async () => {
    server = await startServer({ host: '127.0.0.1', port: 0, dataDir, modelsDir, log: () => {} });
    ({ client } = await pgClient(server.port));
    // The table is small: use the index from the first row.
    await client.query('SET thanosql.vector_index_min_rows = 0');
  };
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hnsw-data-'));
    modelsDir = mkdtempSync(join(tmpdir(), 'hnsw-models-'));
    await writeTestModel(join(modelsDir, TEST_MODEL_DIR));
    await start();
    await client.query(BIND_TUTORIAL_MODEL);
    await client.query(`CREATE TABLE vecs (id int, image_path text, ${EMB} real[])`);
    await client.query(fill(0, ROWS - 1));
  }, { timeout: TIMEOUT_MS });
  after(async () => {
    await client?.end();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(modelsDir, { recursive: true, force: true });
  });

  const plan = async (sql: string) =>
    (await client.query(`EXPLAIN ${sql}`)).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');
  const rows = async (sql: string) => (await client.query(sql)).rows as Hit[];

  const recalls: number[] = [];
  /**
   * The index's answer and the exact one; asserts every returned score is exact, and recall: each
   * query's at least 0.8 here, their mean at least 0.95 (random 32-d vectors are about the hardest
   * data for HNSW: at ef_search 128 one query in a few missed two or three rows; 256 found all).
   */
  async function compare(text: string): Promise<{ indexed: Hit[]; exact: Hit[] }> {
    assert.match(await plan(topK(text)), /hnsw index vecs_hnsw/);
    const indexed = await rows(topK(text));
    await client.query('SET thanosql.exact_search = on');
    assert.match(await plan(topK(text)), /exact scan/);
    const exact = await rows(topK(text));
    const all = new Map((await rows(topK(text, ROWS * 2))).map((r) => [r.id, r.s]));
    await client.query('SET thanosql.exact_search = off');
    assert.equal(indexed.length, exact.length);
    const found = new Set(indexed.map((r) => r.id));
    const recall = exact.filter((r) => found.has(r.id)).length / exact.length;
    assert.ok(recall >= 0.8, `recall@${K} for "${text}": ${recall}`);
    recalls.push(recall);
    for (const r of indexed) assert.equal(r.s, all.get(r.id), `row ${r.id}: the exact score`);
    for (let i = 1; i < indexed.length; i++) assert.ok(indexed[i - 1]!.s >= indexed[i]!.s, 'ordered by score');
    return { indexed, exact };
  }

  it('rejects what pgvector rejects, with its SQLSTATEs', async () => {
    const cases: [string, string][] = [
      [`CREATE INDEX ON vecs USING hnsw (${EMB})`, '42704'],
      [`CREATE INDEX ON vecs USING hnsw (${EMB} vector_l2_ops)`, '42704'],
      [`CREATE INDEX ON vecs USING hnsw (${EMB} vector_cosine_ops) WITH (m = 1)`, '22023'],
      [`CREATE INDEX ON vecs USING hnsw (${EMB} vector_cosine_ops) WITH (m = 16, ef_construction = 20)`, '22023'],
      [`CREATE INDEX ON vecs USING hnsw (${EMB} vector_cosine_ops) WITH (lists = 3)`, '22023'],
      [`CREATE INDEX ON vecs USING hnsw (${EMB} vector_cosine_ops) WITH (quantization = 'f8')`, '22023'],
      [`CREATE INDEX ON vecs USING hnsw (image_path vector_cosine_ops)`, '42804'],
      [`CREATE UNIQUE INDEX ON vecs USING hnsw (${EMB} vector_cosine_ops)`, '0A000'],
      [`CREATE INDEX ON vecs USING ivfflat (${EMB} vector_cosine_ops)`, '0A000'],
    ];
    for (const [sql, code] of cases) await assert.rejects(client.query(sql), { code }, sql);
  });

  it('a rolled-back CREATE INDEX leaves no index', async () => {
    await client.query('BEGIN');
    await client.query(`CREATE INDEX vecs_hnsw ON vecs USING hnsw (${EMB} vector_cosine_ops)`);
    await client.query('ROLLBACK');
    assert.match(await plan(topK('red')), /exact scan/);
    assert.equal((await client.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'vecs_hnsw'`)).rows[0].n, 0);
  });

  it('CREATE INDEX … WITH (m, ef_construction): searches use it, answers match the exact scan', async () => {
    await client.query(`CREATE INDEX vecs_hnsw ON vecs USING hnsw (${EMB} vector_cosine_ops) WITH (m = 16, ef_construction = 64)`);
    assert.equal((await client.query(`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'vecs_hnsw'`)).rows[0].n, 1);
    for (const text of QUERIES) await compare(text);
  });

  it('SET hnsw.ef_search (pgvector\'s setting): a small list still returns k exactly scored rows, a large one finds every exact row', async () => {
    await client.query('SET hnsw.ef_search = 10');
    for (const text of QUERIES) {
      const small = await rows(topK(text));
      assert.equal(small.length, K, text);
      const all = new Map((await rows(topK(text, ROWS * 2))).map((r) => [r.id, r.s]));
      for (const r of small) assert.equal(r.s, all.get(r.id), `row ${r.id}: the exact score`);
    }
    await client.query('SET hnsw.ef_search = 2000');
    for (const text of QUERIES) {
      const indexed = await rows(topK(text));
      await client.query('SET thanosql.exact_search = on');
      const exact = await rows(topK(text));
      await client.query('SET thanosql.exact_search = off');
      assert.deepEqual(indexed, exact, text);
    }
    await client.query('RESET hnsw.ef_search');
  });

  it('mean recall@10 over every comparison made is at least 0.95', () => {
    const mean = recalls.reduce((a, b) => a + b, 0) / recalls.length;
    assert.ok(mean >= 0.95, `recall@${K}: ${recalls.join(', ')}`);
  });

  it('a WHERE inside the SEARCH: only rows it keeps, scores exact, recall kept (the index asks for more candidates)', async () => {
    for (const filter of ['id % 2 = 0', 'id % 50 = 0']) {
      const sql = (k: number) => `SELECT id, ${SIM}1 AS s FROM (SEARCH IMAGE text="red" USING tutorial_search_clip AS
        SELECT * FROM vecs WHERE ${filter}) ORDER BY ${SIM}1 DESC NULLS LAST LIMIT ${k}`;
      assert.match(await plan(sql(K)), /hnsw index vecs_hnsw, filter: /);
      const indexed = await rows(sql(K));
      await client.query('SET thanosql.exact_search = on');
      const exact = await rows(sql(K));
      const all = new Map((await rows(sql(ROWS))).map((r) => [r.id, r.s]));
      await client.query('SET thanosql.exact_search = off');
      assert.equal(indexed.length, K);
      for (const r of indexed) assert.equal(r.s, all.get(r.id), `${filter}: row ${r.id} passes, with its exact score`);
      const found = new Set(indexed.map((r) => r.id));
      assert.ok(exact.filter((r) => found.has(r.id)).length >= 0.8 * K, `${filter}: recall`);
    }
  });

  it('below thanosql.vector_index_min_rows the scan stays exact', async () => {
    await client.query(`SET thanosql.vector_index_min_rows = ${ROWS * 10}`);
    assert.match(await plan(topK('red')), /exact scan/);
    await client.query('SET thanosql.vector_index_min_rows = 0');
  });

  const indexDir = async () => {
    const oid = (await client.query(`SELECT oid::int AS oid FROM pg_class WHERE relname = 'vecs_hnsw'`)).rows[0].oid as number;
    return join(dataDir, 'store', VECTOR_INDEX_DIR, String(oid));
  };
  const manifests = async () => {
    const dir = await indexDir();
    return readdirSync(dir).filter((f) => /^shard-\d+\.json$/.test(f)).sort()
      .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { file: string; groups: number[][]; deadRows?: number });
  };
  const coveredRows = async () => (await manifests()).flatMap((m) => m.groups).reduce((sum, [, rowCount]) => sum + rowCount!, 0);
  const tableRows = async () => (await client.query('SELECT count(*)::int AS n FROM vecs')).rows[0].n as number;
  /** Upkeep runs in the workers after each search: searches until the manifests cover every row. */
  const catchUp = async () => {
    const expected = await tableRows();
    for (let i = 0; i < 100 && (await coveredRows()) !== expected; i++) {
      await rows(topK('red'));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.equal(await coveredRows(), expected, 'the shards cover every row group');
  };

  it('the graph\'s nearest rows dropped by a WHERE or a DELETE: still k exactly scored rows, the best of the rest', async () => {
    // More copies of the best row than a shard re-scores (at ef_search 256: max(4 × 10, 256 / 4) = 64), in the graph.
    const { indexed } = await compare('red');
    const best = indexed[0]!.id;
    await client.query(`INSERT INTO vecs SELECT ${ROWS} + i, 'copy.jpg', ${EMB} FROM vecs, generate_series(0, 99) AS i WHERE id = ${best}`);
    await catchUp();
    const where = (k: number) => `SELECT id, ${SIM}1 AS s FROM (SEARCH IMAGE text="red" USING tutorial_search_clip AS
      SELECT * FROM vecs WHERE id < ${ROWS}) ORDER BY ${SIM}1 DESC NULLS LAST LIMIT ${k}`;
    assert.match(await plan(where(K)), /hnsw index vecs_hnsw, filter: /);
    const filtered = await rows(where(K));
    assert.equal(filtered.length, K);
    assert.deepEqual(filtered.map((r) => r.id).filter((id) => id >= ROWS), [], 'no copy passes the WHERE');
    await client.query('SET thanosql.exact_search = on');
    const exact = await rows(where(K));
    await client.query('SET thanosql.exact_search = off');
    const found = new Set(filtered.map((r) => r.id));
    assert.ok(exact.filter((r) => found.has(r.id)).length >= 0.8 * K, 'recall under the WHERE');
    // Deleted, the copies stay in the graph as dead rows until the shard is rebuilt.
    await client.query(`DELETE FROM vecs WHERE id >= ${ROWS}`);
    await catchUp();
    assert.ok((await manifests()).some((m) => (m.deadRows ?? 0) >= 100), 'the copies are dead rows in a shard');
    const after = await compare('red');
    assert.equal(after.indexed.length, K);
    assert.ok(!after.indexed.some((r) => r.id >= ROWS));
  });

  it('INSERT and DELETE: new rows are found, deleted rows never returned', async () => {
    const { indexed } = await compare('red');
    const best = indexed[0]!.id;
    // Copies of the best row under new ids: a new row group the index does not cover yet.
    await client.query(`INSERT INTO vecs SELECT ${ROWS} + i, 'new.jpg', ${EMB} FROM vecs, generate_series(0, 2) AS i WHERE id = ${best}`);
    const after = await compare('red');
    assert.deepEqual(after.indexed.slice(0, 4).map((r) => r.id).sort((a, b) => a - b), [best, ROWS, ROWS + 1, ROWS + 2]);
    await client.query(`DELETE FROM vecs WHERE id = ${best} OR id >= ${ROWS}`);
    const gone = await compare('red');
    assert.ok(!gone.indexed.some((r) => r.id === best || r.id >= ROWS));
  });

  it('after a commit the shards catch up with the table; searches at an unchanged version leave them as saved', async () => {
    // The graph files the manifests name (a save writes a new one and renames the manifest over).
    const shardFiles = async () => (await manifests()).map((m) => m.file);
    await client.query(fill(ROWS, ROWS + 99));
    await catchUp();
    const saved = await shardFiles();
    for (let i = 0; i < 3; i++) await rows(topK('red'));
    assert.deepEqual(await shardFiles(), saved, 'no save without a commit');
    await compare('red');
    await client.query(`DELETE FROM vecs WHERE id >= ${ROWS}`);
  });

  it('survives a restart: the files are reopened and the answers still match', async () => {
    const dir = await indexDir();
    assert.ok(readdirSync(dir).some((f) => f.endsWith('.usearch')), 'the shards are saved');
    const before = await compare('blue sky');
    await client.end();
    await server.close();
    await start();
    const again = await compare('blue sky');
    assert.deepEqual(again.exact, before.exact);
  });

  it('DROP INDEX: searches scan exactly and the files go', async () => {
    const dir = await indexDir();
    await client.query('DROP INDEX vecs_hnsw');
    assert.match(await plan(topK('red')), /exact scan/);
    await rows(topK('red')); // the workers notice the commit on their next task
    assert.ok(!existsSync(dir), 'the index files are removed');
  });
});
