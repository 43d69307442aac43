/**
 * The WHERE of a SearchTopK's query as row bitmaps: the filter is evaluated on the main thread
 * over only the columns it reads (cheap scalar columns, never the embeddings), one row group at
 * a time, and the workers rank only the rows it keeps (worker-protocol.ts `rowFilters`). The
 * rows, their order and their tie-breaking are the ordinary plan's: the filtered scan keeps the
 * same rows in the same positions.
 */
import { batchTick, type ExecContext } from '../../../execution/exec-context.js';
import { compileExpr } from '../../../execution/expression/compile-expr.js';
import { layoutOf } from '../../../execution/physical-operator.js';
import type { StoredTable } from '../../../storage/storage-api.js';
import type { Row } from '../../../types/value.js';
import type { SearchTopKFilter } from '../plan/clip-plan-nodes.js';

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
  const compiled = compileExpr(filter.expr, layoutOf(filter.columnIds));
  const partial = new Map<number, Uint8Array>();
  const empty = new Set<number>();
  let keptRows = 0;
  let totalRows = 0;
  let ordinal = 0;
  // One batch per row group, in the table's order (Store.scan).
  for (const batch of ctx.snapshot.scan(table, filter.storageIds)) {
    await batchTick(ctx);
    const n = batch.rowCount;
    const rows = new Array<Row>(n);
    for (let r = 0; r < n; r++) rows[r] = batch.columns.map((column) => column[r]!);
    const keep = n > 0 ? await compiled(rows, ctx) : [];
    const bits = new Uint8Array(n);
    let kept = 0;
    for (let r = 0; r < n; r++) if (keep[r] === true) kept += bits[r] = 1;
    if (kept === 0) empty.add(ordinal);
    else if (kept < n) partial.set(ordinal, bits);
    keptRows += kept;
    totalRows += n;
    ordinal++;
  }
  return { partial, empty, keptRows, totalRows };
}
