/**
 * Sort-key evaluation and comparison shared by Sort and TopN: keys are computed once per
 * row; NULLs go first or last per key; ties fall back to input order (stable).
 */
import { compareValues } from '../../functions/compare.js';
import type { SortKey } from '../../planner/logical/bound-expr.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import type { CompiledExpr } from '../expression/compiled-expr.js';

const KEYED_OBJECT_BYTES = 48;
const SLOT_BYTES = 8;

export interface KeyedRow {
  readonly keys: readonly Value[];
  readonly row: Row;
  readonly seq: number;
}

export interface SortSpec {
  readonly compiled: readonly CompiledExpr[];
  readonly keys: readonly SortKey[];
}

export function compileSortKeys(keys: readonly SortKey[], layout: ReadonlyMap<number, number>): SortSpec {
  return { keys, compiled: keys.map((k) => compileExpr(k.expr, layout)) };
}

/** Heap bytes a keyed row adds to its row: the wrapper and its key array (values are shared). */
export function keyedOverhead(spec: SortSpec): number {
  return KEYED_OBJECT_BYTES + SLOT_BYTES * spec.keys.length;
}

/** Pairs each row of a batch with its key values. */
export async function keyBatch(spec: SortSpec, batch: readonly Row[], ctx: ExecContext, firstSeq: number): Promise<KeyedRow[]> {
  const columns: Value[][] = [];
  for (const c of spec.compiled) columns.push(await c(batch, ctx));
  return batch.map((row, r) => ({ row, seq: firstSeq + r, keys: columns.map((col) => col[r]!) }));
}

/** Total order over keyed rows (ties broken by input sequence, so sorting is stable). */
export function compareKeyed(spec: SortSpec, a: KeyedRow, b: KeyedRow): number {
  for (let i = 0; i < spec.keys.length; i++) {
    const key = spec.keys[i]!;
    const x = a.keys[i]!;
    const y = b.keys[i]!;
    let c: number;
    if (x === null || y === null) {
      if (x === y) continue;
      c = (x === null) === key.nullsFirst ? -1 : 1;
    } else {
      c = compareValues(x, y);
      if (key.descending) c = -c;
    }
    if (c !== 0) return c;
  }
  return a.seq - b.seq;
}
