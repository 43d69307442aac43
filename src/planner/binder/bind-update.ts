/**
 * UPDATE … SET … [FROM …] [WHERE …] [RETURNING …]: SET values are assignment-cast to the
 * column types (DEFAULT allowed); WHERE and SET see the target row and the FROM items.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Update } from '../../parser/ast.js';
import type { LogicalUpdate } from '../logical/logical-plan.js';
import { plannedTable } from '../logical/planned-table.js';
import { bindRowChecks } from './bind-check-constraint.js';
import type { BindContext } from './bind-context.js';
import { bindFrom } from './bind-from.js';
import {
  assignTo, bindReturning, checkIdentityWrite, defaultFor, findTargetColumn, rowColumns, targetTable,
} from './bind-target-table.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool } from './expression/coerce.js';
import { notSubscriptable } from './expression/bind-array.js';
import { bindJsonbSubscriptAssign } from './expression/bind-jsonb-subscript.js';
import type { ExprContext } from './expression/expr-context.js';
import type { Expr } from '../../parser/ast.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { StoredColumn } from '../../storage/storage-api.js';
import { Scope, type ScopeColumn } from './scope.js';

export function bindUpdate(bind: BindContext, update: Update): LogicalUpdate {
  const table = targetTable(bind, update.table);
  const row = rowColumns(bind, table);
  const target = { alias: update.alias ?? table.name, columns: row };
  const from = update.from.length > 0 ? bindFrom(bind, update.from) : undefined;
  const scope = new Scope([target, ...(from?.scope.relations ?? [])]);
  const ctx = { bind, scope, clause: 'UPDATE' };
  const seen = new Set<number>();
  const assignments = update.assignments.map(({ column, subscripts, value }) => {
    const index = findTargetColumn(table, column, bind);
    if (seen.has(index)) throw new SqlError(SQLSTATE.DuplicateColumn, `multiple assignments to same column "${column}"`);
    seen.add(index);
    const stored = table.columns[index]!;
    checkIdentityWrite(stored, value.kind === 'Default', true);
    if (subscripts) return { column: index, expr: bindSubscriptedAssignment(ctx, row[index]!, stored, subscripts, value) };
    return { column: index, expr: value.kind === 'Default' ? defaultFor(bind, stored) : assignTo(bind, bindExpr(value, ctx), stored) };
  });
  const predicate = update.where ? coerceToBool(bind, bindExpr(update.where, { ...ctx, clause: 'WHERE' }), 'WHERE') : undefined;
  const returning = bindReturning(bind, update.returning, scope.relations);
  const checks = bindRowChecks(bind, table);
  return {
    kind: 'Update', table: plannedTable(table), rowColumns: row, assignments, ...(checks ? { checks } : {}),
    ...(predicate ? { predicate } : {}), ...(from ? { from: from.plan } : {}), ...(returning ? { returning } : {}),
  };
}

/** `SET col[i]… = value`: jsonb columns (setPath); arrays are not supported yet. */
function bindSubscriptedAssignment(ctx: ExprContext, column: ScopeColumn, stored: StoredColumn, subscripts: readonly Expr[],
  value: Expr): BoundExpr {
  if (stored.type.array) throw new SqlError(SQLSTATE.FeatureNotSupported, 'assigning to an array element is not supported');
  if (stored.type.id !== 'jsonb') throw notSubscriptable(stored.type);
  if (value.kind === 'Default') throw new SqlError(SQLSTATE.FeatureNotSupported, 'DEFAULT in a subscripted assignment is not supported');
  const current: BoundExpr = { kind: 'ColumnRef', type: column.type, id: column.id, name: column.name };
  return bindJsonbSubscriptAssign(current, subscripts, bindExpr(value, ctx), ctx);
}
