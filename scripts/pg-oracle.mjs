#!/usr/bin/env node
// Rebuilds and rewrites the expected output of .slt files from a real PostgreSQL 15
// (the oracle): `node scripts/pg-oracle.mjs [filter…]`. Filters are path substrings.
// TypeScript errors elsewhere in the tree do not stop it: tsc still emits JavaScript.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.json')], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
const run = spawnSync(
  process.execPath,
  [join(root, 'dist', 'test', 'harness', 'slt-cli.js'), '--complete', '--target=postgres', ...process.argv.slice(2)],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
process.exit(run.status ?? 1);
