// The other engines scripts/bench-vectors.mjs times exact top-10 against, each over n × dim unit
// rows, best of the same query repeated (median): NumPy (`x @ q` + argpartition, the raw float32
// file read into memory), DuckDB (@duckdb/node-api, FLOAT[dim] + array_inner_product) and pgvector
// (PGlite's bundled `vector` extension: pgvector's own code compiled to WASM, one thread — its
// handicap against native pgvector). DuckDB and PGlite generate their rows in SQL (the same shape,
// not the same values: an exact scan's time does not depend on them).
import { execFileSync } from 'node:child_process';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** NumPy's median ms per query over the rows in `file`. */
export function numpyTopK(file, n, dim, runs) {
  const script = `
import numpy as np, time, sys
x = np.fromfile(${JSON.stringify(file)}, dtype=np.float32).reshape(${n}, ${dim})
q = np.random.default_rng(1).standard_normal(${dim}).astype(np.float32); q /= np.linalg.norm(q)
ts = []
for _ in range(${runs}):
    t = time.perf_counter(); s = x @ q; i = np.argpartition(-s, 10)[:10]; i = i[np.argsort(-s[i])]; ts.append((time.perf_counter() - t) * 1000)
print(sorted(ts)[len(ts) // 2])
`;
  return Number(execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8', maxBuffer: 1 << 20 }).trim());
}

/**
 * The BLAS library NumPy's `x @ q` runs on (read from the process's memory map after a product):
 * Debian's reference libblas is ~8× slower than OpenBLAS (`apt-get install libopenblas0-pthread`),
 * so a ratio against NumPy means nothing without it.
 */
export function numpyBlas() {
  const script = `
import numpy as np
np.ones((64, 64), dtype=np.float32) @ np.ones(64, dtype=np.float32)
libs = sorted({l.split()[-1] for l in open('/proc/self/maps') if 'blas' in l.lower() and '/' in l})
print(', '.join(libs) or 'none found')
`;
  return execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' }).trim();
}

const randomVectorSql = (dim) => `[${Array.from({ length: dim }, (_, j) => Math.sin(j + 1).toFixed(6)).join(', ')}]`;

/** DuckDB's median ms per query (in-memory database, its default threads). */
export async function duckdbTopK(n, dim, runs) {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  try {
    await db.run(`CREATE TABLE t AS SELECT i AS id, list_transform(range(${dim}), j -> (random() * 2 - 1)::FLOAT)::FLOAT[${dim}] AS v
      FROM range(${n}) AS r(i)`);
    const sql = `SELECT id FROM t ORDER BY array_inner_product(v, ${randomVectorSql(dim)}::FLOAT[${dim}]) DESC LIMIT 10`;
    await db.run(sql);
    const ts = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await (await db.run(sql)).getRows();
      ts.push(performance.now() - t);
    }
    return median(ts);
  } finally {
    db.closeSync?.();
  }
}

/** pgvector in PGlite: median ms per sequential-scan query (`<#>`, negative inner product). */
export async function pgvectorTopK(n, dim, runs) {
  const { PGlite } = await import('@electric-sql/pglite');
  const { vector } = await import('@electric-sql/pglite/vector');
  const db = await PGlite.create({ extensions: { vector } });
  try {
    await db.exec(`CREATE EXTENSION vector; CREATE TABLE t (id int, v vector(${dim}));
      INSERT INTO t SELECT i, (SELECT array_agg(random() * 2 - 1) FROM generate_series(1, ${dim}) AS g WHERE i > 0)::vector
      FROM generate_series(1, ${n}) AS i;`);
    const sql = `SELECT id FROM t ORDER BY v <#> '${randomVectorSql(dim)}' LIMIT 10`;
    await db.query(sql);
    const ts = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      await db.query(sql);
      ts.push(performance.now() - t);
    }
    return median(ts);
  } finally {
    await db.close();
  }
}
