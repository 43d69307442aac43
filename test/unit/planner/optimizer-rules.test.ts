/** Optimizer rules, asserted on EXPLAIN text; each rule keeps the output schema and results. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SqlHarness } from '../execution/sql-harness.js';

const ALL_OFF = { 'thanosql.disabled_optimizers': 'constant_folding,filter_pushdown,limit_pushdown,projection_pruning' };

describe('optimizer rules', () => {
  let db: SqlHarness;
  before(async () => {
    db = await SqlHarness.open();
    await db.run(`CREATE TABLE p (id int, title text, emb real[]); CREATE TABLE q (pid int, tag text);
      INSERT INTO p VALUES (1, 'x', ARRAY[1, 0]::real[]), (2, 'y', ARRAY[0, 1]::real[]);
      INSERT INTO q VALUES (1, 't1'), (2, 't2'), (2, 't3')`);
  });
  after(async () => db.close());

  async function sameResults(sql: string): Promise<void> {
    const on = await db.run(sql);
    const off = await db.run(sql, { settings: ALL_OFF });
    assert.deepEqual(on.columns, off.columns);
    assert.deepEqual(on.rows, off.rows);
  }

  it('pushes filters into scans and turns WHERE equalities into join conditions', async () => {
    const plan = db.prepare('SELECT title, tag FROM p, q WHERE p.id = q.pid AND q.tag <> \'t3\'').explain().join('\n');
    assert.match(plan, /Inner Join on \(id#\d+ = pid#\d+\)/);
    assert.match(plan, /Scan q \[pid, tag\] filter=\(tag#\d+ <> 't3'\)/);
    assert.doesNotMatch(plan, /Cross Join/);
    await sameResults('SELECT title, tag FROM p, q WHERE p.id = q.pid AND q.tag <> \'t3\' ORDER BY tag');
  });

  it('prunes unused columns (the embedding is not read)', async () => {
    const plan = db.prepare('SELECT title FROM p WHERE id = 1').explain().join('\n');
    assert.match(plan, /Scan p \[id, title\]/);
    const off = db.prepare('SELECT title FROM p WHERE id = 1', ALL_OFF).explain().join('\n');
    // Unpruned, the scan also carries the system column tableoid (unused here).
    assert.match(off, /Scan p \[id, title, emb, tableoid\]/);
    await sameResults('SELECT title FROM p WHERE id = 1');
  });

  it('folds constants', () => {
    assert.match(db.prepare('SELECT id FROM p WHERE id = 1 + 1').explain().join('\n'), /filter=\(id#\d+ = 2\)/);
    assert.match(db.prepare('SELECT id FROM p WHERE 1 = 1 AND id > 0').explain().join('\n'), /filter=\(id#\d+ > 0\)/);
  });

  it('turns ORDER BY … LIMIT into TopN', async () => {
    const plan = db.prepare('SELECT id FROM p ORDER BY title DESC LIMIT 1').explain().join('\n');
    assert.match(plan, /TopN limit=1/);
    assert.doesNotMatch(plan, /Sort/);
    assert.match(db.prepare('SELECT id FROM p ORDER BY title LIMIT 1', ALL_OFF).explain().join('\n'), /Limit limit=1(::bigint)?\n\s+-> Sort/);
    await sameResults('SELECT id, cosine_similarity(emb, ARRAY[1, 0]::real[]) AS s FROM p ORDER BY s DESC LIMIT 1');
  });

  it('keeps the output schema when a rule is disabled', () => {
    const on = db.prepare('SELECT id AS k, title FROM p WHERE id > 0 ORDER BY k LIMIT 5');
    const off = db.prepare('SELECT id AS k, title FROM p WHERE id > 0 ORDER BY k LIMIT 5', { 'thanosql.disabled_optimizers': 'limit_pushdown' });
    assert.deepEqual(on.columns, off.columns);
    assert.match(off.explain().join('\n'), /Sort/);
  });
});
