/**
 * UPDATE / DELETE … WHERE CURRENT OF through `pg`, with another session writing the same table
 * while the cursor is open: its INSERT and its UPDATE of that new row leave the cursor's rows
 * where they were, the cursor's changes (followed through its own updates) are committed beside
 * the other session's, which then sees the rows PostgreSQL 15 gives for the same steps. When
 * the other session changes a row of the cursor's row group (the store's unit of change,
 * catalog/merge-concurrent-writes.ts), the cursor's commit is 40001 and loses nothing silently.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { startServer } from '../../src/main.js';

async function connect(port: number): Promise<pg.Client> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: 'thanosql', database: 'thanosql' });
  await client.connect();
  return client;
}

test('a cursor updates and deletes its rows while another session writes the table', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thanosql-current-of-'));
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, modelsDir: join(dataDir, 'models'), httpPort: 0, log: () => {} });
  const clients: pg.Client[] = [];
  try {
    const [a, b] = [await connect(server.port), await connect(server.port)];
    clients.push(a, b);
    await a.query('CREATE TABLE acct (id int, balance int)');
    await a.query('INSERT INTO acct SELECT g, g * 10 FROM generate_series(1, 5) g');

    await a.query('BEGIN');
    await a.query('DECLARE c SCROLL CURSOR FOR SELECT id, balance FROM acct WHERE balance > 0');
    assert.deepEqual((await a.query('FETCH 2 FROM c')).rows, [{ id: 1, balance: 10 }, { id: 2, balance: 20 }]);

    // B appends a row (a row group of its own) and changes it.
    await b.query('INSERT INTO acct VALUES (6, 60)');
    await b.query('UPDATE acct SET balance = 61 WHERE id = 6');
    const first = await a.query('UPDATE acct SET balance = balance + 1 WHERE CURRENT OF c RETURNING id, balance');
    assert.deepEqual(first.rows, [{ id: 2, balance: 21 }]);

    await a.query('MOVE BACKWARD 1 IN c');
    const second = await a.query('DELETE FROM acct WHERE CURRENT OF c RETURNING id');
    assert.equal(second.rowCount, 1);
    assert.deepEqual(second.rows, [{ id: 1 }]);

    // A's own update is followed: the row's latest version is changed again.
    await a.query('FETCH NEXT FROM c');
    const third = await a.query('UPDATE acct SET balance = balance * 2 WHERE CURRENT OF c RETURNING balance');
    assert.deepEqual(third.rows, [{ balance: 42 }]);
    await a.query('COMMIT');

    const seen = await b.query('SELECT id, balance FROM acct ORDER BY id');
    assert.deepEqual(seen.rows, [
      { id: 2, balance: 42 }, { id: 3, balance: 30 }, { id: 4, balance: 40 }, { id: 5, balance: 50 }, { id: 6, balance: 61 },
    ]);

    // B changes another row of the cursor's row group: READ COMMITTED's next statement reads B's
    // commit, where the cursor's row group is gone, so the DELETE is 40001 and nothing of A is kept.
    await a.query('BEGIN');
    await a.query('DECLARE d CURSOR FOR SELECT id FROM acct WHERE id = 3');
    await a.query('FETCH 1 FROM d');
    await b.query('UPDATE acct SET balance = 0 WHERE id = 5');
    await assert.rejects(a.query('DELETE FROM acct WHERE CURRENT OF d'), (e: Error & { code?: string }) => e.code === '40001');
    assert.equal((await a.query('COMMIT')).command, 'ROLLBACK');
    assert.deepEqual((await b.query('SELECT id, balance FROM acct WHERE id IN (3, 5) ORDER BY id')).rows,
      [{ id: 3, balance: 30 }, { id: 5, balance: 0 }]);

    // Errors reach the client with PostgreSQL's SQLSTATEs.
    await a.query('BEGIN');
    await a.query('DECLARE s CURSOR FOR SELECT id FROM acct ORDER BY id');
    await a.query('FETCH 1 FROM s');
    await assert.rejects(a.query('DELETE FROM acct WHERE CURRENT OF s'),
      (e: Error & { code?: string }) => e.code === '24000' && /not a simply updatable scan/.test(e.message));
    await a.query('ROLLBACK');
    await assert.rejects(a.query('DELETE FROM acct WHERE CURRENT OF s'), (e: Error & { code?: string }) => e.code === '34000');
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
