/**
 * Sequences across sessions, through `pg`: one sequence's values are unique and gap-free under
 * concurrent inserts from two connections (on engine threads of their own), nextval is not
 * rolled back, currval/lastval are per session (55000 in a session that never called nextval),
 * and the counters survive a restart.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { startServer } from '../../src/main.js';

const ROWS_PER_CLIENT = 60;

async function connect(port: number): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'thanosql', database: 'thanosql' });
  await client.connect();
  return client;
}

const value = async (c: pg.Client, sql: string): Promise<unknown> => Object.values((await c.query(sql)).rows[0] ?? {})[0];

test('serial values from concurrent sessions are unique, never rolled back, and survive a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thanosql-seq-'));
  const start = () => startServer({ host: '127.0.0.1', port: 0, dataDir, modelsDir: join(dataDir, 'models'), httpPort: 0, log: () => {} });
  let server = await start();
  const clients: pg.Client[] = [];
  try {
    const [a, b] = [await connect(server.port), await connect(server.port)];
    clients.push(a, b);
    await a.query('CREATE TABLE items (id serial PRIMARY KEY, who text)');

    // A's transaction takes 1; B, meanwhile, 2; A rolls back: 1 is gone, the next is 3.
    await a.query('BEGIN');
    assert.equal(await value(a, "INSERT INTO items (who) VALUES ('a') RETURNING id"), 1);
    assert.equal(await value(b, "INSERT INTO items (who) VALUES ('b') RETURNING id"), 2);
    await a.query('ROLLBACK');
    assert.equal(await value(b, "INSERT INTO items (who) VALUES ('b') RETURNING id"), 3);

    // currval / lastval belong to the session.
    assert.equal(await value(a, "SELECT currval('items_id_seq')"), '1');
    assert.equal(await value(b, "SELECT currval('items_id_seq')"), '3');
    assert.equal(await value(b, 'SELECT lastval()'), '3');
    const c = await connect(server.port);
    clients.push(c);
    await assert.rejects(c.query("SELECT currval('items_id_seq')"), (e: Error & { code?: string }) => e.code === '55000');

    // Concurrent inserts from two connections (sessions may run on different engine threads),
    // each into its own table so no write conflicts: both tables draw from one sequence.
    await a.query('CREATE SEQUENCE shared');
    await a.query("CREATE TABLE ta (id bigint DEFAULT nextval('shared'), who text)");
    await a.query("CREATE TABLE tb (id bigint DEFAULT nextval('shared'), who text)");
    const insert = (client: pg.Client, table: string) =>
      Array.from({ length: ROWS_PER_CLIENT }, () => client.query(`INSERT INTO ${table} (who) VALUES ($1) RETURNING id`, [table]));
    const ids = (await Promise.all([...insert(a, 'ta'), ...insert(b, 'tb')])).map((r) => Number(r.rows[0].id));
    assert.equal(new Set(ids).size, ids.length, 'a value was handed out twice');
    assert.deepEqual([...ids].sort((x, y) => x - y), Array.from({ length: 2 * ROWS_PER_CLIENT }, (_, i) => i + 1));

    for (const client of clients.splice(0)) await client.end();
    await server.close();
    server = await start();
    const d = await connect(server.port);
    clients.push(d);
    assert.equal(await value(d, "SELECT nextval('items_id_seq')"), '4');
    assert.equal(await value(d, "SELECT nextval('shared')"), String(2 * ROWS_PER_CLIENT + 1));
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
