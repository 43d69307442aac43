/** PL/pgSQL bodies: statement shapes, embedded SQL cut where PostgreSQL cuts it, INTO taken out, syntax errors as 42601. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SqlError } from '../../../src/common/sql-error.js';
import { parsePlpgsql } from '../../../src/parser/plpgsql/parse-plpgsql.js';

test('blocks, declarations and control statements', () => {
  const { block } = parsePlpgsql(`<<outer>>
DECLARE
  x int := 1;
  c CONSTANT text DEFAULT 'a';
  r record;
BEGIN
  FOR i IN REVERSE 10..1 BY 2 LOOP
    x := x + i;
    EXIT outer WHEN x > 20;
  END LOOP;
  WHILE x > 0 LOOP x := x - 1; END LOOP;
  IF x = 0 THEN NULL; ELSIF x < 0 THEN RETURN; ELSE RAISE NOTICE 'x %', x; END IF;
EXCEPTION WHEN division_by_zero OR SQLSTATE '22003' THEN RAISE;
END outer`);
  assert.equal(block.label, 'outer');
  assert.deepEqual(block.declarations.map((d) => [d.name, d.type, d.constant, d.default?.text]),
    [['x', 'int', false, '1'], ['c', 'text', true, "'a'"], ['r', 'record', false, undefined]]);
  assert.deepEqual(block.body.map((s) => s.kind), ['ForRange', 'While', 'If']);
  const loop = block.body[0]!;
  assert.ok(loop.kind === 'ForRange');
  assert.deepEqual([loop.reverse, loop.from.text, loop.to.text, loop.by?.text], [true, '10', '1', '2']);
  assert.deepEqual(block.handlers?.[0]?.conditions, ['division_by_zero', 'sqlstate:22003']);
});

test('INTO is taken out of SELECT and RETURNING, not out of INSERT INTO', () => {
  const { block } = parsePlpgsql(`BEGIN
  SELECT a, b INTO STRICT x, y FROM t WHERE a = x;
  INSERT INTO t VALUES (x) RETURNING a INTO z;
  FOR r IN SELECT * FROM t LOOP RETURN NEXT r; END LOOP;
  EXECUTE 'SELECT $1' INTO v USING 1, 2;
END;`);
  const [select, insert, loop, execute] = block.body;
  assert.ok(select?.kind === 'Sql' && insert?.kind === 'Sql' && loop?.kind === 'ForQuery' && execute?.kind === 'Execute');
  assert.deepEqual(select.into, { targets: ['x', 'y'], strict: true });
  assert.match(select.sql.text, /^SELECT a, b\s+FROM t WHERE a = x$/);
  assert.deepEqual(insert.into, { targets: ['z'], strict: false });
  assert.match(insert.sql.text, /^INSERT INTO t VALUES \(x\) RETURNING a\s*$/);
  assert.equal(loop.query.text, 'SELECT * FROM t');
  assert.deepEqual(execute.using.map((u) => u.text), ['1', '2']);
});

test('syntax errors are 42601 naming the token', () => {
  for (const body of ['BEGIN RETURN 1 END', 'BEGIN IF true THEN NULL; END LOOP; END', 'BEGIN x := ; END', 'DECLARE c CONSTANT int; BEGIN END']) {
    assert.throws(() => parsePlpgsql(body), (err: unknown) => err instanceof SqlError && err.code === '42601', body);
  }
  assert.throws(() => parsePlpgsql('BEGIN RETURN 1 END'), /syntax error at end of input|syntax error at or near/);
});
