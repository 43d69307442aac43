/**
 * RelaySocket's writes: under the high-water mark of bytes the main thread's socket has not yet
 * taken, a write completes at once and asks for no acknowledgement (the main thread counts what
 * its socket took in shared memory); beyond it, the write asks for one and later writes stay in
 * the stream until it comes — the back-pressure a client that stops reading puts on its statement.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RelaySocket } from '../../../src/server/relay-socket.js';
import type { FromThread } from '../../../src/server/thread-messages.js';

type Write = Extract<FromThread, { t: 'write' }>;

function relay(): { socket: RelaySocket; writes: Write[]; taken: Int32Array } {
  const writes: Write[] = [];
  const taken = new Int32Array(new SharedArrayBuffer(4));
  const socket = new RelaySocket(1, '127.0.0.1', 5432, (message) => { if (message.t === 'write') writes.push(message); }, taken);
  return { socket, writes, taken };
}

const KB = 1024;
const written = (socket: RelaySocket, bytes: number) => new Promise<void>((resolve, reject) => {
  socket.write(new Uint8Array(bytes), (err) => (err ? reject(err) : resolve()));
});

test('small writes complete at once and ask for no acknowledgement', async () => {
  const { socket, writes } = relay();
  await written(socket, 100);
  await written(socket, 200);
  assert.deepEqual(writes.map((w) => [w.data.byteLength, w.ack]), [[100, false], [200, false]]);
  socket.destroy();
});

test('beyond the mark of bytes not yet taken a write waits for its acknowledgement', async () => {
  const { socket, writes, taken } = relay();
  for (let i = 0; i < 8; i++) await written(socket, 64 * KB);
  let done = false;
  const last = written(socket, 64 * KB).then(() => { done = true; });
  const after = written(socket, 100);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(writes.at(-1)!.ack, true);
  assert.equal(done, false);
  // Held in the stream until the acknowledgement: the main thread is not sent more.
  assert.equal(writes.length, 9);
  // As the main thread does: count the writes its socket took, then acknowledge the one that asked.
  Atomics.store(taken, 0, writes.length);
  socket.acknowledge();
  await last;
  await after;
  assert.equal(writes.length, 10);
  await written(socket, 64 * KB);
  assert.equal(writes.at(-1)!.ack, false);
  socket.destroy();
});

test('a closed socket fails the write that waits for its acknowledgement', async () => {
  const { socket } = relay();
  socket.on('error', () => {});
  for (let i = 0; i < 8; i++) await written(socket, 64 * KB);
  const last = written(socket, 64 * KB);
  socket.socketClosed();
  await assert.rejects(last, /client socket closed/);
});
