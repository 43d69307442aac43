/**
 * Notices reach the client while their statement still runs, and with its result when it ends
 * first: protocol/message-writer.ts sends a notice with the statement's own flush or a few
 * milliseconds after it, not in a write of its own at once. Session `a` raises a NOTICE and then
 * waits for an advisory lock that session `b` holds; `b` lets go only once `a`'s client has the
 * notice — a notice held back until the statement's end would never arrive (the test times out).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startTwoSessions, type TwoSessions } from './two-sessions.js';

let sessions: TwoSessions;
before(async () => { sessions = await startTwoSessions(); });
after(async () => { await sessions?.close(); });

test('a NOTICE arrives before the statement that raised it ends', { timeout: 30_000 }, async () => {
  const { a, b } = sessions;
  await b.query('SELECT pg_advisory_lock(8008)');
  const events: string[] = [];
  const noticed = new Promise<void>((resolve) => a.once('notice', (n) => { events.push(`notice ${n.message}`); resolve(); }));
  const running = a.query(`DO $$ BEGIN RAISE NOTICE 'waiting for the lock'; PERFORM pg_advisory_lock(8008); END $$`)
    .then(() => { events.push('done'); });
  await noticed;
  events.push('unlock');
  await b.query('SELECT pg_advisory_unlock(8008)');
  await running;
  assert.deepEqual(events, ['notice waiting for the lock', 'unlock', 'done']);
});

test('a NOTICE of a short statement comes before its rows, in order', async () => {
  const { a } = sessions;
  const events: string[] = [];
  const onNotice = (n: { message?: string }) => events.push(`notice ${n.message}`);
  a.on('notice', onNotice);
  const result = await a.query(`DO $$ BEGIN RAISE NOTICE 'one'; RAISE NOTICE 'two'; END $$`);
  events.push(`done ${result.command}`);
  const rows = await a.query(`SELECT 1 AS x`);
  a.off('notice', onNotice);
  assert.deepEqual(events, ['notice one', 'notice two', 'done DO']);
  assert.deepEqual(rows.rows, [{ x: 1 }]);
});
