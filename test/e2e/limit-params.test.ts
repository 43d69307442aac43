/**
 * Drivers bind LIMIT/OFFSET as parameters (`LIMIT $1 OFFSET $2`, ORM pagination); the
 * extended protocol must infer them as bigint and apply them — in either clause order.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer } from './wire-server.js';

test('LIMIT $1 OFFSET $2 and OFFSET $1 LIMIT $2 through pg', async () => {
  const server = await startTestServer();
  const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
  await client.connect();
  try {
    await client.query('CREATE TABLE pages AS SELECT n FROM generate_series(1, 10) AS g(n)');
    const page = async (sql: string, params: unknown[]) => (await client.query(sql, params)).rows.map((r) => r.n);
    assert.deepEqual(await page('SELECT n FROM pages ORDER BY n LIMIT $1 OFFSET $2', [3, 2]), [3, 4, 5]);
    assert.deepEqual(await page('SELECT n FROM pages ORDER BY n OFFSET $1 LIMIT $2', [8, 5]), [9, 10]);
    assert.deepEqual(await page('SELECT n FROM pages ORDER BY n LIMIT $1', [null]), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await assert.rejects(client.query('SELECT n FROM pages LIMIT $1', [-1]), { code: '2201W' });
  } finally {
    await client.end();
    await server.close();
  }
});
