/**
 * Transaction characteristics through two `pg` sessions, as PostgreSQL 15 behaves: READ
 * COMMITTED statements see what others committed meanwhile, REPEATABLE READ keeps its first
 * snapshot, SERIALIZABLE refuses write skew (40001 for one of two transactions that each read
 * what the other changed), SHOW reports the level in force, and READ ONLY (however set) refuses
 * writes with 25006. A view keeps working after its table is renamed or moved to another
 * schema (it used to fail with 42P01).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { sqlStateOf, startTwoSessions, type TwoSessions } from './two-sessions.js';

const TEST_TIMEOUT_MS = 60_000;

describe('transaction isolation and READ ONLY', { timeout: 6 * TEST_TIMEOUT_MS }, () => {
  let sessions: TwoSessions;
  let a: pg.Client;
  let b: pg.Client;
  const sum = async (client: pg.Client) => (await client.query('SELECT sum(v)::int AS s FROM iso')).rows[0].s as number;
  before(async () => {
    sessions = await startTwoSessions();
    ({ a, b } = sessions);
    await a.query('CREATE TABLE iso (k int, v int)');
    await a.query('INSERT INTO iso VALUES (1, 10), (2, 20)');
  });
  after(async () => {
    await sessions?.close();
  });

  it('READ COMMITTED (the default) sees commits made between its statements', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('BEGIN');
    assert.equal((await a.query('SHOW transaction_isolation')).rows[0].transaction_isolation, 'read committed');
    assert.equal(await sum(a), 30);
    await b.query('INSERT INTO iso VALUES (3, 30)');
    assert.equal(await sum(a), 60);
    await a.query('COMMIT');
  });

  it('REPEATABLE READ keeps the snapshot of its first query', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    assert.equal((await a.query('SHOW transaction_isolation')).rows[0].transaction_isolation, 'repeatable read');
    const before = await sum(a);
    await b.query('INSERT INTO iso VALUES (4, 40)');
    assert.equal(await sum(a), before);
    await a.query('COMMIT');
    assert.equal(await sum(a), before + 40);
  });

  it('SERIALIZABLE refuses write skew: of two transactions that each read what the other writes, one fails with 40001', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE left_t (n int)');
    await a.query('CREATE TABLE right_t (n int)');
    await a.query('BEGIN ISOLATION LEVEL SERIALIZABLE');
    await b.query('BEGIN');
    await b.query('SET TRANSACTION ISOLATION LEVEL SERIALIZABLE');
    assert.equal((await b.query('SHOW transaction_isolation')).rows[0].transaction_isolation, 'serializable');
    // Each inserts the count of the other's table: run one after the other, the second would count 1.
    await a.query('INSERT INTO right_t SELECT count(*) FROM left_t');
    await b.query('INSERT INTO left_t SELECT count(*) FROM right_t');
    await a.query('COMMIT');
    // PostgreSQL cancels one of the two (here, at its commit: the first committer wins).
    assert.equal(await sqlStateOf(b.query('COMMIT')), '40001');
    assert.deepEqual((await b.query('SELECT n FROM right_t')).rows, [{ n: 0 }]);
    assert.deepEqual((await b.query('SELECT n FROM left_t')).rows, []);
    // REPEATABLE READ allows the skew, as in PostgreSQL: both commit.
    await a.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await b.query('BEGIN ISOLATION LEVEL REPEATABLE READ');
    await a.query('INSERT INTO right_t SELECT count(*) FROM left_t');
    await b.query('INSERT INTO left_t SELECT count(*) FROM right_t');
    await a.query('COMMIT');
    await b.query('COMMIT');
    assert.deepEqual((await b.query('SELECT n FROM left_t')).rows, [{ n: 1 }]);
  });

  it('SET TRANSACTION ISOLATION LEVEL after the first query is 25001', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('BEGIN');
    await a.query('SELECT 1');
    assert.equal(await sqlStateOf(a.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ')), '25001');
    await a.query('ROLLBACK');
  });

  it('READ ONLY refuses writes with 25006, set by BEGIN, SET TRANSACTION or the session default', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('BEGIN READ ONLY');
    assert.equal(await sqlStateOf(a.query('INSERT INTO iso VALUES (9, 90)')), '25006');
    await a.query('ROLLBACK');
    await a.query('SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY');
    assert.equal(await sqlStateOf(a.query('UPDATE iso SET v = 0')), '25006');
    // An extended-protocol statement too (pg sends Parse/Bind/Execute with parameters).
    assert.equal(await sqlStateOf(a.query('DELETE FROM iso WHERE k = $1', [1])), '25006');
    assert.equal(await sqlStateOf(a.query('DROP TABLE iso')), '25006');
    await a.query('SET default_transaction_read_only = off');
    assert.equal((await a.query('SELECT count(*)::int AS n FROM iso')).rows[0].n, 4);
  });

  it('a view follows its table through RENAME and SET SCHEMA', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE base_t (a int)');
    await a.query('INSERT INTO base_t VALUES (1), (2)');
    await a.query('CREATE VIEW base_v AS SELECT a * 10 AS b FROM base_t');
    const rows = async () => (await b.query('SELECT b FROM base_v ORDER BY b')).rows.map((r) => r.b as number);
    assert.deepEqual(await rows(), [10, 20]);
    await a.query('ALTER TABLE base_t RENAME TO base_renamed');
    assert.deepEqual(await rows(), [10, 20]);
    await a.query('CREATE SCHEMA other');
    await a.query('ALTER TABLE base_renamed SET SCHEMA other');
    await a.query('INSERT INTO other.base_renamed VALUES (3)');
    assert.deepEqual(await rows(), [10, 20, 30]);
    // A new table under the old name is not the view's.
    await a.query('CREATE TABLE base_t (a int)');
    assert.deepEqual(await rows(), [10, 20, 30]);
  });
});
