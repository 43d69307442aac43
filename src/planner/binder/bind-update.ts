/**
 * UPDATE [ONLY] … SET … [FROM …] [WHERE …] [RETURNING …]: SET values are assignment-cast to the
 * column types (DEFAULT allowed), `SET (a, b) = …` split per column (bind-multi-assignment.ts),
 * `SET col[i] = v` on jsonb columns; WHERE and SET see the target row and the FROM items. Without
 * ONLY the tables inheriting from the target are updated too (bind-write-members.ts).
 */
import type { Update } from '../../parser/ast.js';
import type { LogicalUpdate } from '../logical/logical-plan.js';
import { plannedTable } from '../logical/planned-table.js';
import { bindRowChecks } from './bind-check-constraint.js';
import type { BindContext } from './bind-context.js';
import { bindFrom } from './bind-from.js';
import { bindAssignments } from './bind-assignments.js';
import { bindReturning, rowColumns, targetTable } from './bind-target-table.js';
import { bindPartitionedWrite, bindWriteMembers } from './bind-write-members.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool } from './expression/coerce.js';
import { Scope } from './scope.js';

export function bindUpdate(bind: BindContext, update: Update): LogicalUpdate {
  const table = targetTable(bind, update.table);
  const row = rowColumns(bind, table);
  const target = { alias: update.alias ?? table.name, columns: row };
  const from = update.from.length > 0 ? bindFrom(bind, update.from) : undefined;
  const scope = new Scope([target, ...(from?.scope.relations ?? [])]);
  const ctx = { bind, scope, clause: 'UPDATE' };
  const assignments = bindAssignments(ctx, table, row, update.assignments);
  const predicate = update.where ? coerceToBool(bind, bindExpr(update.where, { ...ctx, clause: 'WHERE' }), 'WHERE') : undefined;
  const returning = bindReturning(bind, update.returning, scope.relations);
  const checks = bindRowChecks(bind, table);
  const members = bindWriteMembers(bind, table, update.only === true);
  const partitions = bindPartitionedWrite(bind, table, row);
  return {
    kind: 'Update', table: plannedTable(table), rowColumns: row, assignments, ...(checks ? { checks } : {}),
    ...(members ? { members } : {}), ...(partitions ? { partitions } : {}),
    ...(predicate ? { predicate } : {}), ...(from ? { from: from.plan } : {}), ...(returning ? { returning } : {}),
  };
}
