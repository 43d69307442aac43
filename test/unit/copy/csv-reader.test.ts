/** CSV edge cases: quoting, NULL vs empty, embedded newlines, CRLF, BOM, split UTF-8, errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CsvReader, readCopyRecords, type CopyRecord, type CsvOptions } from '../../../src/execution/copy/csv-reader.js';

/** Parses `input` fed as the given chunks (strings or bytes). */
function parse(chunks: (string | Uint8Array)[], options?: CsvOptions): CopyRecord[] {
  const r = new CsvReader(options);
  return [...chunks.flatMap((c) => r.push(c)), ...r.end()];
}
const fields = (records: CopyRecord[]) => records.map((r) => r.fields);

test('simple records, trailing newline optional', () => {
  assert.deepEqual(fields(parse(['a,b\n1,2\n'])), [['a', 'b'], ['1', '2']]);
  assert.deepEqual(fields(parse(['a,b\n1,2'])), [['a', 'b'], ['1', '2']]);
});

test('unquoted empty is NULL, quoted empty is an empty string', () => {
  assert.deepEqual(fields(parse(['1,,""\n'])), [['1', null, '']]);
  assert.deepEqual(fields(parse([',\n'])), [[null, null]]);
});

test('a custom NULL string only matches unquoted fields', () => {
  assert.deepEqual(fields(parse(['NULL,"NULL",\n'], { nullString: 'NULL' })), [[null, 'NULL', '']]);
});

test('quotes: doubled quote, delimiter and newline inside quotes, text after closing quote', () => {
  const records = parse(['"he said ""hi""","a,b","line1\nline2",x\n"q"r,z\n']);
  assert.deepEqual(fields(records), [['he said "hi"', 'a,b', 'line1\nline2', 'x'], ['qr', 'z']]);
  assert.deepEqual(records.map((r) => r.line), [1, 3]);
});

test('CRLF line endings, inside quotes kept verbatim', () => {
  const records = parse(['a,b\r\n"x\r\ny",2\r\n3,4\r\n']);
  assert.deepEqual(fields(records), [['a', 'b'], ['x\r\ny', '2'], ['3', '4']]);
  assert.deepEqual(records.map((r) => r.line), [1, 2, 4]);
});

test('CRLF split across chunks does not produce an empty record', () => {
  assert.deepEqual(fields(parse(['a\r', '\nb\r', '\n'])), [['a'], ['b']]);
});

test('doubled quote split across chunks', () => {
  assert.deepEqual(fields(parse(['"a"', '"b"\n'])), [['a"b']]);
  assert.deepEqual(fields(parse(['"a"', ',b\n'])), [['a', 'b']]);
});

test('a BOM at the start is dropped, from bytes and from text', () => {
  const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('id\n1\n')]);
  assert.deepEqual(fields(parse([bytes])), [['id'], ['1']]);
  assert.deepEqual(fields(parse(['\ufeffid\n'])), [['id']]);
});

test('multi-byte UTF-8 split across chunks at every offset', () => {
  const bytes = new TextEncoder().encode('名前,😀\n"é\nü",x\n');
  for (let cut = 1; cut < bytes.length; cut++) {
    const out = parse([bytes.subarray(0, cut), bytes.subarray(cut)]);
    assert.deepEqual(fields(out), [['名前', '😀'], ['é\nü', 'x']], `cut at ${cut}`);
  }
});

test('ASCII chunks (read as Latin-1) and UTF-8 chunks mix: a split character, then ASCII, then a BOM that is data', () => {
  const enc = new TextEncoder();
  const e = enc.encode('é');
  const out = parse([enc.encode('a,b\n'), new Uint8Array([e[0]!]), new Uint8Array([e[1]!, 0x2c, 0x78, 0x0a]),
    enc.encode('c,d\n'), enc.encode('\ufeffz,\u00e9\n'), enc.encode('e,f\n')]);
  assert.deepEqual(fields(out), [['a', 'b'], ['é', 'x'], ['c', 'd'], ['\ufeffz', 'é'], ['e', 'f']]);
  // A chunk that is nothing but continuation bytes is still decoded as part of its character.
  const smile = enc.encode('😀');
  assert.deepEqual(fields(parse([smile.subarray(0, 1), smile.subarray(1, 2), smile.subarray(2), enc.encode(',1\n')])), [['😀', '1']]);
});

