/** Every SQL statement of the seed tutorial, verbatim, plus other ThanoSQL shapes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from '../../../src/parser/index.js';
import type { Query, Statement } from '../../../src/parser/ast.js';
import { sharedPath } from '../../harness/shared-dir.js';

const TUTORIAL = sharedPath('seed-tutorial-search-image-by-text.md');

function tutorialStatements(): string[] {
  const md = readFileSync(TUTORIAL, 'utf8');
  return [...md.matchAll(/```sql\n%%thanosql\n([\s\S]*?)```/g)].map((m) => m[1]!.trim());
}

const one = (sql: string): Statement => {
  const list = parse(sql);
  assert.equal(list.length, 1);
  return list[0]!.statement;
};

test('tutorial has the expected statements and all parse', () => {
  const stmts = tutorialStatements();
  assert.equal(stmts.length, 10);
  const kinds = stmts.map((s) => one(s).kind);
  assert.deepEqual(kinds, ['ThanoCopy', 'QueryStatement', 'PrintImage', 'QueryStatement', 'QueryStatement',
    'QueryStatement', 'PrintImage', 'PrintImage', 'PrintImage', 'PrintImage']);
});

test('tutorial COPY', () => {
  assert.deepEqual(one('COPY unsplash_data\nOPTIONS(overwrite=True)\nFROM "tutorial_data/unsplash_data/unsplash.csv"'),
    { kind: 'ThanoCopy', table: 'unsplash_data', options: { overwrite: true }, path: 'tutorial_data/unsplash_data/unsplash.csv' });
});

test('tutorial CONVERT', () => {
  const s = one('CONVERT USING tutorial_search_clip\nOPTIONS (\n image_col="image_path",\n table_name="unsplash_data",\n batch_size=128\n )\nAS\nSELECT *\nFROM unsplash_data');
  assert.equal(s.kind, 'QueryStatement');
  const q = (s as { query: Query }).query;
  assert.equal(q.kind, 'Convert');
  if (q.kind !== 'Convert') return;
  assert.equal(q.model, 'tutorial_search_clip');
  assert.deepEqual(q.options, { image_col: 'image_path', table_name: 'unsplash_data', batch_size: 128 });
  assert.equal(q.query.kind, 'Select');
});

test('nested SEARCH inside FROM ( … ) without alias, inside PRINT IMAGE AS ( … )', () => {
  const [, , , , , , s] = tutorialStatements();
  const p = one(s!);
  assert.equal(p.kind, 'PrintImage');
  if (p.kind !== 'PrintImage' || p.query.kind !== 'Select') return assert.fail('shape');
  const from = p.query.from[0]!;
  assert.equal(from.kind, 'SubqueryRef');
  if (from.kind !== 'SubqueryRef') return;
  assert.equal(from.alias, undefined);
  assert.equal(from.query.kind, 'Search');
  if (from.query.kind !== 'Search') return;
  assert.deepEqual(from.query.inputs, { kind: 'text', values: ['a black cat'] });
  assert.equal(p.query.limit?.kind, 'Literal');
  assert.equal(p.query.orderBy[0]!.direction, 'DESC');
});

test('nested SEARCH keeps an alias; era D options normalise into inputs', () => {
  const s = one("SELECT * FROM (SEARCH IMAGE USING m OPTIONS(search_by='text', search_input='cat', result_col='r') AS SELECT * FROM t) AS s");
  if (s.kind !== 'QueryStatement' || s.query.kind !== 'Select') return assert.fail('shape');
  const f = s.query.from[0]!;
  assert.equal(f.kind === 'SubqueryRef' && f.alias, 's');
  assert.deepEqual(f.kind === 'SubqueryRef' && f.query.kind === 'Search' && f.query.inputs, { kind: 'text', values: ['cat'] });
});

test('SEARCH texts list and images', () => {
  const s = one("SEARCH IMAGE texts=['a', \"b\"] USING m AS SELECT * FROM t");
  assert.deepEqual(s.kind === 'QueryStatement' && s.query.kind === 'Search' && s.query.inputs, { kind: 'text', values: ['a', 'b'] });
  const i = one("search image images='x.jpg' using m as (select * from t)");
  assert.deepEqual(i.kind === 'QueryStatement' && i.query.kind === 'Search' && i.query.inputs, { kind: 'image', values: ['x.jpg'] });
});

test('model statements', () => {
  assert.deepEqual(one('LIST MODEL'), { kind: 'ListModel' });
  assert.deepEqual(one('DELETE MODEL m1'), { kind: 'DeleteModel', name: 'm1' });
  const b = one("BUILD MODEL m USING AutomlClassifier OPTIONS(target='y', features_to_drop=['a', 'b']) AS SELECT * FROM t");
  assert.equal(b.kind, 'BuildModel');
  if (b.kind === 'BuildModel') assert.deepEqual(b.options, { target: 'y', features_to_drop: ['a', 'b'] });
});

test('COPY FROM a single-quoted server file without OPTIONS is 0A000', () => {
  assert.throws(() => parse("COPY t FROM '/tmp/x.csv'"), { code: '0A000' });
  assert.equal(one("COPY t OPTIONS(if_exists='replace') FROM 'x.csv'").kind, 'ThanoCopy');
});
