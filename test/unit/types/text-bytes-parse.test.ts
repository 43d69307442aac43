/**
 * The byte parsers of COPY's column loader give exactly what the string parsers give for the
 * same text, and NaN (hand it to the string parser) for everything outside their fast forms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseInt4Ascii, parseIsoTimestampAscii, parsePlainFloatAscii } from '../../../src/types/text-bytes-parse.js';
import { textParser } from '../../../src/types/text-codec.js';
import { T } from '../../../src/types/sql-type.js';

/** The text inside a larger buffer, so offsets matter. */
function run(parse: (b: Uint8Array, s: number, e: number) => number, text: string): number {
  const bytes = Buffer.from(`,,${text},`, 'latin1');
  return parse(bytes, 2, 2 + text.length);
}

test('int4: plain digits as the string parser reads them, else NaN', () => {
  const parse = textParser(T.int4);
  // Both stored as int4 slots, where -0 and 0 are one value.
  for (const t of ['0', '-0', '42', '+42', '-2147483648', '2147483647', '0001']) assert.equal(run(parseInt4Ascii, t), parse(t), t);
  for (const t of ['', '-', '2147483648', '-2147483649', ' 1', '1 ', '1e3', 'x', '12345678901']) assert.ok(Number.isNaN(run(parseInt4Ascii, t)), t);
});

test('float8: plain decimals equal Number(), long ones too; other forms NaN', () => {
  const parse = textParser(T.float8);
  const cases = ['0', '-0', '1.5', '.5', '5.', '+2.25', '142.42857142857142', '0.1', '123456789012345', '1234567890123456789',
    '0.10000000000000000555', '0.0000000000000000000001', '9007199254740993', '-3.14159265358979323846'];
  for (const t of cases) assert.ok(Object.is(run(parsePlainFloatAscii, t), parse(t)), t);
  for (const t of ['', '.', '-', '1e3', 'NaN', 'Infinity', ' 1', '1.2.3', '1,5']) assert.ok(Number.isNaN(run(parsePlainFloatAscii, t)), t);
});

test('timestamp: the ISO form as parseTimestamp reads it; other forms and invalid dates NaN', () => {
  const parse = textParser(T.timestamp);
  for (const t of ['2024-01-02 10:00:00', '2024-02-29T23:59:59', '1999-12-31 23:59:59.999999', '0099-01-01 00:00:00', '2024-01-02 10:00:00.5']) {
    assert.equal(run(parseIsoTimestampAscii, t), parse(t), t);
  }
  for (const t of ['2023-02-29 00:00:00', '2024-01-02 24:00:00', '2024-01-02 10:00', '2024-01-02 10:00:00.', 'epoch',
    '2024-01-02 10:00:00.1234567', '0000-01-01 00:00:00', '2024-01-02 10:00:00+02']) {
    assert.ok(Number.isNaN(run(parseIsoTimestampAscii, t)), t);
  }
});
