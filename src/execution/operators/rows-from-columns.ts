/**
 * Column-major batch → rows, picking output positions from the batch's columns. A scan turns its
 * storage batches into rows this way, and a projection of plain columns over a scan does it in
 * the same single pass (no intermediate rows of the scan's full width).
 */
import type { Row, Value } from '../../types/value.js';
import type { ColumnValues } from '../physical-operator.js';

/** Rows of `batch`, row[c] = batch.columns[positions[c]] (every column in order without `positions`). */
export function rowsFromColumns(batch: ColumnValues, positions?: readonly number[]): Row[] {
  const picked: readonly (readonly Value[])[] = positions ? positions.map((p) => batch.columns[p]!) : batch.columns;
  const width = picked.length;
  const rows: Row[] = new Array<Row>(batch.rowCount);
  for (let r = 0; r < batch.rowCount; r++) {
    const row: Row = new Array(width);
    for (let c = 0; c < width; c++) row[c] = picked[c]![r]!;
    rows[r] = row;
  }
  return rows;
}
