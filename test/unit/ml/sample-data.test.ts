/**
 * The built-in sample data set: tutorial CSV columns, one row per generated picture, idempotent and
 * deterministic, and searchable by colour with the TEST model.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureSampleData, SAMPLE_COLUMNS, SAMPLE_DIR } from '../../../src/tools/sample/ensure-sample-data.js';
import { ClipPool } from '../../../src/ml/inference/pool/clip-pool.js';
import { dotScores } from '../../../src/ml/inference/vector/similarity.js';
import { cleanup, tempDir, testModelDir } from './helpers.js';

const dataDir = await tempDir('ml-sample-');
const modelDir = await testModelDir();
after(() => Promise.all([cleanup(dataDir), cleanup(modelDir)]));

/** Minimal CSV reader for the generated file (quoted fields, no embedded newlines). */
function parseCsv(text: string): string[][] {
  return text.trim().split('\n').map((line) => {
    const fields: string[] = [];
    const re = /("([^"]|"")*"|[^,]*)(,|$)/g;
    for (let m = re.exec(line); m && m.index < line.length; m = re.exec(line)) {
      fields.push(m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replace(/""/g, '"') : m[1]!);
    }
    return fields;
  });
}

const first = await ensureSampleData(dataDir);
const rows = parseCsv(await readFile(first.csvPath, 'utf8'));

test('sample: the CSV has the tutorial columns and one row per generated picture', async () => {
  assert.equal(first.created, true);
  assert.deepEqual(rows[0], [...SAMPLE_COLUMNS]);
  assert.ok(first.rows >= 40 && first.rows <= 60);
  assert.equal(rows.length - 1, first.rows);
  const images = await readdir(join(dataDir, SAMPLE_DIR, 'images'));
  assert.equal(images.length, first.rows);
  for (const row of rows.slice(1)) {
    assert.equal(row.length, 5);
    assert.match(row[1]!, new RegExp(`^${SAMPLE_DIR}/images/[\\w-]{11}\\.(jpg|png)$`));
  }
});

test('sample: a second call keeps the existing data', async () => {
  const again = await ensureSampleData(dataDir);
  assert.equal(again.created, false);
});

test('sample: generation is deterministic', async () => {
  const other = await tempDir('ml-sample-');
  try {
    const second = await ensureSampleData(other);
    assert.equal(await readFile(second.csvPath, 'utf8'), await readFile(first.csvPath, 'utf8'));
    const name = rows[1]![1]!;
    assert.ok((await readFile(join(other, name))).equals(await readFile(join(dataDir, name))));
  } finally {
    await cleanup(other);
  }
});

test('sample + TEST model: "a black cat" finds black pictures, "a red car" red ones', async () => {
  const pool = await ClipPool.open({ modelDir, workers: 2 });
  try {
    const images = await pool.embedImages(rows.slice(1).map((r) => join(dataDir, r[1]!)));
    const dim = pool.dim;
    const matrix = new Float32Array(images.length * dim);
    images.forEach((e, i) => matrix.set(e!, i * dim));
    for (const [query, colour] of [['a black cat', 'black'], ['a red car', 'red'], ['blue sea', 'blue']] as const) {
      const [q] = await pool.embedTexts([query]);
      const best = [...dotScores(q!, 1, matrix, images.length, dim)].map((score, index) => ({ index, score }))
        .sort((a, b) => b.score - a.score).slice(0, 3);
      for (const hit of best) assert.match(rows[hit.index + 1]![3]!, new RegExp(`^A ${colour} `), `${query} → ${rows[hit.index + 1]![3]}`);
    }
  } finally {
    await pool.close();
  }
});
