/** In-place L2 normalisation of the rows of a flat [rows, dim] float32 matrix. */

/**
 * Scales each row to unit length; an all-zero row stays zero (its cosine with anything is then 0).
 * @returns the same array.
 */
export function l2NormalizeRows(data: Float32Array, dim: number): Float32Array {
  for (let start = 0; start < data.length; start += dim) {
    let sum = 0;
    for (let i = start; i < start + dim; i++) sum += data[i]! * data[i]!;
    if (sum === 0) continue;
    const inv = 1 / Math.sqrt(sum);
    for (let i = start; i < start + dim; i++) data[i]! *= inv;
  }
  return data;
}
