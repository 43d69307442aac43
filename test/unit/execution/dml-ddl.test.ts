/** INSERT/UPDATE/DELETE/RETURNING and DDL through SQL, with PostgreSQL's tags, notices and errors. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SqlError } from '../../../src/common/sql-error.js';
import { SqlHarness } from './sql-harness.js';

async function rejectsWith(promise: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (err: unknown) => {
    assert.ok(err instanceof SqlError, `expected SqlError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return true;
  });
}

describe('DML and DDL', () => {
  let db: SqlHarness;
  before(async () => {
    db = await SqlHarness.open();
    await db.run(`CREATE TABLE items (id int NOT NULL, name varchar(5), qty int DEFAULT 7, price numeric(6,2))`);
  });
  after(async () => db.close());

  it('inserts with column lists, defaults and RETURNING', async () => {
    const r = await db.run(`INSERT INTO items (id, name) VALUES (1, 'one'), (2, 'two') RETURNING id, qty`);
    assert.equal(r.tag, 'INSERT 0 2');
    assert.deepEqual(r.rows, [[1, 7], [2, 7]]);
    assert.equal((await db.run(`INSERT INTO items VALUES (3, 'three', DEFAULT, 1.005)`)).tag, 'INSERT 0 1');
    assert.deepEqual(await db.rows('SELECT price FROM items WHERE id = 3'), [['dec:1.01']]);
  });

  it('checks NOT NULL, lengths and values', async () => {
    await rejectsWith(db.run(`INSERT INTO items (name) VALUES ('x')`), '23502', /null value in column "id" of relation "items" violates not-null constraint/);
    await rejectsWith(db.run(`INSERT INTO items (id, name) VALUES (9, 'toolong')`), '22001', /character varying\(5\)/);
    await rejectsWith(db.run(`INSERT INTO items (id) VALUES ('abc')`), '22P02');
    await rejectsWith(db.run(`INSERT INTO items (id) VALUES (99999999999)`), '22003', /integer out of range/);
    await rejectsWith(db.run(`INSERT INTO items (id) SELECT 'x'::text`), '42804', /column "id" is of type integer but expression is of type text/);
    assert.equal((await db.run('SELECT * FROM items')).rows.length, 3);
  });

  it('updates and deletes with WHERE and RETURNING', async () => {
    const u = await db.run(`UPDATE items SET qty = qty + 1, name = upper(name) WHERE id <= 2 RETURNING id, name, qty`);
    assert.equal(u.tag, 'UPDATE 2');
    assert.deepEqual(u.rows, [[1, 'ONE', 8], [2, 'TWO', 8]]);
    const d = await db.run(`DELETE FROM items WHERE id = 2 RETURNING name`);
    assert.equal(d.tag, 'DELETE 1');
    assert.deepEqual(await db.rows('SELECT id, name, qty FROM items ORDER BY id'), [[1, 'ONE', 8], [3, 'three', 7]]);
    assert.equal((await db.run('UPDATE items SET qty = 0 WHERE false')).tag, 'UPDATE 0');
  });

  it('creates, alters and drops tables with notices', async () => {
    const again = await db.run('CREATE TABLE IF NOT EXISTS items (x int)');
    assert.equal(again.tag, 'CREATE TABLE');
    assert.equal(again.notices[0]!.code, '42P07');
    assert.equal(again.notices[0]!.message, 'relation "items" already exists, skipping');
    await rejectsWith(db.run('CREATE TABLE items (x int)'), '42P07');
    await db.run('CREATE TABLE tmp (a int); ALTER TABLE tmp ADD COLUMN b text; ALTER TABLE tmp RENAME COLUMN a TO c');
    await db.run(`INSERT INTO tmp VALUES (1, 'x')`);
    assert.deepEqual(await db.rows('SELECT c, b FROM tmp'), [[1, 'x']]);
    await db.run('ALTER TABLE tmp DROP COLUMN b; ALTER TABLE tmp RENAME TO tmp2');
    assert.deepEqual(await db.rows('SELECT * FROM tmp2'), [[1]]);
    const drop = await db.run('DROP TABLE IF EXISTS nope');
    assert.equal(drop.notices[0]!.message, 'table "nope" does not exist, skipping');
    assert.equal((await db.run('DROP TABLE tmp2')).tag, 'DROP TABLE');
    await rejectsWith(db.run('SELECT * FROM tmp2'), '42P01', /relation "tmp2" does not exist/);
  });

  it('ADD COLUMN … DEFAULT fills rows already stored (and INSERT … DEFAULT VALUES)', async () => {
    await db.run(`CREATE TABLE filled (a int); INSERT INTO filled VALUES (1), (2)`);
    await db.run(`ALTER TABLE filled ADD COLUMN b numeric(5,1) DEFAULT 2.26, ADD COLUMN c int NOT NULL DEFAULT 7`);
    await db.run('INSERT INTO filled DEFAULT VALUES');
    assert.deepEqual(await db.rows('SELECT a, b::text, c FROM filled ORDER BY a'), [[1, '2.3', 7], [2, '2.3', 7], [null, '2.3', 7]]);
    await rejectsWith(db.run('ALTER TABLE filled ADD COLUMN d int NOT NULL DEFAULT NULLIF(1, 1)'), '23502',
      /column "d" of relation "filled" contains null values/);
    assert.deepEqual(await db.rows('SELECT count(*) FROM filled'), [['3n']]);
  });

  it('creates a table from a query', async () => {
    const r = await db.run('CREATE TABLE copy1 AS SELECT id, name FROM items WHERE id > 0');
    assert.equal(r.tag, 'SELECT 2');
    assert.deepEqual(await db.rows('SELECT count(*) FROM copy1'), [['2n']]);
  });
});
