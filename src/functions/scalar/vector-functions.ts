/**
 * Vector functions over real[] embeddings (Float32Array): cosine_similarity, the kernel of
 * CLIP search. Written as one tight loop with no allocation per call.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

function asFloats(value: Value): Float32Array | readonly Value[] {
  return value instanceof Float32Array ? value : (value as readonly Value[]);
}

/** cos(a, b) = a·b / (|a| |b|); NULL when either vector is all zeros (undefined angle). */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number | null {
  if (a.length !== b.length) {
    throw new SqlError(SQLSTATE.DataException, `vectors have different dimensions: ${a.length} and ${b.length}`);
  }
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  if (normA === 0 || normB === 0) return null;
  return dot / Math.sqrt(normA * normB);
}

function toFloat32(value: Value): Float32Array {
  const items = asFloats(value);
  if (items instanceof Float32Array) return items;
  if (items.some((item) => item === null)) {
    throw new SqlError(SQLSTATE.NullValueNotAllowed, 'array must not contain nulls');
  }
  return Float32Array.from(items as number[]);
}

export const vectorFunctions: readonly ScalarFunction[] = [
  { name: 'cosine_similarity', overloads: [scalar([T.float4Array, T.float4Array], T.float8,
    ([a, b]) => cosineSimilarity(toFloat32(a!), toFloat32(b!)))] },
];
