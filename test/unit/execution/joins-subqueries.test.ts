/** Joins, subqueries, set operations, VALUES, CTEs and set-returning functions. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SqlHarness } from './sql-harness.js';

describe('joins and subqueries', () => {
  let db: SqlHarness;
  before(async () => {
    db = await SqlHarness.open();
    await db.run(`CREATE TABLE a (id int, x text); CREATE TABLE b (id int, y text);
      INSERT INTO a VALUES (1, 'a1'), (2, 'a2'), (3, 'a3');
      INSERT INTO b VALUES (2, 'b2'), (3, 'b3'), (4, 'b4'), (3, 'b3bis')`);
  });
  after(async () => db.close());

  it('inner, left, right, full and cross joins', async () => {
    assert.deepEqual(await db.rows('SELECT a.id, y FROM a JOIN b ON a.id = b.id ORDER BY y'), [[2, 'b2'], [3, 'b3'], [3, 'b3bis']]);
    assert.deepEqual(await db.rows('SELECT a.id, y FROM a LEFT JOIN b USING (id) ORDER BY 1, 2'), [[1, null], [2, 'b2'], [3, 'b3'], [3, 'b3bis']]);
    assert.deepEqual(await db.rows('SELECT x, b.id FROM a RIGHT JOIN b ON a.id = b.id ORDER BY b.id, x'), [['a2', 2], ['a3', 3], ['a3', 3], [null, 4]]);
    assert.deepEqual((await db.rows('SELECT a.id, b.id FROM a FULL JOIN b ON a.id = b.id AND b.y <> \'b3bis\' ORDER BY 1, 2')),
      [[1, null], [2, 2], [3, 3], [null, 3], [null, 4]]);
    // FULL JOIN USING merges the key as COALESCE(a.id, b.id), listed first by *.
    assert.deepEqual(await db.rows('SELECT *, a.id, b.id FROM a FULL JOIN b USING (id) WHERE y IS DISTINCT FROM \'b3bis\' ORDER BY 1'),
      [[1, 'a1', null, 1, null], [2, 'a2', 'b2', 2, 2], [3, 'a3', 'b3', 3, 3], [4, null, 'b4', null, 4]]);
    assert.deepEqual(await db.rows('SELECT count(*) FROM a, b'), [['12n']]);
    assert.deepEqual(await db.rows('SELECT a.id FROM a, b WHERE a.id = b.id AND b.y = \'b2\''), [[2]]);
    assert.deepEqual(await db.rows('SELECT a.id, b.id FROM a JOIN b ON a.id < b.id AND b.id = 2'), [[1, 2]]);
  });

  it('scalar, IN, EXISTS and correlated subqueries', async () => {
    assert.deepEqual(await db.rows('SELECT (SELECT max(id) FROM b)'), [[4]]);
    assert.deepEqual(await db.rows('SELECT id FROM a WHERE id IN (SELECT id FROM b) ORDER BY id'), [[2], [3]]);
    assert.deepEqual(await db.rows('SELECT id FROM a WHERE NOT EXISTS (SELECT 1 FROM b WHERE b.id = a.id)'), [[1]]);
    assert.deepEqual(await db.rows('SELECT id, (SELECT count(*) FROM b WHERE b.id = a.id) FROM a ORDER BY id'), [[1, '0n'], [2, '1n'], [3, '2n']]);
    assert.deepEqual(await db.rows('SELECT id FROM a WHERE id > ALL (SELECT id FROM b WHERE id < 3)'), [[3]]);
    assert.deepEqual(await db.rows('SELECT 5 = ANY(ARRAY[1, 5]), 2 IN (1, NULL), 1 IN (1, NULL)'), [[true, null, true]]);
  });

  it('derived tables with and without alias, CTEs, VALUES and set operations', async () => {
    assert.deepEqual(await db.rows('SELECT id FROM (SELECT id FROM a WHERE id > 1) ORDER BY id'), [[2], [3]]);
    assert.deepEqual(await db.rows('WITH big AS (SELECT id FROM b WHERE id > 2) SELECT count(*) FROM big'), [['3n']]);
    assert.deepEqual(await db.rows('SELECT * FROM (VALUES (1, \'x\'), (2, \'y\')) AS v(n, s) ORDER BY n DESC'), [[2, 'y'], [1, 'x']]);
    assert.deepEqual(await db.rows('SELECT id FROM a UNION SELECT id FROM b ORDER BY 1'), [[1], [2], [3], [4]]);
    assert.deepEqual(await db.rows('SELECT id FROM b UNION ALL SELECT id FROM a ORDER BY id LIMIT 3'), [[1], [2], [2]]);
    assert.deepEqual(await db.rows('SELECT id FROM b INTERSECT SELECT id FROM a ORDER BY id'), [[2], [3]]);
    assert.deepEqual(await db.rows('SELECT id FROM b EXCEPT SELECT id FROM a ORDER BY id'), [[4]]);
    assert.deepEqual(await db.rows('SELECT DISTINCT id FROM b ORDER BY id'), [[2], [3], [4]]);
    assert.deepEqual(await db.rows('SELECT DISTINCT ON (id) id, y FROM b ORDER BY id, y DESC'), [[2, 'b2'], [3, 'b3bis'], [4, 'b4']]);
  });

  it('set-returning functions in FROM', async () => {
    assert.deepEqual(await db.rows('SELECT * FROM generate_series(1, 3)'), [[1], [2], [3]]);
    assert.deepEqual(await db.rows('SELECT g FROM generate_series(10, 1, -4) AS g'), [[10], [6], [2]]);
    assert.deepEqual(await db.rows('SELECT sum(x) FROM unnest(ARRAY[1, 2, 3]) AS u(x)'), [['6n']]);
    const r = await db.run('SELECT * FROM generate_series(1, 2) g');
    assert.equal(r.columns![0]!.name, 'g');
  });

  it('aggregates with DISTINCT, FILTER and ORDER BY', async () => {
    assert.deepEqual(await db.rows('SELECT count(DISTINCT id), string_agg(y, \',\' ORDER BY y DESC), count(*) FILTER (WHERE id = 3) FROM b'),
      [['3n', 'b4,b3bis,b3,b2', '2n']]);
    assert.deepEqual(await db.rows('SELECT array_agg(id ORDER BY id) FROM a'), [[[1, 2, 3]]]);
    assert.deepEqual(await db.rows('SELECT count(*), sum(id) FROM a WHERE false'), [['0n', null]]);
    assert.deepEqual(await db.rows('SELECT id, count(*) FROM b GROUP BY id ORDER BY count(*) DESC, id LIMIT 1'), [[3, '2n']]);
  });
});
