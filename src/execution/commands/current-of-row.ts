/**
 * `UPDATE / DELETE … WHERE CURRENT OF cursor`: the one row it changes, with PostgreSQL's checks
 * (execCurrent.c): 34000 no such cursor; 24000 a cursor held from an earlier transaction,
 * one that is not a simply updatable scan of the target, one not on a row. The
 * row is followed through this transaction's own updates to its latest version (row-lineage.ts);
 * a deleted row is no row (`UPDATE 0`), as in PostgreSQL.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { LogicalDelete, LogicalUpdate } from '../../planner/logical/logical-plan.js';
import { decodeRowLocation, type RowLocation } from '../../planner/logical/row-location.js';
import type { ExecContext } from '../exec-context.js';
import { followRowLocation } from './row-lineage.js';

/** The location of the row to change now, or null when the cursor's row no longer exists. */
export function currentOfRow(plan: LogicalUpdate | LogicalDelete, cursor: string, ctx: ExecContext): RowLocation | null {
  if (!ctx.run.currentOf) throw new SqlError(SQLSTATE.InvalidCursorName, `cursor "${cursor}" does not exist`);
  const ref = ctx.run.currentOf(cursor);
  const tables = new Set([plan.table.id, ...(plan.members ?? []).map((m) => m.table.id)]);
  if (ref.tableId === undefined || !tables.has(ref.tableId)) {
    throw new SqlError(SQLSTATE.InvalidCursorState, `cursor "${cursor}" is not a simply updatable scan of table "${plan.table.name}"`);
  }
  if (ref.location === undefined) throw new SqlError(SQLSTATE.InvalidCursorState, `cursor "${cursor}" is not positioned on a row`);
  const start = decodeRowLocation(ref.location);
  // A row of a table the statement does not reach (UPDATE ONLY parent, the cursor on a child's row) is no row.
  if (!tables.has(start.tableId)) return null;
  const now = followRowLocation(ctx.run.txn, start);
  if (now === undefined) {
    // Another transaction rewrote the row's group (the store's unit of change) and READ
    // COMMITTED's statement reads that commit: the row cannot be found in its new group, and a
    // rewrite of the old one would conflict at COMMIT anyway. PostgreSQL's answer to a row
    // changed concurrently, coarser (any row of the group), not a guess.
    throw new SqlError(SQLSTATE.SerializationFailure, 'could not serialize access due to concurrent update');
  }
  return now && tables.has(now.tableId) ? now : null;
}
