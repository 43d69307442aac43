/** Type inference for ThanoSQL COPY: the candidate lattice, NULLs, names, width errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TypeInferrer } from '../../../src/execution/copy/infer-types.js';
import type { CopyRecord } from '../../../src/execution/copy/csv-reader.js';

function infer(header: string[], rows: (string | null)[][]): Record<string, string> {
  const inf = new TypeInferrer({ fields: header, line: 1 });
  rows.forEach((fields, i) => inf.observe({ fields, line: i + 2 }));
  return Object.fromEntries(inf.result().map((c) => [c.name, c.type.id]));
}

test('each column gets the narrowest type all its values parse as', () => {
  const types = infer(
    ['i4', 'i8', 'f8', 'b', 'd', 'ts', 'mixed_ts', 't', 'empty'],
    [
      ['1', '1', '1', 'true', '2024-01-31', '2024-01-31 12:30:00', '2024-01-01', 'x', null],
      ['-2147483648', '9223372036854775807', '1.5e3', 'False', '2024-02-29', '2024-01-31T23:59:59.123456', '2024-01-01 00:00', '1', ''],
      [null, '', '.5', 'TRUE', null, '2024-01-31 01:02', null, '2024-01-01', null],
    ]);
  assert.deepEqual(types, {
    i4: 'int4', i8: 'int8', f8: 'float8', b: 'bool', d: 'date', ts: 'timestamp', mixed_ts: 'timestamp', t: 'text', empty: 'text',
  });
});

test('values that only look right fall through to text', () => {
  const types = infer(['a', 'b', 'c', 'd', 'e'], [['2023-02-29', 't', '1e', '99999999999999999999', '2024-01-01 24:00:00']]);
  assert.deepEqual(types, { a: 'text', b: 'text', c: 'text', d: 'float8', e: 'text' });
});

test('header names are trimmed and lower-cased; empty or duplicate names are errors', () => {
  assert.deepEqual(new TypeInferrer({ fields: [' Name ', 'AGE'], line: 1 }).names, ['name', 'age']);
  assert.throws(() => new TypeInferrer({ fields: ['a', ' '], line: 1 }), { code: '22P04', message: /column 2 has an empty name/ });
  assert.throws(() => new TypeInferrer({ fields: ['a', null], line: 1 }), { code: '22P04' });
  assert.throws(() => new TypeInferrer({ fields: ['A', 'a'], line: 1 }), { code: '42701' });
});

test('records of the wrong width are 22P04 with the line', () => {
  const inf = new TypeInferrer({ fields: ['a', 'b'], line: 1 });
  const rec = (fields: (string | null)[], line: number): CopyRecord => ({ fields, line });
  assert.throws(() => inf.observe(rec(['1'], 5)), { code: '22P04', message: 'missing data for column "b" (line 5)' });
  assert.throws(() => inf.observe(rec(['1', '2', '3'], 6)), { code: '22P04', message: 'extra data after last expected column (line 6)' });
});
