/**
 * CREATE TABLE: column types resolved, NOT NULL (PRIMARY KEY implies it; uniqueness is not
 * enforced yet), defaults checked against the column type and stored as SQL text.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { NewColumn } from '../../catalog/catalog-transaction.js';
import type { ColumnDef, CreateTable } from '../../parser/ast.js';
import type { LogicalCreateTable } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { assignTo } from './bind-target-table.js';
import { deparseExpr } from './deparse-expr.js';
import { bindExpr } from './expression/bind-expression.js';
import { bindTypeRef } from './expression/bind-type-ref.js';
import { Scope } from './scope.js';

/** A column definition as the catalog stores it. */
export function bindColumnDef(bind: BindContext, def: ColumnDef): NewColumn {
  const type = bindTypeRef(def.type);
  const column: NewColumn = { name: def.name, type, notNull: def.notNull || def.primaryKey };
  if (!def.default) return column;
  const bound = bindExpr(def.default, { bind, scope: new Scope([]), clause: 'DEFAULT expressions' });
  assignTo(bind, bound, { ...column, id: 0 });
  return { ...column, defaultSql: deparseExpr(def.default) };
}

export function bindCreateTable(bind: BindContext, statement: CreateTable): LogicalCreateTable {
  const seen = new Set<string>();
  const columns = statement.columns.map((def) => {
    if (seen.has(def.name)) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${def.name}" specified more than once`);
    seen.add(def.name);
    return bindColumnDef(bind, def);
  });
  return { kind: 'CreateTable', name: statement.name, ifNotExists: statement.ifNotExists, columns };
}
