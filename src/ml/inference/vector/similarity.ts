/**
 * Similarity of L2-normalised embeddings: cosine = dot product. Scores a batch of queries against a
 * row-major [n, dim] matrix with a 4-way unrolled loop (see scripts/bench-similarity.mjs for figures
 * against an ONNX Runtime Gemm).
 *
 * @example
 * const scores = dotScores(query, 1, matrix, n, 512); // Float32Array(n)
 */

/** Cosine similarity of two vectors of any length (normalises; for unit vectors use `dot`). */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new RangeError(`vector lengths differ: ${a.length} vs ${b.length}`);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

/**
 * scores[q·n + i] = queries[q] · matrix[i] for `q` queries and `n` rows of width `dim`.
 * For unit vectors this is the cosine similarity.
 */
export function dotScores(
  queries: Float32Array,
  q: number,
  matrix: Float32Array,
  n: number,
  dim: number,
  out: Float32Array = new Float32Array(q * n),
): Float32Array {
  if (queries.length < q * dim || matrix.length < n * dim || out.length < q * n) {
    throw new RangeError(`dotScores: buffers too small for ${q}×${dim} · ${n}×${dim}`);
  }
  // Rows outer, queries inner: each matrix row is read from memory once for all queries.
  for (let row = 0; row < n; row++) {
    for (let qi = 0; qi < q; qi++) out[qi * n + row] = dotAt(queries, qi * dim, matrix, row * dim, dim);
  }
  return out;
}

/**
 * queries[qo … qo+dim) · matrix[mo … mo+dim) in doubles — the one arithmetic every exact
 * similarity uses (dotScores, and the vector scans' re-ranking), so their scores are identical.
 * The caller stores it as float32, as dotScores does.
 */
export function dotAt(queries: Float32Array, qo: number, matrix: Float32Array, mo: number, dim: number): number {
  const tail = dim & ~3;
  // Four independent accumulators let the JIT overlap the multiply-adds.
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j < tail; j += 4) {
    s0 += queries[qo + j]! * matrix[mo + j]!;
    s1 += queries[qo + j + 1]! * matrix[mo + j + 1]!;
    s2 += queries[qo + j + 2]! * matrix[mo + j + 2]!;
    s3 += queries[qo + j + 3]! * matrix[mo + j + 3]!;
  }
  for (; j < dim; j++) s0 += queries[qo + j]! * matrix[mo + j]!;
  return s0 + s1 + s2 + s3;
}
