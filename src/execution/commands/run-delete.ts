/**
 * DELETE [RETURNING]: the row groups holding rows the predicate picks are rewritten without them
 * (rewrite-table.ts, copy-on-write), then the keys they took away from referencing tables are
 * enforced (referenced-key-guard.ts: NO ACTION / RESTRICT, ON DELETE CASCADE, ON DELETE SET NULL).
 */
import type { LogicalDelete } from '../../planner/logical/logical-plan.js';
import type { Row } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';
import { rewriteTable } from './rewrite-table.js';

/** Runs a DELETE; yields its RETURNING rows, returns `DELETE n`. */
export function runDelete(plan: LogicalDelete, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  return rewriteTable(plan, ctx);
}
