/**
 * The statement driver (engine/prepare-statement.ts) runs bind, optimize and physical planning
 * itself, each under its timer: a prepared statement reports the phases it went through.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SqlHarness } from '../execution/sql-harness.js';

describe('the statement driver times each phase it runs', () => {
  let db: SqlHarness;
  before(async () => {
    db = await SqlHarness.open();
    await db.run('CREATE TABLE t (a int); INSERT INTO t VALUES (1), (2)');
  });
  after(async () => db.close());

  it('binding and optimizing at prepare, physical planning at run', async () => {
    const prepared = db.prepare('SELECT a FROM t WHERE a > 1');
    assert.deepEqual([...prepared.timings!.keys()], ['bind', 'optimize']);
    const result = await db.execute(prepared);
    assert.deepEqual(result.rows, [[2]]);
    assert.deepEqual([...prepared.timings!.keys()], ['bind', 'optimize', 'physical plan']);
    for (const ms of prepared.timings!.values()) assert.ok(ms >= 0 && Number.isFinite(ms));
  });

  it('a phase that fails is still timed', async () => {
    const prepared = db.prepare('EXPLAIN ANALYZE SELECT 1');
    await assert.rejects(db.execute(prepared), /EXPLAIN ANALYZE is not supported/);
    assert.ok(prepared.timings!.has('physical plan'));
  });
});
