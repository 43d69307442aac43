/**
 * What each ALTER TABLE action works with: the statement's execution context, a binder for the
 * expressions it brings (bound against the table as it now stands), and that table.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { SqlState } from '../../../common/sqlstate.js';
import type { BindContext, LogicalAlterTable } from '../../../planner/index.js';
import type { StoredTable } from '../../../storage/storage-api.js';
import type { ExecContext } from '../../exec-context.js';

export interface AlterRun {
  readonly ctx: ExecContext;
  readonly bind: BindContext;
  /** For SQL text the catalog stores (CHECK re-binding): errors there carry no position in the statement. */
  readonly stored: BindContext;
  readonly plan: LogicalAlterTable;
  /** The table as the actions so far left it (also published to the transaction). */
  table: StoredTable;
}

/** The column `name` of the table being altered and its position; 42703 if there is none. */
export function requireColumn(run: AlterRun, name: string): { column: StoredTable['columns'][number]; position: number } {
  const position = run.table.columns.findIndex((c) => c.name === name);
  if (position < 0) {
    throw new SqlError(SQLSTATE.UndefinedColumn, `column "${name}" of relation "${run.table.name}" does not exist`);
  }
  return { column: run.table.columns[position]!, position };
}

/** A NOTICE with SQLSTATE 00000 unless given (IF EXISTS / IF NOT EXISTS skips). */
export function notice(run: AlterRun, message: string, code: SqlState = SQLSTATE.SuccessfulCompletion): void {
  run.ctx.run.notice({ severity: 'NOTICE', code, message });
}
