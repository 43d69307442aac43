/** PostgreSQL text COPY format: tabs, \N, backslash escapes, end marker, split chunks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CopyTextReader, type CopyTextOptions } from '../../../src/execution/copy/copy-text-reader.js';
import type { CopyRecord } from '../../../src/execution/copy/csv-reader.js';

function parse(chunks: (string | Uint8Array)[], options?: CopyTextOptions): CopyRecord[] {
  const r = new CopyTextReader(options);
  return [...chunks.flatMap((c) => r.push(c)), ...r.end()];
}
const fields = (records: CopyRecord[]) => records.map((r) => r.fields);

test('tab-delimited fields, \\N is NULL, empty is an empty string', () => {
  const out = parse(['1\tab\t\\N\t\n2\t\\\\N\tx\ty\n']);
  assert.deepEqual(fields(out), [['1', 'ab', null, ''], ['2', '\\N', 'x', 'y']]);
  assert.deepEqual(out.map((r) => r.line), [1, 2]);
});

test('backslash escapes', () => {
  const out = parse(['a\\tb\\nc\\\\d\\re\\bf\\fg\\vh\t\\101\\x42\\x4\\q\\\t\n']);
  assert.deepEqual(fields(out), [['a\tb\nc\\d\re\bf\fg\vh', 'AB\x04q\t']]);
});

test('escaped bytes combine into UTF-8 characters', () => {
  assert.deepEqual(fields(parse(['\\xe2\\x82\\xac\t\\342\\202\\254\n'])), [['€', '€']]);
});

test('end marker stops, CRLF endings, last line without newline', () => {
  assert.deepEqual(fields(parse(['a\r\nb\r\n\\.\r\nignored\n'])), [['a'], ['b']]);
  assert.deepEqual(fields(parse(['a\nb'])), [['a'], ['b']]);
});

test('UTF-8 and lines split across chunks', () => {
  const bytes = new TextEncoder().encode('é\t😀\nx\n');
  for (let cut = 1; cut < bytes.length; cut++) {
    assert.deepEqual(fields(parse([bytes.subarray(0, cut), bytes.subarray(cut)])), [['é', '😀'], ['x']]);
  }
});

test('custom delimiter and null string; invalid UTF-8 is 22P04', () => {
  assert.deepEqual(fields(parse(['a|NULL|\\|\n'], { delimiter: '|', nullString: 'NULL' })), [['a', null, '|']]);
  assert.throws(() => parse([new Uint8Array([0xff, 0x0a])]), { code: '22P04' });
  assert.throws(() => new CopyTextReader({ delimiter: '\\' }), { code: '0A000' });
});
