/** The regression runner's judgements: statement shape, agreement, and how causes are grouped. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { causeOf, createdObject, KnockOnTracker, normalizeMessage } from '../../harness/pg-regress/cause-key.js';
import { compareOutcomes } from '../../harness/pg-regress/compare-outcomes.js';
import type { RunOutcome } from '../../harness/pg-regress/regress-session.js';
import { copyWithFile, hasTopLevelOrderBy, NeedsRegressLibrary } from '../../harness/pg-regress/statement-shape.js';

const ok = (tag: string, rows: (string | null)[][] = [], copyOut?: string): RunOutcome =>
  ({ kind: 'ok', results: [{ tag, columns: rows[0]?.map((_, i) => `c${i}`) ?? [], types: rows[0]?.map(() => 1700) ?? [], rows, ...(copyOut !== undefined ? { copyOut } : {}) }] });
const error = (code: string, message = 'boom'): RunOutcome => ({ kind: 'error', code, message, results: [] });

test('only a top-level ORDER BY fixes row order', () => {
  assert.equal(hasTopLevelOrderBy('SELECT a FROM t ORDER BY a'), true);
  assert.equal(hasTopLevelOrderBy('SELECT 1 UNION SELECT 2 order\nby 1'), true);
  assert.equal(hasTopLevelOrderBy('SELECT rank() OVER (ORDER BY a), string_agg(b, \',\' ORDER BY b) FROM t'), false);
  assert.equal(hasTopLevelOrderBy("SELECT 'order by' FROM t -- order by"), false);
});

test('COPY to or from a file becomes STDOUT / STDIN with the file name kept', () => {
  assert.deepEqual(copyWithFile("COPY onek FROM '/x/onek.data';"), { direction: 'from', path: '/x/onek.data', sql: 'COPY onek FROM STDIN;' });
  assert.deepEqual(copyWithFile("copy (select * from t order by a) to  E'/r/it''s\\\\.csv' csv;"),
    { direction: 'to', path: "/r/it's\\.csv", sql: 'copy (select * from t order by a) to  STDOUT csv;' });
  assert.deepEqual(copyWithFile("COPY public.t (a, b) FROM '/f' WITH (FORMAT csv)")?.sql, 'COPY public.t (a, b) FROM STDIN WITH (FORMAT csv)');
  assert.equal(copyWithFile('COPY t FROM stdin;'), undefined);
  assert.equal(copyWithFile("SELECT 'COPY t FROM ''/f'''"), undefined);
});

test('C functions from regress.so, and statements using them, are left out', () => {
  const skips = new NeedsRegressLibrary();
  assert.match(skips.reason("CREATE FUNCTION ttdummy () RETURNS trigger AS '/lib/regress.so' LANGUAGE C;")!, /LANGUAGE C/);
  assert.match(skips.reason('create trigger t before update on x for each row execute procedure ttdummy (1, 1);')!, /regress\.so function/);
  assert.match(skips.reason('CREATE EXTENSION citext;')!, /contrib/);
  assert.equal(skips.reason("CREATE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql;"), undefined);
});

test('agreement: same tags and rows (sorted unless ordered), or the same SQLSTATE class', () => {
  const a = ok('SELECT 2', [['1'], ['2']]);
  const b = ok('SELECT 2', [['2'], ['1']]);
  assert.equal(compareOutcomes(a, b, false).verdict, 'agree');
  assert.deepEqual(compareOutcomes(a, b, true), { verdict: 'rows', difference: 'order' });
  assert.deepEqual(compareOutcomes(ok('SELECT 1', [['1', null]]), ok('SELECT 1', [['1', 'NULL']]), false),
    { verdict: 'rows', difference: 'values', valueColumn: { name: 'c1', postgres: 1700, thanosql: 1700 } });
  assert.deepEqual(compareOutcomes(ok('SELECT 1', [['1']]), ok('SELECT 2', [['1'], ['2']]), false), { verdict: 'rows', difference: 'row-count' });
  assert.deepEqual(compareOutcomes(ok('SELECT 1000'), ok('SELECT 0'), false), { verdict: 'rows', difference: 'tag' });
  assert.deepEqual(compareOutcomes(ok('COPY 2', [], 'a\nb\n'), ok('COPY 2', [], 'b\na\n'), false), { verdict: 'agree' });
  assert.deepEqual(compareOutcomes(error('22003'), error('22P02'), false), { verdict: 'agree', exactCode: false });
  assert.deepEqual(compareOutcomes(error('22003'), error('42883'), false), { verdict: 'error-code', exactCode: false });
  assert.equal(compareOutcomes(ok('SELECT 0'), error('42601'), false).verdict, 'ours-error');
  assert.equal(compareOutcomes(error('42601'), ok('SELECT 0'), false).verdict, 'pg-error');
  assert.equal(compareOutcomes(ok('SELECT 0'), { kind: 'hang', cancelled: true }, false).verdict, 'hang');
  assert.equal(compareOutcomes({ kind: 'hang', cancelled: true }, ok('SELECT 0'), false).verdict, 'oracle-failed');
});

test('messages are grouped with literals out and feature names kept', () => {
  assert.equal(normalizeMessage('syntax error at or near "partition"'), 'syntax error at or near "PARTITION"');
  assert.equal(normalizeMessage('syntax error at or near "foo"', 'DECLARE c CURSOR foo'), 'syntax error at or near "…" in DECLARE');
  assert.equal(normalizeMessage('syntax error at or near "@?"', 'SELECT j @? \'$.a\''), 'syntax error at or near "@?"');
  assert.equal(normalizeMessage('syntax error at or near "("', 'ALTER TABLE t ADD (a int)'), 'syntax error at or near "(" in ALTER TABLE');
  assert.equal(normalizeMessage('syntax error at or near "\'{1,2}\'"', 'SELECT a[1] FROM t'), 'syntax error at or near "…" in SELECT');
  assert.equal(normalizeMessage('function jsonb_set(jsonb, unknown) does not exist'), 'function jsonb_set(…) does not exist');
  assert.equal(normalizeMessage('column "q1" of relation "t" does not exist'), 'column "…" of relation "…" does not exist');
  assert.equal(normalizeMessage("invalid input syntax for type integer: \"12x\"\nLINE 1"), 'invalid input syntax for type integer: "…"');
  assert.equal(normalizeMessage('value 3000000000 is out of range'), 'value N is out of range');
});

test('rows that differ are described by what differs and the column type', () => {
  const cmp = { verdict: 'rows' as const, difference: 'values' as const, valueColumn: { name: 'var_pop', postgres: 1700, thanosql: 701 } };
  assert.equal(causeOf('SELECT var_pop(x) FROM t', cmp, ok('SELECT 1'), ok('SELECT 1')),
    'different values of type numeric (ours: double precision) from var_pop(): SELECT');
  const column = { verdict: 'rows' as const, difference: 'values' as const, valueColumn: { name: 'f1', postgres: 1186, thanosql: 1186 } };
  assert.equal(causeOf('SELECT f1 FROM t', column, ok('SELECT 1'), ok('SELECT 1')), 'different values of type interval: SELECT');
  const literal = { verdict: 'rows' as const, difference: 'values' as const, valueColumn: { name: 'interval', postgres: 1186, thanosql: 1186 } };
  assert.equal(causeOf("SELECT interval '1 day'", literal, ok('SELECT 1'), ok('SELECT 1')), "different values of type interval from interval '…': SELECT");
  assert.equal(causeOf('CREATE TABLE t2 AS SELECT * FROM t', { verdict: 'rows', difference: 'tag' }, ok('SELECT 3'), ok('SELECT 0')),
    'different count in command tag: CREATE TABLE');
  assert.equal(causeOf('COMMIT', { verdict: 'rows', difference: 'tag' }, ok('ROLLBACK'), ok('COMMIT')), 'different command tag (ROLLBACK; ours COMMIT): COMMIT');
  assert.equal(causeOf('EXPLAIN SELECT 1', { verdict: 'rows', difference: 'row-count' }, ok('EXPLAIN'), ok('EXPLAIN')), 'different EXPLAIN output');
});

test('hangs say whether the cancel was honoured', () => {
  const sql = "SELECT generate_series('2022-01-01'::timestamp, 'infinity', '1 month') LIMIT 10";
  assert.equal(causeOf(sql, { verdict: 'hang' }, ok('SELECT 10'), { kind: 'hang', cancelled: false }), 'hang, cancel ignored: SELECT');
  assert.equal(causeOf(sql, { verdict: 'hang' }, ok('SELECT 10'), { kind: 'hang', cancelled: true }), 'hang: SELECT');
});

test('failures that follow from an earlier failure of ours are charged to it', () => {
  const knock = new KnockOnTracker();
  const create = 'CREATE TABLE public.parted (a int) PARTITION BY LIST (a);';
  assert.equal(createdObject(create), 'parted');
  const cause = causeOf(create, { verdict: 'ours-error' }, ok('CREATE TABLE'), error('42601', 'syntax error at or near "PARTITION"'));
  assert.equal(cause, '42601 syntax error at or near "PARTITION"');
  knock.noteOursFailed(create, cause);
  assert.equal(knock.rootCause(error('42P01', 'relation "parted" does not exist')), cause);
  assert.equal(knock.rootCause(error('25P02', 'current transaction is aborted')), cause);
  assert.equal(knock.rootCause(error('42P01', 'relation "other" does not exist')), undefined);
  knock.noteCreated(create);
  assert.equal(knock.rootCause(error('42P01', 'relation "parted" does not exist')), undefined);
});
