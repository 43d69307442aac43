/**
 * postgres.js names every statement and re-prepares silently when a reused one is gone — but
 * only if the 26000 error names PostgreSQL's routine (FetchPreparedStatement). Regression for
 * DISCARD ALL / DEALLOCATE ALL breaking every cached statement of a postgres.js client.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import postgres from 'postgres';
import { startTestServer } from './wire-server.js';

test('postgres.js keeps working after DISCARD ALL and DEALLOCATE ALL drop its prepared statements', async () => {
  const server = await startTestServer();
  const sql = postgres({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql', max: 1, fetch_types: false });
  try {
    const twice = async () => (await sql`SELECT ${41}::int + 1 AS answer`)[0]!['answer'];
    assert.equal(await twice(), 42);
    await sql.unsafe('DISCARD ALL');
    assert.equal(await twice(), 42);
    await sql.unsafe('DEALLOCATE ALL');
    assert.equal(await twice(), 42);
  } finally {
    await sql.end();
    await server.close();
  }
});
