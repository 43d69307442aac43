/**
 * The `search_top_k` rule and its SearchTopK operator (worker-pool top-k scan straight from LMDB),
 * through `pg`: every query is run with the rule and again with it disabled
 * (`thanosql.disabled_optimizers`), and the rows must be identical — over several row groups, with
 * NULL and all-zero embeddings (NULL similarities, first under plain DESC), massive ties (40
 * distinct vectors), OFFSET, texts=[…] ordered by similarity2, SELECT *, a WHERE inside the SEARCH's
 * query at several selectivities. Also: EXPLAIN shows the
 * node, a cancelled scan stops handing out tasks (57014), and transactions with their own
 * uncommitted rows or an older snapshot get the same answer as the ordinary plan.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startServer } from '../../src/main.js';
import { writeTestModel } from '../../src/tools/index.js';
import { VectorPool } from '../../src/ml/inference/pool/vector-pool.js';
import { packScanGroups } from '../../src/ml/inference/worker/packed-scan-groups.js';
import type { TopKScanResult, TopKScanTask } from '../../src/ml/inference/worker/worker-protocol.js';
import { ROW_GROUP_ROWS, openStore } from '../../src/storage/index.js';
import { BIND_TUTORIAL_MODEL, TEST_MODEL_DIR, pgClient } from './clip-fixture.js';

const TIMEOUT_MS = 120_000;
/** Nine row groups, well above SEARCH_TOP_K_MIN_ROWS (4096). */
const ROWS = 8 * ROW_GROUP_ROWS + 1808;
const DIM = 32;
const EMB = 'tutorial_search_clip_clipen';
const SIM = `${EMB}_similarity`;
/** Rows without a similarity: NULL embeddings (i % 97 = 0) and all-zero ones (i % 1000 = 500). */
const NULL_ROWS = Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 97 === 0 || i % 1000 === 500).length;

/** 40 distinct vectors, so every score is shared by ~250 rows spread over every row group. */
const vectorSql = `ARRAY[${Array.from({ length: DIM }, (_, j) => `(((i % 40) * ${7 * j + 3} + ${j * j}) % 41 - 20)`).join(', ')}]::real[]`;
const zeroSql = `ARRAY[${new Array(DIM).fill('0').join(', ')}]::real[]`;
const FILL = `INSERT INTO vecs SELECT i, 'img/' || i || '.jpg',
  CASE WHEN i % 97 = 0 THEN NULL WHEN i % 1000 = 500 THEN ${zeroSql} ELSE ${vectorSql} END
  FROM generate_series(0, ${ROWS - 1}) AS i`;

const nested = (search: string, order: string, limit: string, select = `id, image_path, ${SIM}1`) =>
  `SELECT ${select} FROM (SEARCH IMAGE ${search} USING tutorial_search_clip AS SELECT * FROM vecs) ORDER BY ${order} ${limit}`;

type Client = Awaited<ReturnType<typeof pgClient>>['client'];

