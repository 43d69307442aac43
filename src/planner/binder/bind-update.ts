/**
 * UPDATE [ONLY] … SET … [FROM …] [WHERE …] [RETURNING …]: SET values are assignment-cast to the
 * column types (DEFAULT allowed), `SET (a, b) = …` split per column (bind-multi-assignment.ts),
 * `SET col[i] = v` on jsonb columns; WHERE and SET see the target row and the FROM items. Without
 * ONLY the tables inheriting from the target are updated too (bind-write-members.ts).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Update } from '../../parser/ast.js';
import type { LogicalUpdate } from '../logical/logical-plan.js';
import { plannedTable } from '../logical/planned-table.js';
import { bindRowChecks } from './bind-check-constraint.js';
import type { BindContext } from './bind-context.js';
import { bindFrom } from './bind-from.js';
import { bindMultiAssignment, type AssignedValue } from './bind-multi-assignment.js';
import {
  assignTo, bindReturning, checkIdentityWrite, defaultFor, findTargetColumn, rowColumns, targetTable,
} from './bind-target-table.js';
import { bindPartitionedWrite, bindWriteMembers } from './bind-write-members.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool } from './expression/coerce.js';
import { notSubscriptable } from './expression/bind-array.js';
import { bindArrayElementAssign } from './expression/bind-array-assign.js';
import { bindJsonbSubscriptAssign } from './expression/bind-jsonb-subscript.js';
import type { ExprContext } from './expression/expr-context.js';
import type { Expr } from '../../parser/ast.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { StoredColumn } from '../../types/stored-table.js';
import { Scope, type ScopeColumn } from './scope.js';

export function bindUpdate(bind: BindContext, update: Update): LogicalUpdate {
  const table = targetTable(bind, update.table);
  const row = rowColumns(bind, table);
  const target = { alias: update.alias ?? table.name, columns: row };
  const from = update.from.length > 0 ? bindFrom(bind, update.from) : undefined;
  const scope = new Scope([target, ...(from?.scope.relations ?? [])]);
  const ctx = { bind, scope, clause: 'UPDATE' };
  const seen = new Set<number>();
  const targets: AssignedValue[] = update.assignments.flatMap((a) => ('source' in a ? bindMultiAssignment(a, ctx) : [a]));
  const assignments = targets.map((target) => {
    const { column } = target;
    const index = findTargetColumn(table, column, bind);
    if (seen.has(index)) throw new SqlError(SQLSTATE.SyntaxError, `multiple assignments to same column "${column}"`);
    seen.add(index);
    const stored = table.columns[index]!;
    const isDefault = 'value' in target && target.value.kind === 'Default';
    checkIdentityWrite(stored, isDefault, true);
    if ('value' in target && target.subscripts) {
      return { column: index, expr: bindSubscriptedAssignment(ctx, row[index]!, stored, target.subscripts, target.value) };
    }
    if (isDefault) return { column: index, expr: defaultFor(bind, stored) };
    return { column: index, expr: assignTo(bind, 'bound' in target ? target.bound : bindExpr(target.value, ctx), stored) };
  });
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

/** `SET col[i]… = value`: jsonb columns (setPath) and one-dimensional array elements. */
function bindSubscriptedAssignment(ctx: ExprContext, column: ScopeColumn, stored: StoredColumn, subscripts: readonly Expr[],
  value: Expr): BoundExpr {
  if (stored.type.array) return bindArrayElementAssign(ctx, column, subscripts, value);
  if (stored.type.id !== 'jsonb') throw notSubscriptable(stored.type);
  if (value.kind === 'Default') throw new SqlError(SQLSTATE.FeatureNotSupported, 'DEFAULT in a subscripted assignment is not supported');
  const current: BoundExpr = { kind: 'ColumnRef', type: column.type, id: column.id, name: column.name };
  return bindJsonbSubscriptAssign(current, subscripts, bindExpr(value, ctx), ctx);
}
