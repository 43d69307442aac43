/** Column numbering shared by the catalogs: attnum is the 1-based position in the table. */
import type { StoredTable } from '../../storage/storage-api.js';

/** pg_attribute.attnum of column id `columnId` in `table` (0 if it has no such column). */
export function attnumOf(table: StoredTable, columnId: number): number {
  return table.columns.findIndex((c) => c.id === columnId) + 1;
}
