/**
 * kill -9 mid-statement: committed data survives, the half-staged statement leaves no rows
 * and its chunks are collected on the next open.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../../src/storage/index.js';
import { tempStoreDir } from './fixtures/temp-store-dir.js';
import { countChunks, readRows } from './fixtures/store-helpers.js';

const CHILD = fileURLToPath(new URL('./fixtures/crash-writer.js', import.meta.url));
const COMMITTED_ROWS = 3000;
/** Staged row groups to wait for before killing, so the kill lands mid-statement. */
const GROUPS_BEFORE_KILL = 3;

test('SIGKILL during staging keeps committed rows and collects the orphans', async () => {
  const { dir, cleanup } = tempStoreDir();
  const child = spawn(process.execPath, [CHILD, dir], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  await new Promise<void>((resolve, reject) => {
    child.on('exit', (code) => reject(new Error(`child exited early with ${code}: ${out}`)));
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if ((out.match(/staging/g) ?? []).length >= GROUPS_BEFORE_KILL) resolve();
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  await exited;
  assert.match(out, /^committed\n/);

  const store = openStore(dir);
  const table = store.snapshot().tables.get('durable');
  assert.ok(table, 'committed table survives');
  const rows = readRows(store, table, [1, 2]);
  assert.equal(rows.length, COMMITTED_ROWS);
  assert.ok(rows.every(([, label]) => label !== 'partial statement row'));
  const referenced = table.rowGroups.reduce((n, g) => n + g.columnIds.length, 0);
  assert.equal(countChunks(store), referenced, 'orphan chunks were collected');
  await store.close();
  cleanup();
});
