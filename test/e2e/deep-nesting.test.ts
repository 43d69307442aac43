/**
 * Deeply nested statements through a real client: each fails fast with PostgreSQL 15's SQLSTATE
 * (42601 where its grammar gives up, 54001 where its analysis does), never XX000 or a dropped
 * connection, and the session answers the next statement.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { startTestServer } from './wire-server.js';

const nested = (open: string, inner: string, close: string, n: number): string => `SELECT ${open.repeat(n)}${inner}${close.repeat(n)}`;

test('deep nesting: PostgreSQL 15\'s errors, the session survives', async () => {
  const server = await startTestServer();
  const client = new pg.Client({ host: '127.0.0.1', port: server.port, user: 'thanosql', database: 'thanosql' });
  await client.connect();
  try {
    const codeOf = async (sql: string): Promise<string> => {
      try {
        await client.query(sql);
        return 'ok';
      } catch (e) {
        return (e as { code?: string }).code ?? String(e);
      }
    };
    // PostgreSQL 15 answers these the same way (checked against it: test/unit/parser/parse-deep-nesting.test.ts).
    assert.equal(await codeOf(nested('(', '1', ')', 100_000)), '42601');
    assert.equal(await codeOf(`SELECT 1${'+1'.repeat(100_000)}`), '54001');
    assert.equal(await codeOf(`SELECT '${'['.repeat(100_000)}${']'.repeat(100_000)}'::jsonb`), '54001');
    // PostgreSQL 15 stops at ~2,500 nested subqueries (54001); an engine thread's larger stack
    // may get through 3,000 — either answer is fine, a crash or XX000 is not.
    assert.ok(['ok', '54001'].includes(await codeOf(nested('(SELECT ', '1', ')', 3_000))));
    // PostgreSQL answers these; our recursion may end first, and then it is 54001, not a crash.
    for (const sql of [
      Array.from({ length: 5_000 }, (_, i) => `SELECT ${i}`).join(' UNION ') + ' ORDER BY 1 DESC LIMIT 1',
      `SELECT 1${'+1'.repeat(3_000)}`,
      nested('abs(', '1', ')', 3_000),
    ]) {
      assert.ok(['ok', '54001'].includes(await codeOf(sql)), sql.slice(0, 40));
    }
    assert.equal(await codeOf(nested('(', '1', ')', 5_000)), 'ok');
    assert.deepEqual((await client.query('SELECT 1 AS one')).rows, [{ one: 1 }]);
  } finally {
    await client.end();
    await server.close();
  }
});
