/**
 * Plans name tables, never rows: a statement prepared once and run after writes reads the rows of
 * each run (COPY TO, INSERT … SELECT, UPDATE/DELETE with subqueries), and one whose table changed
 * shape is bound again. The SQL-level and client-level forms are in test/sql/prepare/ and the
 * client matrix's `prepared-after-writes`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SqlError } from '../../../src/common/sql-error.js';
import { SqlHarness } from './sql-harness.js';

describe('prepared plans read the rows of each run', () => {
  let db: SqlHarness;
  before(async () => {
    db = await SqlHarness.open();
    await db.run('CREATE TABLE t (a int); INSERT INTO t VALUES (1), (2)');
  });
  after(async () => db.close());

  const copied = async (prepared: ReturnType<SqlHarness['prepare']>) => {
    db.copyOut.length = 0;
    const result = await db.execute(prepared);
    return { tag: result.tag, text: db.copyOut.join('') };
  };

  it('COPY TO (a table and a query) prepared before INSERT and DELETE', async () => {
    const table = db.prepare('COPY t TO STDOUT');
    const query = db.prepare('COPY (SELECT a * 10 FROM t ORDER BY a) TO STDOUT');
    assert.deepEqual(await copied(table), { tag: 'COPY 2', text: '1\n2\n' });
    await db.run('INSERT INTO t VALUES (3)');
    assert.deepEqual(await copied(query), { tag: 'COPY 3', text: '10\n20\n30\n' });
    // The row groups the plan saw at prepare time are gone after DELETE; reading them was XX000.
    await db.run('DELETE FROM t WHERE a = 1');
    const after = await copied(table);
    assert.deepEqual({ ...after, text: after.text.split('\n').sort().join('\n') }, { tag: 'COPY 2', text: '\n2\n3' });
    assert.deepEqual(await copied(query), { tag: 'COPY 2', text: '20\n30\n' });
  });

  it('COPY t TO after ADD COLUMN writes the new column (re-planned)', async () => {
    await db.run('CREATE TABLE w (a int); INSERT INTO w VALUES (1)');
    const table = db.prepare('COPY w TO STDOUT');
    await db.run('ALTER TABLE w ADD COLUMN b text DEFAULT \'x\'');
    assert.deepEqual(await copied(table), { tag: 'COPY 1', text: '1\tx\n' });
  });

  it('INSERT … SELECT, UPDATE and DELETE with subqueries prepared before writes', async () => {
    await db.run('CREATE TABLE src (a int); CREATE TABLE dst (a int)');
    const copy = db.prepare('INSERT INTO dst SELECT a FROM src WHERE a > (SELECT coalesce(max(a), 0) FROM dst)');
    const bump = db.prepare('UPDATE dst SET a = a + 100 WHERE a IN (SELECT a FROM src)');
    const trim = db.prepare('DELETE FROM dst WHERE a < (SELECT max(a) FROM src)');
    await db.run('INSERT INTO src VALUES (1), (2)');
    assert.equal((await db.execute(copy)).tag, 'INSERT 0 2');
    await db.run('INSERT INTO src VALUES (3)');
    assert.equal((await db.execute(copy)).tag, 'INSERT 0 1');
    assert.deepEqual(await db.rows('SELECT a FROM dst ORDER BY a'), [[1], [2], [3]]);
    await db.run('DELETE FROM src WHERE a = 2');
    assert.equal((await db.execute(bump)).tag, 'UPDATE 2');
    assert.deepEqual(await db.rows('SELECT a FROM dst ORDER BY a'), [[2], [101], [103]]);
    await db.run('INSERT INTO src VALUES (102)');
    assert.equal((await db.execute(trim)).tag, 'DELETE 2');
    assert.deepEqual(await db.rows('SELECT a FROM dst ORDER BY a'), [[103]]);
  });

  it('a query whose result columns would change fails with 0A000; one whose would not is re-planned', async () => {
    await db.run('CREATE TABLE s (a int); INSERT INTO s VALUES (5)');
    const star = db.prepare('SELECT * FROM s');
    const sum = db.prepare('SELECT sum(a) AS total FROM s');
    await db.run('ALTER TABLE s ADD COLUMN b int');
    await assert.rejects(db.execute(star), (err: unknown) => err instanceof SqlError && err.code === '0A000'
      && err.message === 'cached plan must not change result type');
    await db.run('INSERT INTO s VALUES (6, 1)');
    assert.deepEqual((await db.execute(sum)).rows, [[11n]]);
  });
});
