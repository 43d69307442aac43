/**
 * CREATE TEMP TABLE through `pg` with two sessions: the temporary table shadows a permanent one
 * of the same name in its own session only (pg_temp first on the search path), `public.x` and
 * `pg_temp.x` address each explicitly, a named statement prepared before the CREATE TEMP reads
 * the temporary table afterwards (as PostgreSQL re-plans), and the table and its rows are gone
 * when the session ends.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { startTestServer } from './wire-server.js';

async function connect(port: number): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'thanosql', database: 'thanosql' });
  await client.connect();
  return client;
}

const rows = async (c: pg.Client, sql: string) => (await c.query(sql)).rows.map((r) => Object.values(r));

test('a temporary table shadows a permanent one in its session only and ends with it', async () => {
  const server = await startTestServer();
  const a = await connect(server.port);
  const b = await connect(server.port);
  try {
    await a.query('CREATE TABLE x (a int)');
    await a.query('INSERT INTO x VALUES (1)');
    const named = async () => (await a.query({ name: 'read_x', text: 'SELECT a FROM x ORDER BY a' })).rows.map((r) => r.a);
    assert.deepEqual(await named(), [1]);

    await a.query('CREATE TEMP TABLE x (a int, note text)');
    await a.query("INSERT INTO x VALUES (2, 'mine')");
    assert.deepEqual(await rows(a, 'SELECT a, note FROM x'), [[2, 'mine']]);
    assert.deepEqual(await named(), [2], 'the named statement re-planned onto the temporary table');
    assert.deepEqual(await rows(a, 'SELECT a FROM public.x'), [[1]]);
    assert.deepEqual(await rows(a, 'SELECT a FROM pg_temp.x'), [[2]]);

    // The other session sees only the permanent table.
    assert.deepEqual(await rows(b, 'SELECT * FROM x'), [[1]]);
    await assert.rejects(b.query('SELECT * FROM pg_temp.x'), (e: Error & { code?: string }) => e.code === '42P01');
    assert.deepEqual(await rows(b, "SELECT count(*)::int FROM pg_class WHERE relpersistence = 't'"), [[0]]);
    await b.query('CREATE TEMP TABLE x (z text)');
    await b.query("INSERT INTO x VALUES ('theirs')");
    assert.deepEqual(await rows(a, 'SELECT a, note FROM x'), [[2, 'mine']]);

    await a.end();
    const c = await connect(server.port);
    try {
      // Session A ended: its temporary table is gone; B's is still B's alone.
      assert.deepEqual(await rows(c, 'SELECT * FROM x'), [[1]]);
      assert.deepEqual(await rows(b, 'SELECT * FROM x'), [['theirs']]);
      await c.query('CREATE TEMP TABLE x (a int)');
      assert.deepEqual(await rows(c, 'SELECT * FROM x'), []);
    } finally {
      await c.end();
    }
  } finally {
    await a.end().catch(() => undefined);
    await b.end();
    await server.close();
  }
});
