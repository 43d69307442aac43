/**
 * DELETE FROM [ONLY] t [USING …] [WHERE …] [RETURNING …]; without ONLY also the tables
 * inheriting from t. USING joins rows to each target row as UPDATE … FROM does.
 */
import type { Delete } from '../../parser/ast.js';
import type { LogicalDelete } from '../logical/logical-plan.js';
import { plannedTable } from '../logical/planned-table.js';
import type { BindContext } from './bind-context.js';
import { bindFrom } from './bind-from.js';
import { bindReturning, rowColumns, targetTable } from './bind-target-table.js';
import { bindWriteMembers } from './bind-write-members.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool } from './expression/coerce.js';
import { currentOfPart } from './bind-current-of.js';
import { Scope } from './scope.js';

export function bindDelete(bind: BindContext, statement: Delete): LogicalDelete {
  const table = targetTable(bind, statement.table);
  const row = rowColumns(bind, table);
  const using = statement.using && statement.using.length > 0 ? bindFrom(bind, statement.using) : undefined;
  const relations = [{ alias: statement.alias ?? table.name, columns: row }, ...(using?.scope.relations ?? [])];
  const predicate = statement.where
    ? coerceToBool(bind, bindExpr(statement.where, { bind, scope: new Scope(relations), clause: 'WHERE' }), 'WHERE') : undefined;
  const returning = bindReturning(bind, statement.returning, relations);
  const members = bindWriteMembers(bind, table, statement.only === true);
  return {
    kind: 'Delete', table: plannedTable(table), rowColumns: row, ...(predicate ? { predicate } : {}), ...(returning ? { returning } : {}),
    ...(members ? { members } : {}), ...(using ? { from: using.plan } : {}),
    ...currentOfPart(statement.currentOf, using !== undefined),
  };
}
