/**
 * Column-major batch → rows, picking output positions from the batch's columns. A scan turns its
 * storage batches into rows this way, and a projection of plain columns over a scan does it in
 * the same single pass (no intermediate rows of the scan's full width).
 */
import { textSliceValues } from '../../types/text-slices.js';
import type { Row, Value } from '../../types/value.js';
import type { ColumnValues } from '../physical-operator.js';

/**
 * Rows of `batch`, row[c] = batch.columns[positions[c]] (every column in order without
 * `positions`); a column given as text slices is decoded to strings here.
 */
export function rowsFromColumns(batch: ColumnValues, positions?: readonly number[]): Row[] {
  const slices = batch.textSlices;
  const columns = slices ? batch.columns.map((values, i) => (slices[i] ? textSliceValues(slices[i]) : values)) : batch.columns;
  const picked: readonly (readonly Value[])[] = positions ? positions.map((p) => columns[p]!) : columns;
  const width = picked.length;
  const rows: Row[] = new Array<Row>(batch.rowCount);
  for (let r = 0; r < batch.rowCount; r++) {
    const row: Row = new Array(width);
    for (let c = 0; c < width; c++) row[c] = picked[c]![r]!;
    rows[r] = row;
  }
  return rows;
}
