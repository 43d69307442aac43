/**
 * Fuzz: random bytes (and mutations of valid streams) fed to the frame reader and decoders yield
 * decoded messages or a 08P01 SqlError — never another exception, a hang or a crash.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serialize } from 'pg-protocol';
import { SqlError } from '../../../src/common/sql-error.js';
import { decodeChunks } from './decode-all.js';

const ITERATIONS = 3000;
const MAX_LEN = 64;

/** Small deterministic PRNG (mulberry32) so failures reproduce. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function check(chunks: Buffer[]): void {
  try {
    decodeChunks(chunks);
  } catch (err) {
    assert.ok(err instanceof SqlError && err.code === '08P01', `unexpected ${String(err)} for ${Buffer.concat(chunks).toString('hex')}`);
  }
}

test('random bytes', () => {
  const r = rng(1);
  for (let i = 0; i < ITERATIONS; i++) {
    const bytes = Buffer.from(Array.from({ length: Math.floor(r() * MAX_LEN) }, () => Math.floor(r() * 256)));
    check([bytes]);
    // After a valid startup, random bytes exercise the typed decoders.
    check([serialize.startup({ user: 'u' }), bytes]);
  }
});

test('mutated valid streams', () => {
  const valid = Buffer.concat([
    serialize.startup({ user: 'u', database: 'd' }), serialize.parse({ name: 'a', text: 'select $1', types: [23] }),
    serialize.bind({ statement: 'a', values: ['1'] }), serialize.describe({ type: 'P' }), serialize.execute({ rows: 5 }),
    serialize.sync(), serialize.close({ type: 'S', name: 'a' }), serialize.query('select 1'),
  ]);
  const r = rng(2);
  for (let i = 0; i < ITERATIONS; i++) {
    const m = Buffer.from(valid);
    const flips = 1 + Math.floor(r() * 4);
    for (let j = 0; j < flips; j++) m[Math.floor(r() * m.length)] = Math.floor(r() * 256);
    const cut = Math.floor(r() * m.length);
    check([m.subarray(0, cut), m.subarray(cut)]);
  }
});
