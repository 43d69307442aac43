#!/usr/bin/env node
// Runs every compiled test file (dist/test/**/*.test.js) with node's test runner and prints
// node's own summary plus a plain "N passed, N failed" line. Optional args filter by substring.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const testRoot = join(root, 'dist', 'test');
const filters = process.argv.slice(2);

function collect(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...collect(full));
    else if (name.endsWith('.test.js')) out.push(full);
  }
  return out;
}

const files = collect(testRoot)
  .filter((f) => filters.length === 0 || filters.some((s) => relative(root, f).includes(s)))
  .sort();
if (files.length === 0) {
  console.error('no test files found under dist/test');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
);
process.stdout.write(result.stdout ?? '');
const pass = /^ℹ pass (\d+)/m.exec(result.stdout ?? '');
const fail = /^ℹ fail (\d+)/m.exec(result.stdout ?? '');
console.log(`${pass ? pass[1] : 0} passed, ${fail ? fail[1] : 0} failed`);
process.exit(result.status ?? 1);
