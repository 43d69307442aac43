/**
 * The int8 shadow of a cached row group and the int16 query it is scored against: a quarter of
 * the float rows' bytes per scan, with a proven bound on how far its score can be from the exact
 * one, so the exact scan stays exact (exact-top-k-scan.ts re-scores in float every row the bound
 * cannot rule out).
 *
 * Each row x (the cached, normalised float32 row) is stored as x̃ = xq · u with xq = round(x / u)
 * in [-127, 127] and u = max|xᵢ| / 127 (its own step); the query q as q̃ = qq · v, qq in
 * [-Q, Q]. The kernel's int32 sum I = Σ xqᵢ qqᵢ is exact, so the approximate score a = I · u · v
 * equals Σ x̃ᵢ q̃ᵢ, and with dx = x̃ − x, dq = q̃ − q (both known exactly):
 *
 *   |a − x·q| = |x·dq + dx·q + dx·dq| ≤ ‖x‖‖dq‖ + ‖dx‖(‖q‖ + ‖dq‖)       (Cauchy–Schwarz)
 *
 * The exact score the heap keeps is `fround` of a double sum of x·q, a relative 2⁻²⁴ (plus a
 * double's rounding) from x·q; `ROUNDING_SLACK` covers that and the doubles this bound is
 * computed in.
 */
import { paddedWidthI8 } from './wasm-dot-kernel.js';

/** Absolute slack per unit of ‖x‖‖q‖ over the bound (float32 rounding of the exact score is 2⁻²⁴). */
const ROUNDING_SLACK = 2 ** -20;
/** Relative slack on the bound's own double arithmetic. */
const BOUND_SLACK = 1 + 2 ** -30;
const I8_MAX = 127;
const I16_MAX = 32767;
const I32_MAX = 2 ** 31 - 1;

/**
 * A group's shadow figures: each row's step u, and the largest ‖x‖ and ‖dx‖ over its rows with a
 * score (Infinity when one holds a non-finite value: then no row of the group is ruled out).
 */
export interface ShadowRows {
  readonly step: Float64Array;
  readonly maxNorm: number;
  readonly maxError: number;
}

/**
 * Quantises `n` rows of `rows` (float32, `stride` floats apart from `base`) into `out` (int8,
 * `strideI8` bytes apart from `outBase`; the padding must already be zero). Rows with
 * `present[r]` = 0 are left zero and do not count in the maxima.
 */
export function quantiseRows(
  rows: Float32Array, base: number, stride: number, n: number, dim: number, present: Uint8Array,
  out: Int8Array, outBase: number, strideI8: number,
): ShadowRows {
  const step = new Float64Array(n);
  let maxNorm = 0;
  let maxError = 0;
  for (let r = 0; r < n; r++) {
    if (!present[r]) continue;
    const from = base + r * stride;
    let max = 0;
    for (let j = 0; j < dim; j++) max = Math.max(max, Math.abs(rows[from + j]!));
    if (!(max > 0 && Number.isFinite(max))) { // NaN fails the test too
      maxError = Infinity;
      continue;
    }
    const u = max / I8_MAX;
    const to = outBase + r * strideI8;
    let nx = 0;
    let ndx = 0;
    for (let j = 0; j < dim; j++) {
      const x = rows[from + j]!;
      const xq = Math.max(-I8_MAX, Math.min(I8_MAX, Math.round(x / u)));
      out[to + j] = xq;
      const dx = xq * u - x;
      nx += x * x;
      ndx += dx * dx;
    }
    step[r] = u;
    maxNorm = Math.max(maxNorm, Math.sqrt(nx));
    maxError = Math.max(maxError, Math.sqrt(ndx));
  }
  return { step, maxNorm, maxError };
}

/** A query as the int8 kernel takes it, with its step v, ‖q‖ and ‖dq‖. */
export interface ShadowQuery {
  readonly values: Int16Array;
  readonly step: number;
  readonly norm: number;
  readonly error: number;
}

/**
 * The int16 query (padded with zeros to the kernel's width), or undefined when the query has no
 * finite non-zero maximum (the float kernel then scans). Q keeps every int32 sum exact:
 * |I| ≤ 127 · Q · width < 2³¹.
 */
export function quantiseQuery(query: Float32Array): ShadowQuery | undefined {
  const width = paddedWidthI8(query.length);
  const limit = Math.min(I16_MAX, Math.floor(I32_MAX / (I8_MAX * width)));
  let max = 0;
  for (const q of query) max = Math.max(max, Math.abs(q));
  if (!(max > 0 && Number.isFinite(max)) || limit < 1) return undefined;
  const v = max / limit;
  const values = new Int16Array(width);
  let nq = 0;
  let ndq = 0;
  for (let j = 0; j < query.length; j++) {
    const q = query[j]!;
    const qq = Math.max(-limit, Math.min(limit, Math.round(q / v)));
    values[j] = qq;
    const dq = qq * v - q;
    nq += q * q;
    ndq += dq * dq;
  }
  return { values, step: v, norm: Math.sqrt(nq), error: Math.sqrt(ndq) };
}

/**
 * How far any row's exact score can be from its kernel sum · its step · the query's step (see the
 * header; the bound grows with ‖x‖ and ‖dx‖, so the group's largest give one bound for all its rows).
 */
export function shadowBound(rows: ShadowRows, query: ShadowQuery): number {
  const xn = rows.maxNorm;
  const dxn = rows.maxError;
  return (xn * query.error + dxn * (query.norm + query.error)) * BOUND_SLACK + ROUNDING_SLACK * (1 + xn * query.norm);
}
