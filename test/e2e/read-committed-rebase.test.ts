/**
 * READ COMMITTED after the transaction has written, through two `pg` sessions, as PostgreSQL 15
 * answers: each statement sees what others committed before it started beside the
 * transaction's own changes (it used to keep its snapshot once it had written). A savepoint
 * rolled back after that keeps the others' rows; a prepared statement run again sees new rows;
 * unique checks and ON CONFLICT see them; an open cursor keeps its snapshot; REPEATABLE READ
 * still does not move; and a concurrent rewrite of the same row group still fails one COMMIT
 * with 40001 without showing, losing or duplicating a row.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { sqlStateOf, startTwoSessions, type TwoSessions } from './two-sessions.js';

const TEST_TIMEOUT_MS = 60_000;

describe('READ COMMITTED sees other commits after it has written', { timeout: 10 * TEST_TIMEOUT_MS }, () => {
  let sessions: TwoSessions;
  let a: pg.Client;
  let b: pg.Client;
  const keys = async (client: pg.Client, table: string) =>
    (await client.query(`SELECT k FROM ${table} ORDER BY k`)).rows.map((r) => r.k as number);
  before(async () => {
    sessions = await startTwoSessions();
    ({ a, b } = sessions);
  });
  after(async () => {
    await sessions?.close();
  });

  it("counts another session's INSERT after its own", { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE t (k int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO t VALUES (1)');
    await b.query('INSERT INTO t VALUES (2)');
    assert.equal((await a.query('SELECT count(*)::int AS n FROM t')).rows[0].n, 2);
    assert.deepEqual(await keys(b, 't'), [2], 'the other session still does not see the uncommitted row');
    await a.query('COMMIT');
    assert.deepEqual(await keys(b, 't'), [1, 2]);
  });

  it("an UPDATE after another session's INSERT changes that row too, and nothing is lost", { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE upd (k int, v int)');
    await a.query('INSERT INTO upd VALUES (1, 0)');
    await a.query('BEGIN');
    await a.query('INSERT INTO upd VALUES (2, 0)');
    await b.query('INSERT INTO upd VALUES (3, 0)');
    assert.equal((await a.query('UPDATE upd SET v = v + 1')).rowCount, 3);
    await b.query('INSERT INTO upd VALUES (4, 0)');
    await a.query('COMMIT');
    const { rows } = await b.query('SELECT k, v FROM upd ORDER BY k');
    assert.deepEqual(rows, [{ k: 1, v: 1 }, { k: 2, v: 1 }, { k: 3, v: 1 }, { k: 4, v: 0 }]);
  });

  it('a savepoint rolled back after a rebase restores its rows and keeps the ones others committed', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE sp (k int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO sp VALUES (1)');
    await a.query('SAVEPOINT s');
    await a.query('INSERT INTO sp VALUES (2)');
    await b.query('INSERT INTO sp VALUES (10)');
    assert.deepEqual(await keys(a, 'sp'), [1, 2, 10]);
    await a.query('ROLLBACK TO SAVEPOINT s');
    assert.deepEqual(await keys(a, 'sp'), [1, 10]);
    await a.query('DELETE FROM sp WHERE k = 1');
    await b.query('INSERT INTO sp VALUES (20)');
    assert.deepEqual(await keys(a, 'sp'), [10, 20]);
    await a.query('ROLLBACK TO SAVEPOINT s');
    assert.deepEqual(await keys(a, 'sp'), [1, 10, 20]);
    await a.query('COMMIT');
    assert.deepEqual(await keys(b, 'sp'), [1, 10, 20]);
  });

  it('a prepared statement executed again inside the transaction sees the new rows', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE prep (k int)');
    await a.query('BEGIN');
    await a.query('INSERT INTO prep VALUES (1)');
    await a.query('PREPARE total AS SELECT count(*)::int AS n FROM prep');
    const named = { name: 'prep_count', text: 'SELECT count(*)::int AS n FROM prep WHERE k > $1' };
    assert.equal((await a.query('EXECUTE total')).rows[0].n, 1);
    assert.equal((await a.query({ ...named, values: [0] })).rows[0].n, 1);
    await b.query('INSERT INTO prep VALUES (2), (3)');
    assert.equal((await a.query('EXECUTE total')).rows[0].n, 3);
    assert.equal((await a.query({ ...named, values: [0] })).rows[0].n, 3);
    await a.query('COMMIT');
    await a.query('DEALLOCATE total');
  });

  it('unique checks and ON CONFLICT see the rows committed meanwhile', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE uq (k int PRIMARY KEY, who text)');
    await a.query('BEGIN');
    await a.query("INSERT INTO uq VALUES (1, 'a')");
    await b.query("INSERT INTO uq VALUES (2, 'b'), (3, 'b')");
    assert.equal((await a.query("INSERT INTO uq VALUES (2, 'a') ON CONFLICT DO NOTHING")).rowCount, 0);
    await a.query("INSERT INTO uq VALUES (3, 'a') ON CONFLICT (k) DO UPDATE SET who = 'a+b'");
    await a.query('SAVEPOINT before_dup');
    assert.equal(await sqlStateOf(a.query("INSERT INTO uq VALUES (2, 'a')")), '23505');
    await a.query('ROLLBACK TO SAVEPOINT before_dup');
    await a.query('COMMIT');
    assert.deepEqual((await b.query('SELECT k, who FROM uq ORDER BY k')).rows,
      [{ k: 1, who: 'a' }, { k: 2, who: 'b' }, { k: 3, who: 'a+b' }]);
  });

  it('an open cursor keeps the snapshot it was declared with', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE cur (k int)');
    await a.query('INSERT INTO cur VALUES (1), (2)');
    await a.query('BEGIN');
    await a.query('INSERT INTO cur VALUES (3)');
    await a.query('DECLARE c CURSOR FOR SELECT k FROM cur ORDER BY k');
    assert.deepEqual((await a.query('FETCH 1 FROM c')).rows, [{ k: 1 }]);
    await b.query('DELETE FROM cur WHERE k = 2');
    await b.query('INSERT INTO cur VALUES (4)');
    assert.deepEqual(await keys(a, 'cur'), [1, 3, 4]);
    assert.deepEqual((await a.query('FETCH ALL FROM c')).rows, [{ k: 2 }, { k: 3 }]);
    await a.query('CLOSE c');
    await a.query('COMMIT');
    assert.deepEqual(await keys(b, 'cur'), [1, 3, 4]);
  });

  it('REPEATABLE READ still keeps its snapshot after writing', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE rr (k int)');
    await a.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await a.query('INSERT INTO rr VALUES (1)');
    await b.query('INSERT INTO rr VALUES (2)');
    assert.deepEqual(await keys(a, 'rr'), [1]);
    await a.query('COMMIT');
    assert.deepEqual(await keys(a, 'rr'), [1, 2]);
  });

  it('two writers of one row group: exactly one 40001, at COMMIT, and no row lost or shown twice', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE grp (k int, v int)');
    await a.query('INSERT INTO grp SELECT g, 0 FROM generate_series(1, 5) g');
    await a.query('BEGIN');
    await b.query('BEGIN');
    await a.query('UPDATE grp SET v = 1 WHERE k = 1');
    await b.query('UPDATE grp SET v = 2 WHERE k = 2');
    await b.query('INSERT INTO grp VALUES (6, 2)');
    await b.query('COMMIT');
    // A cannot take B's commit in (both rewrote the group): it keeps its snapshot, rows once each.
    assert.deepEqual((await a.query('SELECT k, v FROM grp ORDER BY k')).rows,
      [{ k: 1, v: 1 }, { k: 2, v: 0 }, { k: 3, v: 0 }, { k: 4, v: 0 }, { k: 5, v: 0 }]);
    await a.query('INSERT INTO grp VALUES (7, 1)');
    assert.equal((await a.query('SELECT count(*)::int AS n FROM grp')).rows[0].n, 6);
    assert.equal(await sqlStateOf(a.query('COMMIT')), '40001');
    assert.deepEqual((await a.query('SELECT k, v FROM grp ORDER BY k')).rows,
      [{ k: 1, v: 0 }, { k: 2, v: 2 }, { k: 3, v: 0 }, { k: 4, v: 0 }, { k: 5, v: 0 }, { k: 6, v: 2 }]);
  });

  it('a key both sessions add is not shown twice; the later COMMIT is 23505', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE dup (k int PRIMARY KEY)');
    await a.query('BEGIN');
    await a.query('INSERT INTO dup VALUES (5)');
    await b.query('INSERT INTO dup VALUES (5), (6)');
    assert.deepEqual(await keys(a, 'dup'), [5]);
    assert.equal(await sqlStateOf(a.query('COMMIT')), '23505');
    assert.deepEqual(await keys(a, 'dup'), [5, 6]);
  });
});
