/**
 * UPDATE [… FROM] [RETURNING]: the rows the predicate picks get their assignments, copy-on-write
 * per row group (rewrite-table.ts), with unique, check, not-null and foreign-key checks on the new
 * rows, and rows whose partition key changes moved to their new partition.
 */
import type { LogicalUpdate } from '../../planner/logical/logical-plan.js';
import type { Row } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';
import { rewriteTable } from './rewrite-table.js';

/** Runs an UPDATE; yields its RETURNING rows, returns `UPDATE n`. */
export function runUpdate(plan: LogicalUpdate, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  return rewriteTable(plan, ctx);
}
