// Synthetic embedding tables for scripts/bench-vectors.mjs, written straight into a stopped
// server's store (SQL INSERT of a million 512-d rows would take longer than everything measured),
// and the same rows as a raw float32 file for NumPy. Rows are clustered like real embeddings:
// CLUSTERS random unit centres, each row its centre plus Gaussian noise of the same norm,
// normalised (uniform random 512-d rows are all nearly orthogonal, which no photo collection is).
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../dist/src/storage/index.js';
import { makeRng } from './rng.mjs';

export const CLUSTERS = 1000;
/** Rows handed to the store per write batch (a row group's worth of fresh buffers). */
const BATCH_ROWS = 2048;

/**
 * Unit rows, `count` × `dim`, from `rand` (Box–Muller normals); with `centres`, each near one of
 * them (CLUSTERS unless `clusters` says how many `centres` holds).
 */
export function gaussianRows(rand, count, dim, centres, clusters = CLUSTERS) {
  const out = new Float32Array(count * dim);
  for (let r = 0; r < count; r++) {
    const c = centres ? Math.floor(rand() * clusters) : -1;
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const g = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
      const v = (centres ? centres[c * dim + j] * Math.sqrt(dim) : 0) + g;
      out[r * dim + j] = v;
      norm += v * v;
    }
    const s = 1 / Math.sqrt(norm);
    for (let j = 0; j < dim; j++) out[r * dim + j] *= s;
  }
  return out;
}

/** The cluster centres of the table written with `seed` (its generator's first draws). */
function centresOf(rand, dim) {
  return gaussianRows(rand, CLUSTERS, dim);
}

/**
 * `count` held-out queries for the table written with `seed`: fresh draws from the same generator
 * (same centres, same noise), from another random stream, so none is a row of the table — the
 * ANN-benchmark practice. `count` × `dim` floats.
 */
export function heldOutQueries(seed, count, dim) {
  const centres = centresOf(makeRng(seed), dim);
  return gaussianRows(makeRng((seed ^ QUERY_STREAM) >>> 0), count, dim, centres);
}
/** Mixed into a table's seed for its held-out queries' random stream. */
const QUERY_STREAM = 0x9e3779b9;

/** A query word the TEST model embeds as held-out query `i` of table `t` (letters only: digits split into tokens). */
export function queryWord(t, i) {
  const letters = (x, width) => Array.from({ length: width }, (_, k) => String.fromCharCode(97 + (Math.floor(x / 26 ** (width - 1 - k)) % 26))).join('');
  return `qv${letters(t, 1)}${letters(i, 3)}`;
}

/**
 * Appends `rows` clustered unit vectors to table `name` (id int, year int, image_path text, emb
 * real[]): year = id % 1000, so `year < 500 / 50 / 1` keeps 50 % / 5 % / 0.1 %. Also writes them
 * to `<dir>/<name>.f32`. The store must not be open elsewhere (the server stopped).
 */
export async function writeVectorTable(storeDir, dir, name, rows, dim, seed) {
  const rand = makeRng(seed);
  const centres = centresOf(rand, dim);
  const store = openStore(storeDir);
  const file = join(dir, `${name}.f32`);
  const fd = openSync(file, 'w');
  try {
    const table = store.snapshot().tables.get(name);
    const writer = store.writer(table.id, table.columns);
    for (let start = 0; start < rows; start += BATCH_ROWS) {
      const n = Math.min(BATCH_ROWS, rows - start);
      const batch = gaussianRows(rand, n, dim, centres);
      writeSync(fd, new Uint8Array(batch.buffer));
      for (let r = 0; r < n; r++) {
        const id = start + r;
        writer.append([id, id % 1000, `img/${id}.jpg`, batch.subarray(r * dim, (r + 1) * dim)]);
      }
    }
    const groups = writer.finish();
    store.commit((current) => {
      const t = current.tables.get(name);
      const next = { ...t, rowGroups: [...t.rowGroups, ...groups], version: t.version + 1 };
      return {
        next: { ...current, version: current.version + 1, tables: new Map(current.tables).set(name, next) },
        expectedVersions: new Map([[t.id, t.version]]),
        droppedRowGroups: [],
      };
    });
  } finally {
    closeSync(fd);
    await store.close();
  }
  return file;
}
