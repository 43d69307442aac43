/**
 * Start-up problems a user can fix print one clear line and exit 1, never a Node stack trace
 * (issue 10): the PostgreSQL port already in use.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { MAIN_JS } from '../harness/thanosql-server.js';

test('a busy port: one line naming the port and what to do, exit 1', { timeout: 60_000 }, async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  const dir = mkdtempSync(join(tmpdir(), 'startup-errors-'));
  try {
    const child = spawn(process.execPath, [MAIN_JS, '--port', String(port), '--http-port', '0', '--data-dir', join(dir, 'data'),
      '--models-dir', join(dir, 'models')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    assert.equal(code, 1, output);
    assert.match(output, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use`));
    assert.match(output, /--port/);
    assert.doesNotMatch(output, /\n\s+at /, 'no stack trace');
  } finally {
    blocker.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
