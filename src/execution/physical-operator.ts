/**
 * The physical operator contract: pull-based streams of row batches. Each operator knows
 * the column ids of its output rows (its layout), so expressions compiled above it can find
 * their columns by position.
 */
import type { ScanOptions } from '../storage/storage-api.js';
import type { TextSlices } from '../types/text-slices.js';
import type { Row, Value } from '../types/value.js';
import { batchTick, type ExecContext } from './exec-context.js';
import type { MemoryReservation } from './memory-budget.js';

/** Rows per batch produced by operators that create rows (values, sort output, functions). */
export const BATCH_SIZE = 1024;

export interface PhysicalOperator {
  /** Column id at each row position. */
  readonly columnIds: readonly number[];
  /** Streams batches of rows; stops early when the consumer returns. */
  execute(ctx: ExecContext): AsyncGenerator<Row[], void, void>;
  /**
   * The same data column-major (one array per output column), for consumers that never need
   * rows (an ungrouped aggregate over a scan). Only operators that hold columns offer it.
   * `options.textSlices` lets text columns come as UTF-8 byte ranges (ColumnValues.textSlices).
   */
  readonly executeColumns?: (ctx: ExecContext, options?: ScanOptions) => AsyncGenerator<ColumnValues, void, void>;
}

/** A batch in column-major form: `columns[i]` holds the values of output position i. */
export interface ColumnValues {
  readonly rowCount: number;
  readonly columns: readonly (readonly Value[])[];
  /**
   * Only when asked for (ScanOptions.textSlices): where `textSlices[i]` is set, position i's
   * values are those UTF-8 byte ranges and `columns[i]` is empty.
   */
  readonly textSlices?: readonly (TextSlices | undefined)[];
}

/** id → row position. */
export function layoutOf(columnIds: readonly number[]): Map<number, number> {
  return new Map(columnIds.map((id, index) => [id, index]));
}

/** Collects every row of an operator, reserving their estimated size against the budget. */
export async function collectReserved(op: PhysicalOperator, ctx: ExecContext, memory: MemoryReservation): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const batch of op.execute(ctx)) {
    memory.addRows(batch);
    for (const row of batch) rows.push(row);
  }
  return rows;
}

/** Collects every row of an operator (for blocking operators and subqueries). */
export async function collectRows(op: PhysicalOperator, ctx: ExecContext): Promise<Row[]> {
  const rows: Row[] = [];
  for await (const batch of op.execute(ctx)) for (const row of batch) rows.push(row);
  return rows;
}

/**
 * Streams materialised rows in batches, checking cancellation and yielding to the event
 * loop as a leaf operator does (a consumer that only counts would otherwise run through
 * every batch without a pause).
 */
export async function* emitBatches(rows: readonly Row[], ctx: ExecContext): AsyncGenerator<Row[], void, void> {
  for (let i = 0; i < rows.length; i += BATCH_SIZE) {
    await batchTick(ctx);
    yield rows.slice(i, i + BATCH_SIZE);
  }
}

/** Splits rows into batches of BATCH_SIZE. */
export function* inBatches(rows: readonly Row[]): Iterable<Row[]> {
  for (let i = 0; i < rows.length; i += BATCH_SIZE) yield rows.slice(i, i + BATCH_SIZE);
}
