/**
 * Frontend decoding: messages serialised by pg-protocol (node-postgres's own encoder, an
 * independent implementation) decode to the expected fields, whatever the TCP chunking.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serialize } from 'pg-protocol';
import { FrameReader, formatAt } from '../../../src/protocol/codec/index.js';
import { decodeChunks } from './decode-all.js';

const stream = Buffer.concat([
  serialize.requestSsl(),
  serialize.startup({ user: 'thanosql', database: 'db' }),
  serialize.query('select 1; select ✓'),
  serialize.parse({ name: 's1', text: 'select $1::int', types: [23] }),
  serialize.bind({ portal: 'p1', statement: 's1', values: ['42', null] }),
  serialize.describe({ type: 'S', name: 's1' }),
  serialize.describe({ type: 'P', name: 'p1' }),
  serialize.execute({ portal: 'p1', rows: 10 }),
  serialize.close({ type: 'P', name: 'p1' }),
  serialize.flush(),
  serialize.sync(),
  serialize.copyData(Buffer.from('1\tx\n')),
  serialize.copyDone(),
  serialize.copyFail('boom'),
  serialize.sendSASLInitialResponseMessage('SCRAM-SHA-256', 'n,,n=,r=abc'),
  serialize.end(),
]);

const expected = [
  { kind: 'SSLRequest' },
  { kind: 'Startup', version: 196608, params: new Map([['user', 'thanosql'], ['database', 'db'], ['client_encoding', 'UTF8']]) },
  { kind: 'Query', sql: 'select 1; select ✓' },
  { kind: 'Parse', name: 's1', sql: 'select $1::int', paramTypes: [23] },
  { kind: 'Bind', portal: 'p1', statement: 's1', paramFormats: [0, 0], params: [Buffer.from('42'), null], resultFormats: [0] },
  { kind: 'Describe', target: 'statement', name: 's1' },
  { kind: 'Describe', target: 'portal', name: 'p1' },
  { kind: 'Execute', portal: 'p1', maxRows: 10 },
  { kind: 'Close', target: 'portal', name: 'p1' },
  { kind: 'Flush' },
  { kind: 'Sync' },
  { kind: 'CopyData', data: Buffer.from('1\tx\n') },
  { kind: 'CopyDone' },
  { kind: 'CopyFail', message: 'boom' },
  { kind: 'Password', data: Buffer.concat([Buffer.from('SCRAM-SHA-256\0'), Buffer.from([0, 0, 0, 11]), Buffer.from('n,,n=,r=abc')]) },
  { kind: 'Terminate' },
];

test('decodes every message pg-protocol serialises', () => {
  assert.deepEqual(decodeChunks([stream]), expected);
});

test('any split into two chunks decodes the same', () => {
  for (let i = 1; i < stream.length; i++) {
    assert.deepEqual(decodeChunks([stream.subarray(0, i), stream.subarray(i)]), expected, `split at ${i}`);
  }
});

test('one byte at a time decodes the same', () => {
  const bytes = Array.from({ length: stream.length }, (_, i) => stream.subarray(i, i + 1));
  assert.deepEqual(decodeChunks(bytes), expected);
});

test('CancelRequest is a 16-byte untyped frame', () => {
  assert.deepEqual(decodeChunks([serialize.cancel(1234, -5)]), [{ kind: 'CancelRequest', pid: 1234, secret: -5 }]);
});

test('Bind format codes: none = text, one = all, n = each', () => {
  assert.equal(formatAt([], 3), 0);
  assert.equal(formatAt([1], 3), 1);
  assert.deepEqual([0, 1, 2].map((i) => formatAt([0, 1, 0], i)), [0, 1, 0]);
  const binary = serialize.bind({ statement: 's', values: ['a'], binary: true });
  const [msg] = decodeChunks([serialize.startup({ user: 'u' }), binary]).slice(1);
  assert.deepEqual(msg!.resultFormats, [1]);
});

test('a message longer than 64 KB before authentication is refused at its header, before its body arrives', () => {
  const r = new FrameReader();
  r.push(Buffer.concat([serialize.startup({ user: 'u' })]));
  r.startupPhase = false;
  // A password message ('p') announcing 64 MB: only its five header bytes are sent.
  const header = Buffer.from([0x70, 0x04, 0x00, 0x00, 0x04]);
  assert.throws(() => r.push(header), { code: '08P01', message: 'invalid message length 67108868' });
  const after = new FrameReader();
  after.startupPhase = false;
  after.authenticated = true;
  assert.deepEqual(after.push(header), [], 'after authentication the same length is allowed (and waited for)');
});

test('a large message split into many chunks comes out whole, and the rest stays buffered', () => {
  const r = new FrameReader();
  r.startupPhase = false;
  r.authenticated = true;
  const sql = 'SELECT ' + 'x'.repeat(3 * 1024 * 1024);
  const bytes = Buffer.concat([serialize.query(sql), serialize.sync()]);
  const frames = [];
  for (let i = 0; i < bytes.length; i += 1000) frames.push(...r.push(bytes.subarray(i, i + 1000)));
  assert.equal(frames.length, 2);
  assert.equal(frames[0]!.code, 0x51);
  assert.equal(frames[0]!.body.length, Buffer.byteLength(sql) + 1);
  assert.equal(frames[1]!.code, 0x53);
  assert.equal(r.bufferedBytes, 0);
});

test('bad lengths and types are 08P01 errors', () => {
  const r = new FrameReader();
  assert.throws(() => r.push(Buffer.from([0, 0, 0, 2])), { code: '08P01' });
  const startup = serialize.startup({ user: 'u' });
  assert.throws(() => decodeChunks([startup, Buffer.from([0x51, 0xff, 0xff, 0xff, 0xff])]), { code: '08P01' });
  assert.throws(() => decodeChunks([startup, Buffer.from([0x7a, 0, 0, 0, 4])]), { code: '08P01', message: 'invalid frontend message type 122' });
  assert.throws(() => decodeChunks([startup, Buffer.from([0x51, 0, 0, 0, 6, 0x61, 0x62])]), { code: '08P01' });
  assert.throws(() => decodeChunks([Buffer.from([0, 0, 0, 8, 0, 2, 0, 0])]), { code: '08P01' });
});
