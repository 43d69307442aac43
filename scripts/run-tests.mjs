#!/usr/bin/env node
// Runs every compiled test file (dist/test/**/*.test.js) with node's test runner, streaming
// its output as it comes (CI shows progress), then prints a plain "N passed, N failed" line.
// Optional args filter files by path substring. Exits non-zero if any test failed.
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawn } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const testRoot = join(root, 'dist', 'test');
const filters = process.argv.slice(2);
// Safety net per test; e2e tests set tighter limits of their own.
const TEST_TIMEOUT_MS = 10 * 60 * 1000;

function collect(dir) {
  if (!existsSync(dir)) return [];
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
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const child = spawn(
  process.execPath,
  ['--test', '--test-reporter=spec', '--test-concurrency=2', `--test-timeout=${TEST_TIMEOUT_MS}`, ...files],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
let output = '';
child.stdout.setEncoding('utf8');
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code, signal) => {
  const pass = /^ℹ pass (\d+)/m.exec(output);
  const fail = /^ℹ fail (\d+)/m.exec(output);
  // Tests cancelled because a hook or their parent failed did not pass: count them as failed.
  const cancelled = /^ℹ cancelled (\d+)/m.exec(output);
  const counted = (fail ? Number(fail[1]) : 0) + (cancelled ? Number(cancelled[1]) : 0);
  const failed = counted === 0 && code !== 0 ? 1 : counted;
  console.log(`${pass ? pass[1] : 0} passed, ${failed} failed`);
  if (signal) console.error(`test runner killed by ${signal}`);
  process.exit(code === 0 && failed === 0 ? 0 : 1);
});
