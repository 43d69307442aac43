/**
 * psql's Ctrl-C: SIGINT makes psql send a CancelRequest on a new connection; the running
 * statement must end with 57014 and psql must print PostgreSQL's message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { startTestServer } from './wire-server.js';

/** Runs for many seconds here, so it is still running when SIGINT arrives even on a slow machine. */
const LONG_QUERY = 'SELECT count(*) FROM generate_series(1, 100000000)';
const SIGINT_AFTER_MS = 1500;

test('psql Ctrl-C cancels the running statement (57014)', { timeout: 60_000 }, async () => {
  const server = await startTestServer();
  try {
    const psql = spawn('psql', ['-X', '-h', '127.0.0.1', '-p', String(server.port), '-U', 'thanosql', '-c', LONG_QUERY], {
      stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PGCONNECT_TIMEOUT: '10' },
    });
    let output = '';
    psql.stdout.on('data', (d: Buffer) => (output += d.toString()));
    psql.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => psql.on('exit', resolve));
    setTimeout(() => psql.kill('SIGINT'), SIGINT_AFTER_MS);
    const code = await exited;
    assert.match(output, /Cancel request sent/);
    assert.match(output, /ERROR: {2}canceling statement due to user request/);
    assert.equal(code, 1);
  } finally {
    await server.close();
  }
});
