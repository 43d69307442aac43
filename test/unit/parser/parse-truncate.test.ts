/** TRUNCATE: names (qualified kept), RESTART IDENTITY and CASCADE; ONLY names the tables whose children are spared (`*` is the default). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from '../../../src/parser/index.js';

const one = (sql: string) => parse(sql)[0]!.statement;

test('TRUNCATE forms', () => {
  assert.deepEqual(one('TRUNCATE t'), { kind: 'Truncate', names: ['t'], restartIdentity: false, cascade: false });
  assert.deepEqual(one('TRUNCATE TABLE ONLY public.a, b * RESTART IDENTITY CASCADE'),
    { kind: 'Truncate', names: ['public.a', 'b'], restartIdentity: true, cascade: true, only: ['public.a'] });
  assert.deepEqual(one('TRUNCATE a CONTINUE IDENTITY RESTRICT'), { kind: 'Truncate', names: ['a'], restartIdentity: false, cascade: false });
});
