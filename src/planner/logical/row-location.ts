/**
 * Where a row lives in the store: its table, its row group and its index in the group. Row
 * groups are immutable (a write replaces a group with new ones), so a location names one
 * version of one row for as long as its group exists. A scan gives it as a text value under
 * ROW_LOCATION_COLUMN_ID; `WHERE CURRENT OF` reads it back from the cursor's current row.
 */

export interface RowLocation {
  readonly tableId: number;
  readonly groupId: number;
  readonly index: number;
}

/** The location as the scan's value (text, so it travels through projections like any value). */
export function encodeRowLocation(tableId: number, groupId: number, index: number): string {
  return `${tableId}:${groupId}:${index}`;
}

/** The inverse of `encodeRowLocation`. */
export function decodeRowLocation(value: string): RowLocation {
  const [tableId, groupId, index] = value.split(':').map(Number) as [number, number, number];
  return { tableId, groupId, index };
}