describe('SEARCH top-k in the worker pool (search_top_k)', { timeout: 6 * TIMEOUT_MS }, () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let client: Client;
  let dataDir: string;
  let modelsDir: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'topk-data-'));
    modelsDir = mkdtempSync(join(tmpdir(), 'topk-models-'));
    await writeTestModel(join(modelsDir, TEST_MODEL_DIR));
    server = await startServer({ host: '127.0.0.1', port: 0, dataDir, modelsDir, log: () => {} });
    ({ client } = await pgClient(server.port));
    await client.query(BIND_TUTORIAL_MODEL);
    await client.query(`CREATE TABLE vecs (id int, image_path text, ${EMB} real[])`);
    await client.query(FILL);
  }, { timeout: TIMEOUT_MS });
  after(async () => {
    await client?.end();
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(modelsDir, { recursive: true, force: true });
  });

  const plan = async (c: Client, sql: string) =>
    (await c.query(`EXPLAIN ${sql}`)).rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n');

  /** Rows with the rule, then without; asserts the first plan used SearchTopK when `expectTopK`. */
  async function bothWays(c: Client, sql: string, expectTopK = true): Promise<{ on: unknown[]; off: unknown[] }> {
    await c.query("SET thanosql.disabled_optimizers = ''");
    if (expectTopK) assert.match(await plan(c, sql), /SearchTopK/);
    const on = (await c.query(sql)).rows;
    await c.query("SET thanosql.disabled_optimizers = 'search_top_k'");
    assert.doesNotMatch(await plan(c, sql), /SearchTopK/);
    const off = (await c.query(sql)).rows;
    await c.query("SET thanosql.disabled_optimizers = ''");
    return { on, off };
  }

  it('the table spans several row groups with NULL similarities', async () => {
    const res = await client.query(`SELECT count(*)::int AS n, count(${EMB})::int AS e FROM vecs`);
    assert.deepEqual(res.rows[0], { n: ROWS, e: ROWS - Array.from({ length: ROWS }, (_, i) => i).filter((i) => i % 97 === 0).length });
    assert.ok(ROWS > ROW_GROUP_ROWS * 4);
  });

  it('EXPLAIN shows SearchTopK with k, the model, the column and the workers', async () => {
    const text = await plan(client, nested('text="a black cat"', `${SIM}1 DESC`, 'LIMIT 5'));
    assert.match(text, /^Project .*\n {2}-> SearchTopK k=5 \(tutorial_search_clip, 1 text\) on vecs\.tutorial_search_clip_clipen, exact scan, \d+ workers?$/);
    assert.doesNotMatch(text, /TopN|Sort/);
    const more = await plan(client, nested('texts=["red", "blue sea"]', `${SIM}2 DESC NULLS LAST`, 'LIMIT 5 OFFSET 3'));
    assert.match(more, /SearchTopK k=8 \(offset 3\) by tutorial_search_clip_clipen_similarity2 NULLS LAST \(tutorial_search_clip, 2 texts\)/);
  });

  it('plain DESC puts the NULL similarities first, k of them, in scan order', async () => {
    const { on, off } = await bothWays(client, nested('text="a black cat"', `${SIM}1 DESC`, 'LIMIT 5'));
    assert.deepEqual(on, off);
    assert.deepEqual(on.map((r) => (r as { id: number }).id), [0, 97, 194, 291, 388]);
    assert.ok(on.every((r) => (r as Record<string, unknown>)[`${SIM}1`] === null));
  });

  it('NULLS LAST with ties: the same rows as a stable sort of the scan', async () => {
    const { on, off } = await bothWays(client, nested('text="a black cat"', `${SIM}1 DESC NULLS LAST`, 'LIMIT 12'));
    assert.deepEqual(on, off);
    const scores = on.map((r) => (r as Record<string, number>)[`${SIM}1`]);
    assert.equal(new Set(scores).size, 1, 'the top 12 share one score (ties)');
  });

  it('OFFSET across the NULL/non-NULL boundary', async () => {
    const { on, off } = await bothWays(client, nested('text="green grass"', `${SIM}1 DESC`, `LIMIT 10 OFFSET ${NULL_ROWS - 4}`));
    assert.deepEqual(on, off);
    assert.equal(on.length, 10);
    assert.equal(on.filter((r) => (r as Record<string, unknown>)[`${SIM}1`] === null).length, 4);
  });

  it('texts=[…] ordered by similarity2, an alias, SELECT * with the embedding', async () => {
    const a = await bothWays(client, nested('texts=["a black cat", "a red car"]', `${SIM}2 DESC NULLS LAST`, 'LIMIT 7 OFFSET 3',
      `image_path, ${SIM}1 AS first, ${SIM}2`));
    assert.deepEqual(a.on, a.off);
    const b = await bothWays(client, nested('texts=["blue sky", "white snow"]', 's DESC', 'LIMIT 300', `id, ${SIM}2 AS s`));
    assert.deepEqual(b.on, b.off);
    const c = await bothWays(client, nested('text="yellow"', `${SIM}1 DESC NULLS LAST`, 'LIMIT 3', '*'));
    assert.deepEqual(c.on, c.off);
    assert.equal(Object.keys(c.on[0] as object).length, 4);
  });

  it('LIMIT ALL and LIMIT 0', async () => {
    // LIMIT ALL binds to no limit at all (a Sort).
    for (const [limit, topK] of [['LIMIT ALL', false], ['LIMIT 0', true]] as const) {
      const { on, off } = await bothWays(client, nested('text="red"', `${SIM}1 DESC`, limit), topK);
      assert.deepEqual(on, off);
    }
  });

  it('a WHERE inside the SEARCH keeps the top-k path: the same rows as the ordinary plan', async () => {
    const where = (filter: string, order = `${SIM}1 DESC`, limit = 'LIMIT 8') =>
      `SELECT id, ${SIM}1 FROM (SEARCH IMAGE text="red" USING tutorial_search_clip AS SELECT * FROM vecs WHERE ${filter}) ORDER BY ${order} ${limit}`;
    assert.match(await plan(client, where('id > 10')), /SearchTopK k=8 .* exact scan, filter: /);
    const cases: [string, string?][] = [
      ['id % 2 = 0'], // 50 %
      ['id % 20 = 3', `${SIM}1 DESC NULLS LAST`], // 5 %
      ['id % 1000 = 1', `${SIM}1 DESC NULLS LAST`], // 0.1 %, some groups keep no row
      ['id % 97 = 0 OR id > 18000'], // the NULL embeddings first, then ranked rows
      [`image_path LIKE '%7.jpg' AND id < 9000`],
      ['id < 0'], // keeps nothing
      ['id > 100 AND NULL'], // NULL is not true
      // Conjunctions of column-vs-constant terms are evaluated over the column values (column-filter.ts).
      ['id < 900', `${SIM}1 DESC NULLS LAST`],
      ['id >= 18000 AND id <> 18001'], // the NULL embeddings first
      ['5000 > id AND 4000 <= id'], // the constant on the left
      [`image_path > 'img/5' AND image_path IS NOT NULL`], // text order as the ordinary plan compares it
      ['image_path IS NULL'], // keeps nothing
      [`image_path = 'img/77.jpg'`],
    ];
    for (const [filter, order] of cases) {
      const { on, off } = await bothWays(client, where(filter, order), filter !== 'id > 100 AND NULL');
      assert.deepEqual(on, off, filter);
    }
    const offset = await bothWays(client, where('id % 3 = 1', `${SIM}1 DESC`, 'LIMIT 6 OFFSET 30'));
    assert.deepEqual(offset.on, offset.off);
    assert.equal(offset.on.length, 6);
  });

  it('shapes it does not take keep the ordinary plan (a subquery in the WHERE, ASC)', async () => {
    const sub = `SELECT id FROM (SEARCH IMAGE text="red" USING tutorial_search_clip AS SELECT * FROM vecs WHERE id IN (SELECT 1)) ORDER BY ${SIM}1 DESC LIMIT 5`;
    assert.doesNotMatch(await plan(client, sub), /SearchTopK/);
    assert.doesNotMatch(await plan(client, nested('text="red"', `${SIM}1 ASC`, 'LIMIT 5')), /SearchTopK/);
  });

  it('a transaction with uncommitted rows in the table sees them', async () => {
    await client.query('BEGIN');
    try {
      await client.query(`INSERT INTO vecs VALUES (-1, 'mine.jpg', NULL)`);
      const { on, off } = await bothWays(client, nested('text="red"', `${SIM}1 DESC`, `LIMIT ${NULL_ROWS + 5}`));
      assert.deepEqual(on, off);
      assert.ok(on.some((r) => (r as { id: number }).id === -1));
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('a transaction on an older snapshot does not see later commits', async () => {
    const { client: other } = await pgClient(server.port);
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
      await client.query('SELECT count(*) FROM vecs');
      await other.query(`INSERT INTO vecs VALUES (-2, 'theirs.jpg', NULL)`);
      const { on, off } = await bothWays(client, nested('text="red"', `${SIM}1 DESC`, `LIMIT ${NULL_ROWS + 5}`));
      assert.deepEqual(on, off);
      assert.ok(!on.some((r) => (r as { id: number }).id === -2));
      await client.query('COMMIT');
      const after = await bothWays(client, nested('text="red"', `${SIM}1 DESC`, `LIMIT ${NULL_ROWS + 5}`));
      assert.deepEqual(after.on, after.off);
      assert.ok(after.on.some((r) => (r as { id: number }).id === -2));
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
      await other.query('DELETE FROM vecs WHERE id = -2');
      await other.end();
    }
  });

  it('a named statement prepared before writes reads the rows of each run, with the rule and without', async () => {
    const sql = nested('text="red"', `${SIM}1 DESC`, `LIMIT ${NULL_ROWS + 5}`);
    for (const disabled of ['', 'search_top_k']) {
      await client.query(`SET thanosql.disabled_optimizers = '${disabled}'`);
      const name = `topk_named_${disabled || 'on'}`;
      const run = async () => (await client.query({ name, text: sql })).rows as { id: number }[];
      const before = await run();
      assert.ok(!before.some((r) => r.id === -3));
      await client.query(`INSERT INTO vecs VALUES (-3, 'later.jpg', NULL)`);
      assert.ok((await run()).some((r) => r.id === -3), `${name}: the row inserted after the prepare`);
      // The plan's original row groups are intact here, but a plan that kept them would miss -3 above.
      await client.query('DELETE FROM vecs WHERE id = -3');
      assert.deepEqual(await run(), before, `${name}: after DELETE`);
    }
    await client.query("SET thanosql.disabled_optimizers = ''");
  });

  it('a statement prepared before INSERT, DELETE and UPDATE ranks the rows of each commit (the int8 shadow is never stale)', async () => {
    // Distinct vectors, so one row is the best and a copy of it is a clear second.
    const components = Array.from({ length: DIM }, (_, j) => `sin(i * ${j + 1} * 0.37 + ${j})`).join(', ');
    await client.query(`CREATE TABLE shadow_vecs (id int, image_path text, ${EMB} real[])`);
    await client.query(`INSERT INTO shadow_vecs SELECT i, 'img/' || i || '.jpg', ARRAY[${components}]::real[] FROM generate_series(0, 4999) AS i`);
    const sql = `SELECT id, ${SIM}1 FROM (SEARCH IMAGE text="red" USING tutorial_search_clip AS SELECT * FROM shadow_vecs) ORDER BY ${SIM}1 DESC LIMIT 3`;
    assert.match(await plan(client, sql), /SearchTopK/);
    const run = async () => {
      const ids = (await client.query({ name: 'shadow_top3', text: sql })).rows.map((r: { id: number }) => r.id);
      const { on, off } = await bothWays(client, sql);
      assert.deepEqual(on, off);
      assert.deepEqual(ids, (on as { id: number }[]).map((r) => r.id), 'the prepared statement and a fresh one agree');
      return ids;
    };
    const [best, second, third] = await run();
    await client.query(`INSERT INTO shadow_vecs SELECT -9, 'copy.jpg', ${EMB} FROM shadow_vecs WHERE id = ${best}`);
    assert.deepEqual(await run(), [best, -9, second], 'the copy ties with the best row and comes after it');
    await client.query(`DELETE FROM shadow_vecs WHERE id = ${best}`);
    assert.deepEqual(await run(), [-9, second, third]);
    await client.query(`UPDATE shadow_vecs SET ${EMB} = (SELECT ${EMB} FROM shadow_vecs WHERE id = 4999) WHERE id = -9`);
    assert.deepEqual((await run()).slice(0, 2), [second, third]);
    await client.query('DROP TABLE shadow_vecs');
  });

  it('a cancelled scan stops handing out tasks and rejects with 57014; the workers keep working', async () => {
    const storeDir = join(dataDir, 'store');
    const store = openStore(storeDir, { readOnly: true });
    const snapshot = store.snapshot();
    await store.close();
    const table = snapshot.tables.get('vecs')!;
    const columnId = table.columns.find((c) => c.name === EMB)!.id;
    const groups = table.rowGroups.map((g, ordinal) => ({ id: g.id, ordinal, rowCount: g.rowCount, hasColumn: true }));
    const query = new Float32Array(DIM).fill(1 / Math.sqrt(DIM));
    const task = { storeDir, worker: 0, tableId: table.id, columnId, groups: packScanGroups(groups), query, k: 5 };
    const vectors = VectorPool.open({ workers: 2 });
    try {
      const [first] = await vectors.run<TopKScanResult, TopKScanTask>('scanTopK', [task]);
      assert.ok(first!.ok && !first!.stale && first!.scores.length === 5);
      const many = new Array(400).fill(task);
      const started = Date.now();
      await vectors.run('scanTopK', many.slice(0, 40));
      const perTask = (Date.now() - started) / 40;
      const controller = new AbortController();
      const running = vectors.run('scanTopK', many, { signal: controller.signal });
      setTimeout(() => controller.abort(), 1);
      const t0 = Date.now();
      await assert.rejects(running, { code: '57014' });
      assert.ok(Date.now() - t0 < Math.max(50, perTask * 100), 'rejected long before the 400 tasks could finish');
      const [missing] = await vectors.run<TopKScanResult, TopKScanTask>('scanTopK', [{ ...task, worker: 1, groups: packScanGroups([{ ...groups[0]!, id: 999_999 }]) }]);
      assert.ok(missing!.ok && missing!.stale, 'a row group the store does not hold is reported stale');
      // A commit made after the workers opened the store is seen by their next scan.
      await client.query(`INSERT INTO vecs VALUES (-3, 'later.jpg', ${vectorSql.replaceAll('i %', '3 %')})`);
      const later = openStore(storeDir, { readOnly: true });
      const added = later.snapshot().tables.get('vecs')!.rowGroups.at(-1)!;
      await later.close();
      const [seen] = await vectors.run<TopKScanResult, TopKScanTask>('scanTopK', [{ ...task, groups: packScanGroups([{ id: added.id, ordinal: 0, rowCount: 1, hasColumn: true }]) }]);
      assert.ok(seen!.ok && !seen!.stale && seen!.scores.length === 1, 'workers see the new commit');
      await client.query('DELETE FROM vecs WHERE id = -3');
    } finally {
      await vectors.close();
    }
  });
});
