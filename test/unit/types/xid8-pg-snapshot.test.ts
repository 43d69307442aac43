/** xid8 and pg_snapshot codecs: PostgreSQL 15's lenient xid8 input, pg_snapshot's binary form and its checks. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBinary, encodeBinary } from '../../../src/types/binary-codec.js';
import { decodeSnapshotBinary, encodeSnapshotBinary, parsePgSnapshot } from '../../../src/types/pg-snapshot-codec.js';
import { T } from '../../../src/types/sql-type.js';
import { parseXid8 } from '../../../src/types/xid8-codec.js';

test('xid8 input reads like strtoull with base 0', () => {
  assert.equal(parseXid8('010'), 8n);
  assert.equal(parseXid8(' 0x1F'), 31n);
  assert.equal(parseXid8('0x'), 0n);
  assert.equal(parseXid8('-1'), (1n << 64n) - 1n);
  assert.equal(parseXid8('18446744073709551616'), (1n << 64n) - 1n);
  assert.equal(parseXid8('12abc'), 12n);
  assert.equal(parseXid8('abc'), 0n);
});

test('xid8 binary is 8 unsigned bytes', () => {
  const top = (1n << 64n) - 1n;
  const bytes = encodeBinary(top, T.xid8);
  assert.deepEqual([...bytes], new Array(8).fill(0xff));
  assert.equal(decodeBinary(bytes, T.xid8), top);
});

test('pg_snapshot binary round-trips and checks what it receives', () => {
  const text = parsePgSnapshot('12:20:13,15,15,18');
  assert.equal(text, '12:20:13,15,18');
  const bytes = encodeSnapshotBinary(text);
  assert.equal(bytes.length, 4 + 8 * 5);
  assert.equal(decodeSnapshotBinary(bytes), text);
  const outOfOrder = Buffer.from(bytes);
  outOfOrder.writeBigUInt64BE(19n, 4 + 8 * 2);
  assert.throws(() => decodeSnapshotBinary(outOfOrder), { code: '22P03' });
  assert.throws(() => decodeSnapshotBinary(bytes.subarray(0, 12)), { code: '22P03' });
  assert.throws(() => parsePgSnapshot('4294967296:4294967297:'), { code: '22P02' });
});
