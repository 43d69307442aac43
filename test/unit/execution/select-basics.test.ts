/** SELECT end to end through the in-process harness: expressions, FROM, WHERE, ORDER BY, LIMIT. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SqlHarness } from './sql-harness.js';

describe('select basics', () => {
  let db: SqlHarness;
  before(async () => {
    db = await SqlHarness.open();
    await db.run(`CREATE TABLE t (id int, name text, score float8);
      INSERT INTO t VALUES (1, 'a', 1.5), (2, 'b', NULL), (3, 'c', 3.5), (4, NULL, 0.5)`);
  });
  after(async () => db.close());

  it('computes constants without FROM', async () => {
    assert.deepEqual(await db.rows('SELECT 1 + 2, \'x\' || \'y\', 7 / 2, -7 % 3'), [[3, 'xy', 3, -1]]);
  });

  it('filters, orders and limits', async () => {
    assert.deepEqual(await db.rows('SELECT id, name FROM t WHERE score > 1 ORDER BY id DESC'), [[3, 'c'], [1, 'a']]);
    assert.deepEqual(await db.rows('SELECT id FROM t ORDER BY score NULLS FIRST LIMIT 2'), [[2], [4]]);
    assert.deepEqual(await db.rows('SELECT id FROM t ORDER BY 1 LIMIT 2 OFFSET 1'), [[2], [3]]);
  });

  it('reports the tag and column metadata', async () => {
    const result = await db.run('SELECT id AS ident, name FROM t');
    assert.equal(result.tag, 'SELECT 4');
    assert.equal(result.columns![0]!.name, 'ident');
    assert.equal(result.columns![0]!.columnAttnum, 1);
    assert.ok(result.columns![1]!.tableOid > 0);
  });

  it('aggregates with PostgreSQL result types', async () => {
    const result = await db.run('SELECT count(*), sum(id), avg(id), max(name), count(name) FROM t');
    assert.deepEqual(result.columns!.map((c) => c.type.id), ['int8', 'int8', 'numeric', 'text', 'int8']);
    assert.deepEqual(result.rows.map((r) => r.map(String)), [['4', '10', '2.5', 'c', '3']]);
  });

  it('ungrouped aggregates agree over stored columns, constants, FILTER, expressions and empty input', async () => {
    // Plain columns and constants read the scan's column batches; FILTER and expressions take rows.
    assert.deepEqual((await db.run('SELECT count(*), count(1), count(NULL::int), sum(score), min(name), max(score) FROM t')).rows.map((r) => r.map(String)),
      [['4', '4', '0', '5.5', 'a', '3.5']]);
    assert.deepEqual((await db.run('SELECT count(*) FILTER (WHERE score > 1), sum(id * 2), max(score) FROM t')).rows.map((r) => r.map(String)),
      [['2', '20', '3.5']]);
    assert.deepEqual((await db.run('SELECT count(*), sum(score), max(name) FROM t WHERE id > 10')).rows.map((r) => r.map(String)),
      [['0', 'null', 'null']]);
  });

  it('groups and filters groups', async () => {
    assert.deepEqual(await db.rows('SELECT score > 1 AS big, count(*) FROM t WHERE score IS NOT NULL GROUP BY 1 HAVING count(*) > 0 ORDER BY big'),
      [[false, '1n'], [true, '2n']]);
  });
});
