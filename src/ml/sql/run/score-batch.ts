/**
 * Similarity of one batch of rows against the query embeddings: the rows' embedding values
 * (Float32Array views straight from the dense storage chunks, or number arrays) are packed into
 * one n×dim matrix, L2-normalised (so stored vectors from elsewhere still give cosines), and
 * scored with one dot-product pass; large batches go to the pool's ONNX Gemm in a worker.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { Row, Value } from '../../../types/value.js';
import type { ClipPool } from '../../inference/pool/clip-pool.js';
import { dotScores } from '../../inference/vector/similarity.js';

/** Below this many rows the JS loop beats a round trip to a worker (see ml/README Decisions 5). */
const GEMM_MIN_ROWS = 4096;

function floatsOf(value: Value, dim: number, column: string): ArrayLike<number> {
  const floats = value as Float32Array | readonly number[];
  if (floats.length !== dim) {
    throw new SqlError(SQLSTATE.DataException, `embedding in "${column}" has ${floats.length} values, the model gives ${dim}`, {
      hint: 'the column was written by a different model: run CONVERT again with this one',
    });
  }
  return floats;
}

/**
 * scores[qi][row] for `q` normalised queries (q×dim, row-major); null where the row's embedding
 * is NULL (an image that could not be read).
 */
export async function scoreBatch(
  rows: readonly Row[], index: number, column: string, queries: Float32Array, q: number, dim: number,
  pool: ClipPool, signal: AbortSignal,
): Promise<(number | null)[][]> {
  const n = rows.length;
  const matrix = new Float32Array(n * dim);
  const present = new Uint8Array(n);
  for (let r = 0; r < n; r++) {
    const value = rows[r]![index];
    if (value === null || value === undefined) continue;
    const floats = floatsOf(value, dim, column);
    let norm = 0;
    for (let k = 0; k < dim; k++) norm += floats[k]! * floats[k]!;
    if (norm === 0) continue;
    const scale = 1 / Math.sqrt(norm);
    const offset = r * dim;
    for (let k = 0; k < dim; k++) matrix[offset + k] = floats[k]! * scale;
    present[r] = 1;
  }
  const scores = n >= GEMM_MIN_ROWS ? await pool.dotScores(queries, q, matrix, n, { signal }) : dotScores(queries, q, matrix, n, dim);
  return Array.from({ length: q }, (_, qi) => Array.from({ length: n }, (_, r) => (present[r] ? scores[qi * n + r]! : null)));
}
