/**
 * The WHERE of a SearchTopK's query as row bitmaps: the filter is evaluated on the main thread
 * over only the columns it reads (cheap scalar columns, never the embeddings), one row group at
 * a time — straight over the column values when it is a conjunction of simple terms
 * (column-filter.ts), else row by row with the compiled expression — and the workers rank only
 * the rows it keeps (worker-protocol.ts `rowFilters`). The
 * rows, their order and their tie-breaking are the ordinary plan's: the filtered scan keeps the
 * same rows in the same positions.
 */
import { batchTick, type ExecContext } from '../../../execution/exec-context.js';
import { compileExpr } from '../../../execution/expression/compile-expr.js';
import { layoutOf } from '../../../execution/physical-operator.js';
import type { StoredTable } from '../../../storage/storage-api.js';
import type { Row, Value } from '../../../types/value.js';
import type { CompiledExpr } from '../../../execution/expression/compiled-expr.js';
import type { SearchTopKFilter } from '../plan/clip-plan-nodes.js';
import { compileColumnFilter } from './column-filter.js';

/** What the filter keeps, by row group ordinal. */
export interface TopKRowFilters {
  /** 1 for kept rows, for groups it keeps only part of; groups kept whole have no entry. */
  readonly partial: Map<number, Uint8Array>;
  /** Groups it keeps no row of (not sent to the workers at all). */
  readonly empty: Set<number>;
  readonly keptRows: number;
  readonly totalRows: number;
}

export async function topKRowFilters(filter: SearchTopKFilter, table: StoredTable, ctx: ExecContext): Promise<TopKRowFilters> {
  const columnar = compileColumnFilter(filter.expr, filter.columnIds);
  const compiled = columnar ? undefined : compileExpr(filter.expr, layoutOf(filter.columnIds));
  const partial = new Map<number, Uint8Array>();
  const empty = new Set<number>();
  let keptRows = 0;
  let totalRows = 0;
  let ordinal = 0;
  // One batch per row group, in the table's order (Store.scan).
  for (const batch of ctx.snapshot.scan(table, filter.storageIds)) {
    await batchTick(ctx);
    const n = batch.rowCount;
    const bits = columnar ? columnar(batch.columns, n) : await rowBitmap(compiled!, batch.columns, n, ctx);
    let kept = 0;
    for (let r = 0; r < n; r++) kept += bits[r]!;
    if (kept === 0) empty.add(ordinal);
    else if (kept < n) partial.set(ordinal, bits);
    keptRows += kept;
    totalRows += n;
    ordinal++;
  }
  return { partial, empty, keptRows, totalRows };
}

/** The generic path: the compiled filter over the group's rows, true → 1. */
async function rowBitmap(compiled: CompiledExpr, columns: readonly (readonly Value[])[], n: number, ctx: ExecContext): Promise<Uint8Array> {
  const rows = new Array<Row>(n);
  for (let r = 0; r < n; r++) rows[r] = columns.map((column) => column[r]!);
  const keep = n > 0 ? await compiled(rows, ctx) : [];
  const bits = new Uint8Array(n);
  for (let r = 0; r < n; r++) if (keep[r] === true) bits[r] = 1;
  return bits;
}
