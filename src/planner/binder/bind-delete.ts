/** DELETE FROM [ONLY] t [WHERE …] [RETURNING …]; without ONLY also the tables inheriting from t. */
import type { Delete } from '../../parser/ast.js';
import type { LogicalDelete } from '../logical/logical-plan.js';
import { plannedTable } from '../logical/planned-table.js';
import type { BindContext } from './bind-context.js';
import { bindReturning, rowColumns, targetTable } from './bind-target-table.js';
import { bindWriteMembers } from './bind-write-members.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool } from './expression/coerce.js';
import { Scope } from './scope.js';

export function bindDelete(bind: BindContext, statement: Delete): LogicalDelete {
  const table = targetTable(bind, statement.table);
  const row = rowColumns(bind, table);
  const relations = [{ alias: statement.alias ?? table.name, columns: row }];
  const predicate = statement.where
    ? coerceToBool(bind, bindExpr(statement.where, { bind, scope: new Scope(relations), clause: 'WHERE' }), 'WHERE') : undefined;
  const returning = bindReturning(bind, statement.returning, relations);
  const members = bindWriteMembers(bind, table, statement.only === true);
  return {
    kind: 'Delete', table: plannedTable(table), rowColumns: row, ...(predicate ? { predicate } : {}), ...(returning ? { returning } : {}),
    ...(members ? { members } : {}),
  };
}
