/**
 * readDataFile and readDataFileSync (common/data-path.ts; the sync one is the CLIP decode
 * threads') give the same bytes and refuse the same paths with the same SQLSTATEs: missing,
 * outside the data directory as written or through a symlink, the server's own store, a
 * directory, a FIFO (without hanging), a file above the size cap.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataFile, readDataFileSync, type DataFilePolicy } from '../../../src/common/data-path.js';
import { SqlError } from '../../../src/common/sql-error.js';

const root = await mkdtemp(join(tmpdir(), 'read-data-file-'));
const dataDir = join(root, 'data');
await mkdir(join(dataDir, 'store'), { recursive: true });
await mkdir(join(dataDir, 'dir'));
await writeFile(join(dataDir, 'a.jpg'), 'jpeg bytes');
await writeFile(join(dataDir, 'store', 'data.mdb'), 'lmdb');
await writeFile(join(root, 'secret.txt'), 'outside');
await symlink(join(root, 'secret.txt'), join(dataDir, 'escape.jpg'));
await symlink(join(dataDir, 'a.jpg'), join(dataDir, 'inside-link.jpg'));
execFileSync('mkfifo', [join(dataDir, 'pipe.jpg')]);
after(() => rm(root, { recursive: true, force: true }));

const policy: DataFilePolicy = { dataDir, allowOutside: false };
const MAX = 1024;

/** The bytes as text, or the SQLSTATE of the refusal. */
async function outcome(read: () => Promise<Buffer> | Buffer): Promise<string> {
  try {
    return (await read()).toString();
  } catch (err) {
    assert.ok(err instanceof SqlError, String(err));
    return `SQLSTATE ${err.code}`;
  }
}

for (const [path, expected, p, max] of [
  ['a.jpg', 'jpeg bytes', policy, MAX],
  ['inside-link.jpg', 'jpeg bytes', policy, MAX],
  ['missing.jpg', 'SQLSTATE 58P01', policy, MAX],
  ['../secret.txt', 'SQLSTATE 42501', policy, MAX],
  ['escape.jpg', 'SQLSTATE 42501', policy, MAX],
  [join(root, 'secret.txt'), 'outside', { dataDir, allowOutside: true }, MAX],
  ['store/data.mdb', 'SQLSTATE 42501', { dataDir, allowOutside: true }, MAX],
  ['dir', 'SQLSTATE 42809', policy, MAX],
  ['pipe.jpg', 'SQLSTATE 42809', policy, MAX],
  ['a.jpg', 'SQLSTATE 54000', policy, 4],
] as const) {
  test(`readDataFile and readDataFileSync agree on ${path} (${expected})`, async () => {
    assert.equal(await outcome(() => readDataFile(p, path, max, 'image')), expected);
    assert.equal(await outcome(() => readDataFileSync(p, path, max, 'image')), expected);
  });
}
