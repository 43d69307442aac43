/**
 * A COPY line longer than a JavaScript string can hold fails with 54000 (PostgreSQL's
 * string-buffer "out of memory"), in CSV and text format, instead of an XX000 "Invalid string
 * length" or a heap OOM; and a long line arriving in many chunks costs linear time (the text
 * reader used to re-copy its pending bytes for every chunk). The same 64 MB chunk is pushed
 * repeatedly, so the test holds little memory itself.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_COPY_LINE_LENGTH } from '../../../src/execution/copy/copy-line-limit.js';
import { CopyTextReader } from '../../../src/execution/copy/copy-text-reader.js';
import { CsvReader } from '../../../src/execution/copy/csv-reader.js';

const CHUNK = 64 * 1024 * 1024;
const CHUNKS_PAST_LIMIT = Math.ceil(MAX_COPY_LINE_LENGTH / CHUNK) + 1;

function pushUntilError(push: () => unknown): unknown {
  for (let i = 0; i < CHUNKS_PAST_LIMIT; i++) {
    try {
      push();
    } catch (err) {
      return err;
    }
  }
  return undefined;
}

test('a CSV line past the limit is 54000 out of memory', { timeout: 60_000 }, () => {
  const reader = new CsvReader();
  const chunk = 'x'.repeat(CHUNK);
  const err = pushUntilError(() => reader.push(chunk)) as { code?: string; message?: string; fields?: { detail?: string } };
  assert.equal(err?.code, '54000');
  assert.equal(err?.message, 'out of memory');
  assert.match(err?.fields?.detail ?? '', /^Cannot enlarge string buffer containing \d+ bytes by \d+ more bytes\.$/);
});

test('a text-format line past the limit is 54000, without quadratic copying', { timeout: 60_000 }, () => {
  const reader = new CopyTextReader();
  const chunk = new Uint8Array(CHUNK).fill(0x78);
  const started = Date.now();
  const err = pushUntilError(() => reader.push(chunk)) as { code?: string };
  assert.equal(err?.code, '54000');
  assert.ok(Date.now() - started < 10_000, 'pushing chunks of one long line must not copy what came before');
});

test('lines below the limit still parse after many chunks', () => {
  const reader = new CopyTextReader();
  const parts = Array.from({ length: 1000 }, () => 'ab');
  const records = [...parts.flatMap((p) => reader.push(p)), ...reader.push('\tc\n'), ...reader.end()];
  assert.deepEqual(records.map((r) => r.fields), [['ab'.repeat(1000), 'c']]);
});
