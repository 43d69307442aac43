/**
 * SELECT … FOR UPDATE across sessions, through `pg`. The store has no row locks: a locking
 * SELECT claims the locked table's row groups, and nobody waits (catalog/row-group-locks.ts).
 * When another session commits a change to a claimed group first, the locking transaction's
 * COMMIT fails with 40001 — its lock was not honoured, and it is told so instead of committing
 * as if it had been. Writes that leave the claimed groups alone (an INSERT: a new group) do not
 * disturb it, and a locking transaction that commits first keeps its changes.
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

const isSerializationFailure = (e: Error & { code?: string }) => e.code === '40001';

test('a FOR UPDATE lock another session overrides fails the locking COMMIT with 40001', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'thanosql-for-update-'));
  const server = await startServer({ host: '127.0.0.1', port: 0, dataDir, modelsDir: join(dataDir, 'models'), httpPort: 0, log: () => {} });
  const clients: pg.Client[] = [];
  try {
    const [a, b] = [await connect(server.port), await connect(server.port)];
    clients.push(a, b);
    await a.query('CREATE TABLE stock (item text, qty int)');
    await a.query("INSERT INTO stock VALUES ('apple', 5), ('pear', 3)");

    // Read-only locking transaction: B's update of a locked row commits first → A's COMMIT is 40001.
    await a.query('BEGIN');
    assert.deepEqual((await a.query("SELECT qty FROM stock WHERE item = 'apple' FOR UPDATE")).rows, [{ qty: 5 }]);
    await b.query("UPDATE stock SET qty = 4 WHERE item = 'apple'");
    await assert.rejects(a.query('COMMIT'), isSerializationFailure);

    // A locks and writes; B only inserts: both commit, nothing lost.
    await a.query('BEGIN');
    const { rows } = await a.query("SELECT qty FROM stock WHERE item = 'pear' FOR UPDATE");
    await b.query("INSERT INTO stock VALUES ('plum', 7)");
    await a.query("UPDATE stock SET qty = $1 WHERE item = 'pear'", [rows[0].qty - 1]);
    await a.query('COMMIT');

    // A cursor FOR UPDATE: B changes a row of its group before A commits → A's COMMIT is 40001, B's change stays.
    await a.query('BEGIN');
    await a.query('DECLARE c CURSOR FOR SELECT item, qty FROM stock FOR UPDATE');
    await a.query('FETCH 1 FROM c');
    await b.query("UPDATE stock SET qty = 0 WHERE item = 'plum'");
    await assert.rejects(a.query('COMMIT'), isSerializationFailure);

    assert.deepEqual((await b.query('SELECT item, qty FROM stock ORDER BY item')).rows,
      [{ item: 'apple', qty: 4 }, { item: 'pear', qty: 2 }, { item: 'plum', qty: 0 }]);
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
