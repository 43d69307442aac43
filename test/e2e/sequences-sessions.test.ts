/**
 * Sequences across sessions, through `pg`: a serial column's values are unique under
 * concurrent inserts from two connections, nextval is not rolled back, currval/lastval are per
 * session (55000 in a session that never called nextval), and the counter survives a restart.
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

    // Interleaved inserts from two connections (one statement each at a time).
    const insert = (client: pg.Client, who: string) => Array.from({ length: ROWS_PER_CLIENT }, () => client.query('INSERT INTO items (who) VALUES ($1) RETURNING id', [who]));
    const ids = (await Promise.all([...insert(a, 'a'), ...insert(b, 'b')])).map((r) => r.rows[0].id as number);
    assert.equal(new Set(ids).size, ids.length, 'an id was handed out twice');
    assert.equal(await value(a, 'SELECT count(DISTINCT id)::int FROM items'), 2 + 2 * ROWS_PER_CLIENT);

    for (const client of clients.splice(0)) await client.end();
    await server.close();
    server = await start();
    const d = await connect(server.port);
    clients.push(d);
    assert.equal(await value(d, "SELECT nextval('items_id_seq')"), String(4 + 2 * ROWS_PER_CLIENT));
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
