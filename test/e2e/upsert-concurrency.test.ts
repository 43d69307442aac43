/**
 * INSERT … ON CONFLICT through `pg` from two sessions (two engine threads): the command tag
 * counts inserted and updated rows (rowCount, what ORMs read), parameters bind in the extended
 * protocol, and two sessions upserting the same key never both insert it — concurrent autocommit
 * upserts leave one row per key and lose no update, and of two overlapping transactions the
 * second to COMMIT fails when they wrote the same key or row group (first committer wins; no
 * waiting here, see catalog/README.md "Isolation").
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { startTwoSessions, type TwoSessions } from './two-sessions.js';

const TEST_TIMEOUT_MS = 60_000;
const UPSERT = 'INSERT INTO hits VALUES ($1, 1) ON CONFLICT (k) DO UPDATE SET n = hits.n + excluded.n';

describe('INSERT … ON CONFLICT through pg', { timeout: 4 * TEST_TIMEOUT_MS }, () => {
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

  it('rowCount counts inserted and updated rows; RETURNING gives the final rows', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('CREATE TABLE hits (k text PRIMARY KEY, n int NOT NULL)');
    const first = await a.query(`${UPSERT} RETURNING k, n`, ['x']);
    assert.equal(first.command, 'INSERT');
    assert.equal(first.rowCount, 1);
    assert.deepEqual(first.rows, [{ k: 'x', n: 1 }]);
    const second = await a.query(`${UPSERT} RETURNING k, n`, ['x']);
    assert.equal(second.rowCount, 1);
    assert.deepEqual(second.rows, [{ k: 'x', n: 2 }]);
    const nothing = await a.query('INSERT INTO hits VALUES ($1, 5) ON CONFLICT DO NOTHING', ['x']);
    assert.equal(nothing.rowCount, 0);
    await assert.rejects(a.query("INSERT INTO hits VALUES ('y', 1), ('y', 2) ON CONFLICT (k) DO UPDATE SET n = 0"), (err: pg.DatabaseError) => {
      assert.equal(err.code, '21000');
      assert.equal(err.message, 'ON CONFLICT DO UPDATE command cannot affect row a second time');
      assert.equal(err.hint, 'Ensure that no rows proposed for insertion within the same command have duplicate constrained values.');
      return true;
    });
    await assert.rejects(a.query("INSERT INTO hits VALUES ('y', 1) ON CONFLICT (n) DO NOTHING"), (err: pg.DatabaseError) => {
      assert.equal(err.code, '42P10');
      assert.equal(err.message, 'there is no unique or exclusion constraint matching the ON CONFLICT specification');
      return true;
    });
  });

  it('concurrent autocommit upserts of one key from two sessions never both insert it', { timeout: TEST_TIMEOUT_MS }, async () => {
    const runs = 40;
    const outcomes = await Promise.allSettled(Array.from({ length: runs }, (_, i) => (i % 2 ? a : b).query(UPSERT, ['race'])));
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    // A losing commit is 23505 (the other session committed the key meanwhile) or 40001 (it rewrote
    // the same row's group meanwhile), never a second row or a lost update.
    for (const f of failed) assert.ok(['23505', '40001'].includes((f.reason as pg.DatabaseError).code!), String(f.reason));
    const { rows } = await a.query("SELECT count(*)::int AS c, max(n) AS n FROM hits WHERE k = 'race'");
    assert.deepEqual(rows, [{ c: 1, n: runs - failed.length }]);
  });

  it('overlapping transactions upserting one key: the second COMMIT fails and leaves one row', { timeout: TEST_TIMEOUT_MS }, async () => {
    await a.query('BEGIN');
    await b.query('BEGIN');
    await a.query(UPSERT, ['both']);
    await b.query("INSERT INTO hits VALUES ('both', 100) ON CONFLICT DO NOTHING");
    await a.query('COMMIT');
    await assert.rejects(b.query('COMMIT'), { code: '23505' });
    assert.deepEqual((await b.query("SELECT k, n FROM hits WHERE k = 'both'")).rows, [{ k: 'both', n: 1 }]);
    // Upserts updating rows of different row groups (each INSERT wrote its own) both commit.
    await a.query('BEGIN');
    await b.query('BEGIN');
    await a.query(UPSERT, ['x']);
    await b.query(UPSERT, ['both']);
    await a.query('COMMIT');
    await b.query('COMMIT');
    assert.deepEqual((await a.query("SELECT k, n FROM hits WHERE k IN ('x', 'both') ORDER BY k")).rows, [{ k: 'both', n: 2 }, { k: 'x', n: 3 }]);
    // Both updating the same row: the second COMMIT is 40001 and its update is not applied.
    await a.query('BEGIN');
    await b.query('BEGIN');
    await a.query(UPSERT, ['x']);
    await b.query(UPSERT, ['x']);
    await a.query('COMMIT');
    await assert.rejects(b.query('COMMIT'), { code: '40001' });
    assert.deepEqual((await a.query("SELECT n FROM hits WHERE k = 'x'")).rows, [{ n: 4 }]);
  });
});
