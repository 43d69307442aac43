/**
 * DELETE FROM [ONLY] t [USING …] [WHERE …] [RETURNING …]; without ONLY also the tables
 * inheriting from t. USING joins rows to each target row as UPDATE … FROM does. Through an
 * updatable view the base table's rows are deleted (bind-view-target.ts).
 */
import type { Delete } from '../../parser/ast.js';
import type { LogicalDelete } from '../logical/logical-plan.js';
import { plannedTable } from '../logical/planned-table.js';
import type { BindContext } from './bind-context.js';
import { bindFrom } from './bind-from.js';
import { bindReturning } from './bind-target-table.js';
import { bindWriteTarget, restrictToView, returningOverBase } from './bind-view-target.js';
import { bindWriteMembers } from './bind-write-members.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool } from './expression/coerce.js';
import { currentOfPart } from './bind-current-of.js';
import { Scope } from './scope.js';

export function bindDelete(bind: BindContext, statement: Delete): LogicalDelete {
  const written = bindWriteTarget(bind, statement.table, 'delete');
  const { table, row } = written;
  const using = statement.using && statement.using.length > 0 ? bindFrom(bind, statement.using) : undefined;
  const relations = [{ alias: statement.alias ?? written.name, columns: written.columns }, ...(using?.scope.relations ?? [])];
  const where = statement.where
    ? coerceToBool(bind, bindExpr(statement.where, { bind, scope: new Scope(relations), clause: 'WHERE' }), 'WHERE') : undefined;
  const predicate = restrictToView(written, where);
  const returning = returningOverBase(written, bindReturning(bind, statement.returning, relations));
  const members = bindWriteMembers(bind, table, statement.only === true);
  return {
    kind: 'Delete', table: plannedTable(table), rowColumns: row, ...(predicate ? { predicate } : {}), ...(returning ? { returning } : {}),
    ...(members ? { members } : {}), ...(using ? { from: using.plan } : {}),
    ...currentOfPart(statement.currentOf, using !== undefined), ...(written.viewRows ? { viewRows: written.viewRows } : {}),
  };
}
