/**
 * The batches of a table scan over its inheritance tree: the table, then (when the scan
 * inherits) each table inheriting from it, parents before children. A member's columns are
 * found by the scanned table's column names (a child may order them differently or have more);
 * the system column `tableoid` is the member's OID. Partitioned tables hold no rows of their own.
 */
import { descendantsOf } from '../../catalog/inheritance.js';
import type { CatalogReader } from '../../catalog/catalog-transaction.js';
import { ROW_LOCATION_COLUMN_ID, TABLEOID_COLUMN_ID } from '../../planner/logical/planned-table.js';
import { encodeRowLocation } from '../../planner/logical/row-location.js';
import type { ColumnBatch, ScanOptions, StoredTable } from '../../storage/storage-api.js';
import type { Value } from '../../types/value.js';

/** True when the scan reads `table` alone and needs no system column (its batches are the storage's own). */
export function scansOneTable(reader: CatalogReader, table: StoredTable, columnIds: readonly number[], inherit: boolean): boolean {
  return !readsSystemColumn(columnIds) && (!inherit || descendantsOf(reader, table).length === 1);
}

function readsSystemColumn(columnIds: readonly number[]): boolean {
  return columnIds.includes(TABLEOID_COLUMN_ID) || columnIds.includes(ROW_LOCATION_COLUMN_ID);
}

/** The scan's batches; `options` apply to a scan of one table (the others' columns are remapped as values). */
export function* scanMembers(
  reader: CatalogReader, table: StoredTable, columnIds: readonly number[], inherit: boolean, options?: ScanOptions,
): Iterable<ColumnBatch> {
  const members = inherit ? descendantsOf(reader, table) : [table];
  if (members.length === 1 && !readsSystemColumn(columnIds)) {
    yield* reader.scan(table, columnIds, undefined, options);
    return;
  }
  const names = columnIds.map((id) => table.columns.find((c) => c.id === id)?.name);
  for (const member of members) {
    if (member.partitionKey) continue;
    const ids = columnIds.map((id, i) => {
      if (id === TABLEOID_COLUMN_ID || id === ROW_LOCATION_COLUMN_ID) return id;
      return member === table ? id : member.columns.find((c) => c.name === names[i])?.id ?? 0;
    });
    const stored = ids.filter((id) => id > 0);
    for (const { batch, groupId } of memberBatches(reader, member, stored, ids.includes(ROW_LOCATION_COLUMN_ID))) {
      let k = 0;
      const columns = ids.map((id): readonly Value[] => {
        if (id === TABLEOID_COLUMN_ID) return new Array<Value>(batch.rowCount).fill(member.oid);
        if (id === ROW_LOCATION_COLUMN_ID) return Array.from({ length: batch.rowCount }, (_, r) => encodeRowLocation(member.id, groupId!, r));
        if (id <= 0) return new Array<Value>(batch.rowCount).fill(null);
        return batch.columns[k++]!;
      });
      yield { rowCount: batch.rowCount, columns };
    }
  }
}

/** A member's batches; with `byGroup`, one row group at a time so each batch's group is known. */
function* memberBatches(reader: CatalogReader, member: StoredTable, columnIds: readonly number[], byGroup: boolean): Iterable<{ batch: ColumnBatch; groupId?: number }> {
  if (!byGroup) {
    for (const batch of reader.scan(member, columnIds)) yield { batch };
    return;
  }
  for (const group of member.rowGroups) {
    for (const batch of reader.scan({ ...member, rowGroups: [group] }, columnIds)) yield { batch, groupId: group.id };
  }
}
