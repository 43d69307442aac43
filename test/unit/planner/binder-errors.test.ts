/** Binder errors carry PostgreSQL's SQLSTATEs, messages, hints and positions; types are inferred. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { SqlError } from '../../../src/common/sql-error.js';
import { SqlHarness } from '../execution/sql-harness.js';

function expectError(fn: () => unknown, code: string, message?: RegExp): SqlError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof SqlError, String(err));
    assert.equal(err.code, code, err.message);
    if (message) assert.match(err.message, message);
    return err;
  }
  assert.fail('expected an error');
}

describe('binder', () => {
  let db: SqlHarness;
  before(async () => {
    db = await SqlHarness.open();
    await db.run('CREATE TABLE t (id int, name text, emb real[]); CREATE TABLE u (id int, v jsonb)');
  });
  after(async () => db.close());

  it('reports missing relations and columns with positions', () => {
    const e = expectError(() => db.prepare('SELECT * FROM nope'), '42P01', /^relation "nope" does not exist$/);
    assert.equal(e.fields.position, 15);
    const c = expectError(() => db.prepare('SELECT nam FROM t'), '42703', /^column "nam" does not exist$/);
    assert.equal(c.fields.position, 8);
    expectError(() => db.prepare('SELECT t.nope FROM t'), '42703', /^column t\.nope does not exist$/);
    expectError(() => db.prepare('SELECT x.id FROM t'), '42P01', /missing FROM-clause entry for table "x"/);
  });

  it('reports ambiguous columns', () => {
    expectError(() => db.prepare('SELECT id FROM t, u'), '42702', /column reference "id" is ambiguous/);
  });

  it('reports unknown functions and operators with the hint', () => {
    const e = expectError(() => db.prepare('SELECT foo(1)'), '42883', /^function foo\(integer\) does not exist$/);
    assert.match(e.fields.hint ?? '', /No function matches the given name and argument types/);
    expectError(() => db.prepare('SELECT 1 + \'a\'::text'), '42883', /operator does not exist: integer \+ text/);
    expectError(() => db.prepare('SELECT name = 1 FROM t'), '42883', /operator does not exist: text = integer/);
  });

  it('validates GROUP BY', () => {
    expectError(() => db.prepare('SELECT id, count(*) FROM t'), '42803',
      /column "t.id" must appear in the GROUP BY clause or be used in an aggregate function/);
    expectError(() => db.prepare('SELECT name FROM t GROUP BY id'), '42803');
    expectError(() => db.prepare('SELECT id FROM t WHERE count(*) > 1'), '42803', /aggregate functions are not allowed in WHERE/);
    db.prepare('SELECT id + 1, count(*) FROM t GROUP BY id + 1');
    db.prepare('SELECT id AS k FROM t GROUP BY k ORDER BY k');
  });

  it('checks boolean conditions and CASE types', () => {
    expectError(() => db.prepare('SELECT * FROM t WHERE id'), '42804', /argument of WHERE must be type boolean, not type integer/);
    expectError(() => db.prepare('SELECT CASE WHEN true THEN 1 ELSE \'x\'::text END'), '42804', /CASE types/);
    expectError(() => db.prepare('SELECT 1 UNION SELECT \'a\'::text'), '42804', /UNION types integer and text cannot be matched/);
    expectError(() => db.prepare('SELECT 1 UNION SELECT 1, 2'), '42601');
  });

  it('types literals and parameters as PostgreSQL does', () => {
    const p = db.prepare('SELECT 1, 3000000000, 1.5, \'x\', $1::jsonb, $2 FROM t WHERE id = $3');
    assert.deepEqual(p.columns!.map((c) => c.type.id), ['int4', 'int8', 'numeric', 'text', 'jsonb', 'text']);
    assert.deepEqual(p.paramTypes.map((t) => t.id), ['jsonb', 'text', 'int4']);
    assert.deepEqual(db.prepare('SELECT $1 + 1').paramTypes.map((t) => t.id), ['int4']);
    assert.equal(db.prepare('SELECT emb FROM t').columns![0]!.type.array, true);
    assert.equal(db.prepare('INSERT INTO t (id) VALUES ($1)').paramTypes[0]!.id, 'int4');
    assert.equal(db.prepare('SELECT count(*) FROM t').columns![0]!.name, 'count');
    assert.equal(db.prepare("SELECT '1'::int").columns![0]!.name, 'int4');
  });

  it('reports bad literals and ORDER BY positions', () => {
    expectError(() => db.prepare("SELECT 'abc'::int"), '22P02');
    expectError(() => db.prepare('SELECT id FROM t ORDER BY 3'), '42P10', /ORDER BY position 3 is not in select list/);
    expectError(() => db.prepare('SELECT DISTINCT id FROM t ORDER BY name'), '42P10');
  });

  it('refuses CLIP statements from one place until registered', () => {
    expectError(() => db.prepare('LIST MODEL'), '0A000', /CLIP statements are not available in this database/);
  });
});
