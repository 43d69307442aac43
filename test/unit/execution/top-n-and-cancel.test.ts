/** Top-N equals sort + limit on random data (ties included); an aborted signal cancels with 57014. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SqlError } from '../../../src/common/sql-error.js';
import { SqlHarness } from './sql-harness.js';

const ROWS = 3000;
const NO_TOPN = { 'thanosql.disabled_optimizers': 'limit_pushdown' };

describe('top-N and cancellation', () => {
  let db: SqlHarness;
  before(async () => {
    db = await SqlHarness.open();
    await db.run('CREATE TABLE r (id int, k int, f float8)');
    // A fixed pseudo-random sequence so failures reproduce.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
    const values = Array.from({ length: ROWS }, (_, i) => `(${i}, ${next() % 50}, ${next() % 1000 === 0 ? 'NULL' : (next() % 10000) / 7})`);
    await db.run(`INSERT INTO r VALUES ${values.join(', ')}`);
  });
  after(async () => db.close());

  for (const order of ['k', 'k DESC, f', 'f NULLS FIRST', 'f DESC NULLS LAST, id']) {
    for (const [limit, offset] of [[1, 0], [10, 5], [100, 0], [ROWS + 5, 3]] as const) {
      it(`ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`, async () => {
        const sql = `SELECT id, k, f FROM r ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}`;
        assert.match(db.prepare(sql).explain()[0]!, /TopN/);
        const top = await db.run(sql);
        const sorted = await db.run(sql, { settings: NO_TOPN });
        assert.deepEqual(top.rows, sorted.rows);
      });
    }
  }

  it('cancels a running query when the signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(db.run('SELECT count(*) FROM r a, r b', { signal: controller.signal }), (err: unknown) => {
      assert.ok(err instanceof SqlError);
      assert.equal(err.code, '57014');
      assert.equal(err.message, 'canceling statement due to user request');
      return true;
    });
  });

  it('cancels mid-stream', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(db.run('SELECT count(*) FROM r a, r b, generate_series(1, 100)', { signal: controller.signal }),
      (err: unknown) => err instanceof SqlError && err.code === '57014');
  });
});
