/**
 * COPY FROM … WHERE: the condition bound over the whole new row (every table column, as
 * PostgreSQL evaluates it after defaults are filled), with PostgreSQL's refusals of aggregates
 * (42803), window functions (42P20), set-returning functions and subqueries (0A000).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Expr } from '../../parser/ast.js';
import type { StoredTable } from '../../types/stored-table.js';
import type { LogicalCopyFrom } from '../logical/logical-plan.js';
import { walkExpr } from '../logical/map-expr.js';
import type { BindContext } from './bind-context.js';
import { rowColumns } from './bind-target-table.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool } from './expression/coerce.js';
import { Scope } from './scope.js';

export function bindCopyWhere(bind: BindContext, table: StoredTable, where: Expr): NonNullable<LogicalCopyFrom['where']> {
  const row = rowColumns(bind, table);
  const scope = new Scope([{ alias: table.name, columns: row }]);
  const expr = coerceToBool(bind, bindExpr(where, { bind, scope, clause: 'COPY FROM WHERE conditions' }), 'WHERE');
  walkExpr(expr, (e) => {
    if (e.kind === 'Subquery') throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot use subquery in COPY FROM WHERE condition');
  });
  return { rowColumns: row, expr };
}
