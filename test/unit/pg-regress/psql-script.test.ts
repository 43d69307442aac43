/** The psql script reader: statements split and variables interpolated as psql 15 does. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PsqlScript, type ScriptStep } from '../../harness/pg-regress/psql-script.js';

type Step = ScriptStep | { kind: 'data'; data: string };

/** Every step of `text`, with COPY data read after statements that `copyAfter` matches. */
function steps(text: string, copyAfter = /^$/): Step[] {
  const script = new PsqlScript(text, { HOME_DIR: '/src' });
  const out: Step[] = [];
  for (let s = script.next(); s; s = script.next()) {
    out.push(s);
    if (s.kind === 'statement' && copyAfter.test(s.sql)) out.push({ kind: 'data', data: script.readCopyData() });
  }
  return out;
}

/** A step as one string: the SQL, the COPY data, or the meta-command's name. */
function show(s: Step): string {
  if (s.kind === 'data') return s.data;
  return s.kind === 'statement' ? s.sql : s.name;
}

const sqls = (text: string) => steps(text).flatMap((s) => (s.kind === 'statement' ? [s.sql] : []));

test('statements end at top-level semicolons; leading whitespace and -- comments are dropped', () => {
  assert.deepEqual(sqls('-- header\nSELECT 1;\n\n  select 2 -- trailing\n;SELECT 3'), ['SELECT 1;', 'select 2 -- trailing\n;', 'SELECT 3']);
});

test('semicolons inside quotes, comments, dollar quotes and parentheses do not end a statement', () => {
  const text = [
    "SELECT 'a;b', E'c\\';d', \"x;y\";",
    'SELECT /* one /* nested; */ still; */ 1;',
    'SELECT $$a;b$$, $tag$ $$; $tag$;',
    'CREATE RULE r AS ON INSERT TO t DO (SELECT 1; SELECT 2);',
    "SELECT U&'d;' || B'1' || X'0;' ;",
  ].join('\n');
  assert.equal(sqls(text).length, 5);
  assert.match(sqls(text)[3]!, /SELECT 2\);$/);
});

test('CREATE FUNCTION … BEGIN ATOMIC bodies keep their semicolons (CASE … END nests inside)', () => {
  const text = 'CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n SELECT CASE WHEN true THEN 1 END;\n SELECT 2;\nEND;\nBEGIN;\nSELECT 3;';
  assert.deepEqual(sqls(text).map((s) => s.split('\n')[0]), ['CREATE FUNCTION f() RETURNS int LANGUAGE sql', 'BEGIN;', 'SELECT 3;']);
});

test('variables: :var is lexed in place, :\'var\' and :"var" are quoted, unknown ones and :: casts stay', () => {
  const text = "\\set v 'it''s'\n\\set q 'SELECT 1; SELECT 2'\nSELECT :'v', :\"v\", :nope, 1::int, a[1:2];\n:q;";
  assert.deepEqual(sqls(text), ["SELECT 'it''s', \"it's\", :nope, 1::int, a[1:2];", 'SELECT 1;', 'SELECT 2;']);
});

test('\\set concatenates its arguments and \\getenv reads the environment', () => {
  const text = "\\getenv dir HOME_DIR\n\\set file :dir '/data/a.data'\nCOPY t FROM :'file';";
  assert.deepEqual(sqls(text), ["COPY t FROM '/src/data/a.data';"]);
  const backslash = "\\set p 'a\\\\b'\nSELECT :'p';";
  assert.deepEqual(sqls(backslash), ["SELECT  E'a\\\\b';"]);
});

test('\\g, \\gset and \\gexec send the buffer; \\g on an empty buffer sends the previous query', () => {
  const all = steps('SELECT 1 AS x \\gset p_\nCREATE TABLE\n\\g\nSELECT 2;\n\\g\nSELECT 3 \\gexec');
  const statements = all.filter((s) => s.kind === 'statement');
  assert.deepEqual(statements.map((s) => s.sql), ['SELECT 1 AS x ', 'CREATE TABLE\n', 'SELECT 2;', 'SELECT 2;', 'SELECT 3 ']);
  assert.deepEqual(statements[0]!.then, { kind: 'gset', prefix: 'p_' });
  assert.deepEqual(statements[4]!.then, { kind: 'gexec' });
});

test('display-only meta-commands are ignored, \\if is unsupported, \\; keeps the statement open', () => {
  const all = steps('\\pset null NULL\n\\x\n\\d+ t\n\\if true\nSELECT 1 \\; SELECT 2;');
  assert.deepEqual(all.map((s) => (s.kind === 'meta' ? `${s.name}:${s.handling}` : show(s))),
    ['pset:display', 'x:display', 'd+:display', 'if:unsupported', 'SELECT 1 ; SELECT 2;']);
});

test('COPY data is the following lines up to and including \\. and reading continues after it', () => {
  const all = steps('COPY t FROM stdin;\n1\tx;y\n\\.b\n\\.\nSELECT 1;', /COPY/);
  assert.deepEqual(all.map(show),
    ['COPY t FROM stdin;', '1\tx;y\n\\.b\n\\.\n', 'SELECT 1;']);
  // When the server asks for no data (it rejected the COPY), the next lines are statements.
  assert.deepEqual(sqls('COPY t FROM stdin (format csv, format csv);\nSELECT 1;'), ['COPY t FROM stdin (format csv, format csv);', 'SELECT 1;']);
});

test('\\copy becomes a COPY statement marked as client-side', () => {
  const [step] = steps("\\copy y TO stdout (FORMAT CSV, QUOTE '''')");
  assert.deepEqual(step, { kind: 'statement', sql: "COPY y TO stdout (FORMAT CSV, QUOTE '''')", line: 1, slashCopy: true });
});

test('statements carry the line they start on', () => {
  const lines = steps('\n\nSELECT\n1;\n-- c\nSELECT 2;').flatMap((s) => (s.kind === 'statement' ? [s.line] : []));
  assert.deepEqual(lines, [3, 6]);
});
