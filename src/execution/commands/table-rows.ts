/**
 * Helpers for commands that write table rows: the current version of the target table,
 * NOT NULL checks with PostgreSQL's message, and appending row groups.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { PlannedTable } from '../../planner/logical/planned-table.js';
import type { StoredTable } from '../../storage/storage-api.js';
import { formatText } from '../../types/text-codec.js';
import type { Row } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';

/**
 * The table a write command changes, as the transaction sees it now (a prepared statement may
 * run much later; a plan names its table by id and never carries rows). The plan was re-bound
 * if the table changed shape since (plan-validity.ts), so a mismatch here is a bug.
 */
export function currentTable(ctx: ExecContext, planned: PlannedTable): StoredTable {
  const table = ctx.run.txn.getTableById(planned.id);
  if (!table) {
    throw new SqlError(SQLSTATE.UndefinedTable, `relation "${planned.name}" does not exist`);
  }
  const same = table.columns.length === planned.columns.length && table.columns.every((c, i) => c.id === planned.columns[i]!.id);
  if (!same) throw new SqlError(SQLSTATE.InternalError, `relation "${planned.name}" changed shape under a valid plan`);
  return table;
}

/** 23502 for the first NOT NULL column holding NULL. */
export function checkNotNull(table: StoredTable, row: Row, ctx: ExecContext): void {
  for (let i = 0; i < table.columns.length; i++) {
    const column = table.columns[i]!;
    if (column.notNull && row[i] === null) {
      const cells = row.map((v, c) => (v === null ? 'null' : formatText(v, table.columns[c]!.type, ctx.textOptions)));
      throw new SqlError(SQLSTATE.NotNullViolation,
        `null value in column "${column.name}" of relation "${table.name}" violates not-null constraint`,
        { detail: `Failing row contains (${cells.join(', ')}).`, table: table.name, column: column.name });
    }
  }
}
