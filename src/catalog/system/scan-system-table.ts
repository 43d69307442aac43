/**
 * Scanning a system relation: compute its rows from the source and hand them out as one
 * column-major batch of the requested column ids, like a stored table's scan.
 */
import type { ColumnBatch } from '../../storage/storage-api.js';
import type { Value } from '../../types/value.js';
import type { SystemSource, SystemTable } from './system-table.js';

/** Rows of `table` for `columnIds` (ids are 1-based column positions). */
export function* scanSystemTable(table: SystemTable, columnIds: readonly number[], source: SystemSource): Iterable<ColumnBatch> {
  const names = columnIds.map((id) => table.columns.find((c) => c.id === id)!.name);
  const columns: Value[][] = names.map(() => []);
  let rowCount = 0;
  for (const row of table.def.rows?.(source) ?? []) {
    for (let i = 0; i < names.length; i++) columns[i]!.push(row[names[i]!] ?? null);
    rowCount++;
  }
  if (rowCount > 0) yield { rowCount, columns };
}
