/**
 * The compiled form of a bound expression: evaluates over a batch of rows and returns one
 * value per row. Async so that subqueries and batch-level kernels (CLIP) can await.
 */
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';

export type CompiledExpr = (rows: readonly Row[], ctx: ExecContext) => Promise<Value[]>;

/** Evaluates `expr` only for the rows at `indices`, scattering results into `out`. */
export async function evalSubset(expr: CompiledExpr, rows: readonly Row[], indices: readonly number[],
  ctx: ExecContext, out: Value[]): Promise<void> {
  if (indices.length === 0) return;
  if (indices.length === rows.length) {
    const all = await expr(rows, ctx);
    for (let i = 0; i < all.length; i++) out[i] = all[i]!;
    return;
  }
  const values = await expr(indices.map((i) => rows[i]!), ctx);
  for (let k = 0; k < indices.length; k++) out[indices[k]!] = values[k]!;
}

/** Indices 0..n-1. */
export function allIndices(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
