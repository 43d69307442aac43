/**
 * UPDATE [ONLY] … SET … [FROM …] [WHERE …] [RETURNING …]: SET values are assignment-cast to the
 * column types (DEFAULT allowed), `SET (a, b) = …` split per column (bind-multi-assignment.ts),
 * `SET col[i] = v` on jsonb columns; WHERE and SET see the target row and the FROM items. Without
 * ONLY the tables inheriting from the target are updated too (bind-write-members.ts). Through an
 * updatable view the base table's rows are updated (bind-view-target.ts).
 */
import type { Update } from '../../parser/ast.js';
import type { LogicalUpdate } from '../logical/logical-plan.js';
import { plannedTable } from '../logical/planned-table.js';
import type { BindContext } from './bind-context.js';
import { bindFrom } from './bind-from.js';
import { bindAssignments } from './bind-assignments.js';
import { currentOfPart } from './bind-current-of.js';
import { bindReturning } from './bind-target-table.js';
import {
  bindWriteTarget, overBase, refuseCheckOptionOverMembers, restrictToView, returningOverBase, targetChecks, writableColumn,
} from './bind-view-target.js';
import { bindPartitionedWrite, bindWriteMembers } from './bind-write-members.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool } from './expression/coerce.js';
import { Scope } from './scope.js';

export function bindUpdate(bind: BindContext, update: Update): LogicalUpdate {
  const written = bindWriteTarget(bind, update.table, 'update');
  const { table, row } = written;
  const target = { alias: update.alias ?? written.name, columns: written.columns };
  const from = update.from.length > 0 ? bindFrom(bind, update.from) : undefined;
  const scope = new Scope([target, ...(from?.scope.relations ?? [])]);
  const ctx = { bind, scope, clause: 'UPDATE' };
  const assignments = bindAssignments(ctx, table, row, update.assignments, (name) => writableColumn(bind, written, name, 'update'))
    .map((a) => ({ column: a.column, expr: overBase(written, a.expr) }));
  const where = update.where ? coerceToBool(bind, bindExpr(update.where, { ...ctx, clause: 'WHERE' }), 'WHERE') : undefined;
  const predicate = restrictToView(written, where);
  const returning = returningOverBase(written, bindReturning(bind, update.returning, scope.relations));
  const checks = targetChecks(bind, written);
  const members = bindWriteMembers(bind, table, update.only === true);
  const partitions = bindPartitionedWrite(bind, table, row);
  refuseCheckOptionOverMembers(written, members !== undefined || partitions !== undefined);
  return {
    kind: 'Update', table: plannedTable(table), rowColumns: row, assignments, ...(checks ? { checks } : {}),
    ...(members ? { members } : {}), ...(partitions ? { partitions } : {}),
    ...(predicate ? { predicate } : {}), ...(from ? { from: from.plan } : {}), ...(returning ? { returning } : {}),
    ...currentOfPart(update.currentOf, from !== undefined), ...(written.viewRows ? { viewRows: written.viewRows } : {}),
  };
}
