/**
 * CREATE TABLE: column types resolved, NOT NULL (PRIMARY KEY implies it, table-level too),
 * defaults checked against the column type and stored as SQL text, and the PRIMARY KEY /
 * UNIQUE / FOREIGN KEY / CHECK constraints collected (column-level first, as PostgreSQL orders
 * them); a CHECK is validated over the new columns (bind-check-constraint.ts).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { NewColumn } from '../../catalog/catalog-transaction.js';
import type { ColumnDef, CreateTable, TableConstraint } from '../../parser/ast.js';
import type { ColumnSequence, CreateTableConstraint, LogicalCreateTable } from '../logical/logical-plan.js';
import { bindCheckDefinition } from './bind-check-constraint.js';
import type { BindContext } from './bind-context.js';
import { columnSequence } from './bind-sequence.js';
import { assignTo } from './bind-target-table.js';
import { deparseExpr } from './deparse-expr.js';
import { bindExpr } from './expression/bind-expression.js';
import { bindTypeRef } from './expression/bind-type-ref.js';
import { Scope } from './scope.js';

/**
 * A column definition as the catalog stores it. A serial or identity column is NOT NULL and
 * gets its `nextval(…)` default when its sequence is created (`ColumnSequence`, at run time).
 */
export function bindColumnDef(bind: BindContext, def: ColumnDef): NewColumn {
  const type = bindTypeRef(def.type, (n) => bind.lookupType(n));
  const column: NewColumn = { name: def.name, type, notNull: def.notNull || def.primaryKey || def.serial === true || def.identity !== undefined };
  if (!def.default) return column;
  const bound = bindExpr(def.default, { bind, scope: new Scope([]), clause: 'DEFAULT expressions' });
  assignTo(bind, bound, { ...column, id: 0 });
  return { ...column, defaultSql: withRegclassCast(deparseExpr(def.default)) };
}

/** `nextval('s')` is stored as PostgreSQL deparses it, `nextval('s'::regclass)` (psql's \d shows that). */
function withRegclassCast(sql: string): string {
  return sql.replace(/^nextval\(('(?:[^']|'')*')\)$/, "nextval($1::regclass)");
}

export function bindCreateTable(bind: BindContext, statement: CreateTable): LogicalCreateTable {
  const seen = new Set<string>();
  const sequences: ColumnSequence[] = [];
  const columns = statement.columns.map((def) => {
    if (seen.has(def.name)) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${def.name}" specified more than once`);
    seen.add(def.name);
    const column = bindColumnDef(bind, def);
    const sequence = columnSequence(statement.name, def, column.type);
    if (sequence) sequences.push(sequence);
    return column;
  });
  const constraints: TableConstraint[] = [
    ...statement.columns.flatMap((def) => def.constraints ?? []), ...(statement.constraints ?? []),
  ];
  let primaryKeys = 0;
  for (const constraint of constraints) {
    for (const name of constraint.columns) {
      if (!seen.has(name)) {
        throw new SqlError(SQLSTATE.UndefinedColumn, `column "${name}" named in key does not exist`, { position: bind.positionOf(name) });
      }
    }
    if (constraint.kind === 'PrimaryKey' && ++primaryKeys > 1) {
      throw new SqlError(SQLSTATE.InvalidTableDefinition, `multiple primary keys for table "${statement.name}" are not allowed`);
    }
  }
  const keyColumns = new Set(constraints.filter((c) => c.kind === 'PrimaryKey').flatMap((c) => c.columns));
  const withNotNull = columns.map((c) => (keyColumns.has(c.name) && !c.notNull ? { ...c, notNull: true } : c));
  const bound: CreateTableConstraint[] = constraints.map((c) => (c.kind === 'Check' ? bindCheckDefinition(bind, statement.name, withNotNull, c) : c));
  return {
    kind: 'CreateTable', name: statement.name, ifNotExists: statement.ifNotExists, temporary: statement.temporary, columns: withNotNull,
    ...(bound.length > 0 ? { constraints: bound } : {}), ...(sequences.length > 0 ? { sequences } : {}),
  };
}
