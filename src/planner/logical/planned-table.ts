/**
 * How a plan names a table: its identity and the shape it was bound against, never its rows.
 * A plan may run long after it was prepared (named statements, cursors, driver caches); each
 * run reads the table's rows from its own snapshot by `id` (`ExecContext.snapshot`), so a
 * cached plan answers from the data its transaction sees, not from the data at prepare time.
 */
import type { SystemTable } from '../../catalog/system/index.js';
import { isSystemTable } from '../../catalog/system/index.js';
import type { StoredColumn, StoredIndex, StoredTable } from '../../types/stored-table.js';

/**
 * The column id a scan reads PostgreSQL's system column `tableoid` under (its attnum): the OID
 * of the table each row comes from. Storage column ids are positive.
 */
export const TABLEOID_COLUMN_ID = -6;

/**
 * The column id (and output id) under which a scan gives each row's location in the store
 * (`row-location.ts`): PostgreSQL's `ctid` attnum. Only a cursor's plan reads it, for
 * `WHERE CURRENT OF`; it is never a column a query can name.
 */
export const ROW_LOCATION_COLUMN_ID = -1;

export interface PlannedTable {
  readonly id: number;
  /** pg_class OID (RowDescription's table OID). */
  readonly oid: number;
  readonly name: string;
  /** The columns as bound: storage column ids, names and types. */
  readonly columns: readonly StoredColumn[];
  /**
   * Live rows when the plan was made: a statistic for optimizer choices (PostgreSQL's
   * pg_class.reltuples), never a source of rows.
   */
  readonly estimatedRows: number;
  /** The table's indexes when the plan was made (optimizer choices, e.g. a vector index for SEARCH's top-k). */
  readonly indexes?: readonly StoredIndex[];
  /** A pg_catalog / information_schema relation, whose rows are computed at scan time. */
  readonly system?: SystemTable;
}

/** The plan's name for `table`. */
export function plannedTable(table: StoredTable): PlannedTable {
  return {
    id: table.id, oid: table.oid, name: table.name, columns: table.columns,
    estimatedRows: table.rowGroups.reduce((n, g) => n + g.rowCount, 0),
    ...(table.indexes?.length ? { indexes: table.indexes } : {}),
    ...(isSystemTable(table) ? { system: table } : {}),
  };
}
