/**
 * Concurrent writers to one table, through two `pg` sessions (which run on two engine threads):
 * overlapping INSERT transactions both commit, as in PostgreSQL (they used to fail with 40001);
 * a key both insert is 23505 for the second committer; two rewrites of the same rows' group,
 * or a write next to a FOREIGN KEY partner that changed, are 40001; a definition change
 * conflicts with any concurrent write.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startTwoSessions, type TwoSessions } from './two-sessions.js';

const TEST_TIMEOUT_MS = 60_000;

describe('concurrent writes to one table', { timeout: 6 * TEST_TIMEOUT_MS }, () => {
  let sessions: TwoSessions;
  let a: pg.Client;
  let b: pg.Client;
  before(async () => {
    sessions = await startTwoSessions();
    ({ a, b } = sessions);
  });
  after(async () => {
    await sessions?.close();
  });

  it('overlapping INSERT transactions both commit, and each sees only its own rows until then', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE log (id int, who text)');
    await a.query('BEGIN');
    await b.query('BEGIN');
    await a.query("INSERT INTO log SELECT g, 'a' FROM generate_series(1, 3000) g");
    await b.query("INSERT INTO log SELECT g, 'b' FROM generate_series(1, 10) g");
    assert.equal((await b.query('SELECT count(*)::int AS n FROM log')).rows[0].n, 10);
    await b.query('COMMIT');
    await a.query('COMMIT');
    const { rows } = await a.query('SELECT who, count(*)::int AS n FROM log GROUP BY who ORDER BY who');
    assert.deepEqual(rows, [{ who: 'a', n: 3000 }, { who: 'b', n: 10 }]);
    // Plain autocommit INSERTs from both sessions at once.
    await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).query('INSERT INTO log VALUES ($1, $2)', [i, 'x'])));
    assert.equal((await b.query("SELECT count(*)::int AS n FROM log WHERE who = 'x'")).rows[0].n, 20);
  });

  it('an UPDATE merges with concurrent INSERTs; two rewrites of the same rows conflict with 40001', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE counters (k int, v int)');
    await a.query('INSERT INTO counters VALUES (1, 0), (2, 0)');
    await a.query('BEGIN');
    await a.query('UPDATE counters SET v = v + 1 WHERE k = 1');
    await b.query('INSERT INTO counters VALUES (3, 0)');
    await a.query('COMMIT');
    assert.deepEqual((await b.query('SELECT k, v FROM counters ORDER BY k')).rows, [{ k: 1, v: 1 }, { k: 2, v: 0 }, { k: 3, v: 0 }]);

    await a.query('BEGIN');
    await b.query('BEGIN');
    await a.query('UPDATE counters SET v = v + 10 WHERE k = 1');
    await b.query('UPDATE counters SET v = v + 100 WHERE k = 1');
    await a.query('COMMIT');
    await assert.rejects(b.query('COMMIT'), { code: '40001' });
    assert.equal((await b.query('SELECT v FROM counters WHERE k = 1')).rows[0].v, 11);
  });

  it('a key both sessions insert: the second COMMIT is 23505 and leaves nothing', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE users (id int PRIMARY KEY, name text)');
    await a.query('BEGIN');
    await b.query('BEGIN');
    await a.query("INSERT INTO users VALUES (1, 'ann'), (2, 'bob')");
    await b.query("INSERT INTO users VALUES (3, 'cy'), (2, 'bea')");
    await a.query('COMMIT');
    await assert.rejects(b.query('COMMIT'), (err: pg.DatabaseError) => {
      assert.equal(err.code, '23505');
      assert.equal(err.message, 'duplicate key value violates unique constraint "users_pkey"');
      assert.equal(err.detail, 'Key (id)=(2) already exists.');
      return true;
    });
    assert.deepEqual((await b.query('SELECT id, name FROM users ORDER BY id')).rows, [{ id: 1, name: 'ann' }, { id: 2, name: 'bob' }]);
    // Different keys commit side by side.
    await a.query('BEGIN');
    await b.query('BEGIN');
    await a.query("INSERT INTO users VALUES (10, 'dee')");
    await b.query("INSERT INTO users VALUES (11, 'eve')");
    await a.query('COMMIT');
    await b.query('COMMIT');
    assert.equal((await a.query('SELECT count(*)::int AS n FROM users')).rows[0].n, 4);
  });

  it('a write whose FOREIGN KEY partner changed meanwhile, or a concurrent definition change, is 40001', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE parent (id int PRIMARY KEY)');
    await a.query('CREATE TABLE child (pid int REFERENCES parent (id))');
    await a.query('INSERT INTO parent VALUES (1), (2)');
    await a.query('INSERT INTO child VALUES (1)');
    await a.query('BEGIN');
    await a.query('INSERT INTO child VALUES (2)');
    await b.query('DELETE FROM parent WHERE id = 2');
    await assert.rejects(a.query('COMMIT'), { code: '40001' });
    assert.deepEqual((await a.query('SELECT pid FROM child ORDER BY pid')).rows, [{ pid: 1 }]);

    await a.query('CREATE TABLE shape (x int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO shape VALUES (1)');
    await b.query('ALTER TABLE shape ADD COLUMN y int');
    await assert.rejects(a.query('COMMIT'), { code: '40001' });
  });
});