test('records read whole (one pass) and by the character path agree: quotes, NULLs, CR, CRLF, end marker', () => {
  const text = 'a,"b""c",\r"",x\r\n"multi\nline",y\n"q"tail,z\ni"n,"side,w\n\\.\nafter\n';
  const whole = parse([text], { endMarker: true });
  assert.deepEqual(whole, parse([...text], { endMarker: true }), 'fields and line numbers');
  assert.deepEqual(whole.map((r) => r.line), [1, 2, 3, 5, 6]);
  assert.deepEqual(fields(whole), [['a', 'b"c', null], ['', 'x'], ['multi\nline', 'y'], ['qtail', 'z'], ['in,side', 'w']]);
});

test('empty line is a single NULL field; blank trailing line adds nothing', () => {
  assert.deepEqual(fields(parse(['a\n\nb\n'])), [['a'], [null], ['b']]);
});

test('custom delimiter, quote and escape', () => {
  assert.deepEqual(fields(parse(["'a\\'b';'c\\\\d';'e\\x'\n"], { delimiter: ';', quote: "'", escape: '\\' })), [["a'b", 'c\\d', 'e\\x']]);
  assert.deepEqual(fields(parse(['a\tb\n'], { delimiter: '\t' })), [['a', 'b']]);
});

test('end marker stops the data when enabled', () => {
  assert.deepEqual(fields(parse(['1\n\\.\n2\n'], { endMarker: true })), [['1']]);
  assert.deepEqual(fields(parse(['1\n\\.\n'])), [['1'], ['\\.']]);
});

test('unterminated quote at EOF is 22P04 with the starting line', () => {
  assert.throws(() => parse(['a\nb\n"open,\nmore\n']), {
    code: '22P04', message: 'unterminated CSV quoted field starting at line 3',
  });
});

test('invalid UTF-8 and bad options', () => {
  assert.throws(() => parse([new Uint8Array([0x61, 0xff, 0x0a])]), { code: '22P04' });
  assert.throws(() => parse([new Uint8Array([0xe5, 0x90])]), { code: '22P04' }); // truncated at EOF
  assert.throws(() => new CsvReader({ delimiter: ';;' }), { code: '0A000' });
  assert.throws(() => new CsvReader({ delimiter: '"' }), { code: '22023' });
});

test('readCopyRecords streams from an async source', async () => {
  async function* source() {
    yield 'a,b\n1,';
    yield new TextEncoder().encode('2\n');
  }
  const out: CopyRecord[] = [];
  for await (const r of readCopyRecords(source(), new CsvReader())) out.push(r);
  assert.deepEqual(out, [{ fields: ['a', 'b'], line: 1 }, { fields: ['1', '2'], line: 2 }]);
});

test('random records survive quoting and arbitrary chunking (seeded)', () => {
  let seed = 42;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  const alphabet = ['a', 'é', '😀', ',', '"', '\n', '\r\n', ' ', 'x'];
  const records: (string | null)[][] = [];
  for (let r = 0; r < 50; r++) {
    records.push(Array.from({ length: 3 }, () =>
      rand(6) === 0 ? null : Array.from({ length: rand(6) }, () => alphabet[rand(alphabet.length)]).join('')));
  }
  const quoteField = (f: string | null) => (f === null ? '' : `"${f.replace(/"/g, '""')}"`);
  const text = records.map((r) => r.map(quoteField).join(',')).join('\r\n') + '\n';
  const bytes = new TextEncoder().encode(text);
  for (let trial = 0; trial < 20; trial++) {
    const chunks: Uint8Array[] = [];
    for (let i = 0; i < bytes.length;) {
      const size = 1 + rand(17);
      chunks.push(bytes.subarray(i, i + size));
      i += size;
    }
    assert.deepEqual(fields(parse(chunks)), records);
  }
});
