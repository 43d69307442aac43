/**
 * Binding for ALTER TABLE actions, done at run time against the table as the earlier actions of
 * the same statement left it (PostgreSQL also analyses each sub-command against the relation as
 * it stands): a new CHECK constraint, an ALTER COLUMN TYPE conversion (with or without USING), a
 * new column DEFAULT. The executor compiles the expressions over `row` (the table's columns in
 * order under fresh ids) and evaluates them over the stored rows.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Expr, TableConstraint, TypeRef } from '../../parser/ast.js';
import type { StoredColumn, StoredTable } from '../../types/stored-table.js';
import { formatTypeName, type SqlType } from '../../types/sql-type.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { CreateTableConstraint, OutputColumn } from '../logical/logical-plan.js';
import { bindCheckDefinition, bindStoredCheck } from './bind-check-constraint.js';
import type { BindContext } from './bind-context.js';
import { defaultText } from './bind-create-table.js';
import { defaultFor, rowColumns } from './bind-target-table.js';
import { bindExpr } from './expression/bind-expression.js';
import { bindTypeRef } from './expression/bind-type-ref.js';
import { tryCoerce } from './expression/coerce.js';
import { Scope } from './scope.js';

/** An expression over one stored row of a table: compile it with the ids of `row`. */
export interface RowExpr {
  readonly row: readonly OutputColumn[];
  readonly expr: BoundExpr;
}

/** A CHECK clause of ALTER TABLE … ADD [CONSTRAINT], as CREATE TABLE binds it, and its condition over a stored row. */
export function bindNewCheck(bind: BindContext, table: StoredTable, clause: TableConstraint): { constraint: CreateTableConstraint; condition: RowExpr } {
  const constraint = bindCheckDefinition(bind, table.name, table.columns, clause);
  return { constraint, condition: bindCheckCondition(bind, table, constraint.checkSql!) };
}

/** A stored CHECK expression (`checkSql`) over a stored row of `table`. */
export function bindCheckCondition(bind: BindContext, table: StoredTable, checkSql: string): RowExpr {
  const row = rowColumns(bind, table);
  return { row, expr: bindStoredCheck(bind, table, row, checkSql) };
}

/**
 * ALTER COLUMN … TYPE: the new type and the value each stored row converts to — `using`, or the
 * column itself, assignment-cast to the new type (42804 with PostgreSQL's hints otherwise).
 */
export function bindColumnConversion(
  bind: BindContext, table: StoredTable, column: StoredColumn, typeRef: TypeRef, using: Expr | undefined,
): { type: SqlType; conversion: RowExpr } {
  const type = bindTypeRef(typeRef);
  const row = rowColumns(bind, table);
  const at = table.columns.findIndex((c) => c.id === column.id);
  const source: BoundExpr = using
    ? bindExpr(using, { bind, scope: new Scope([{ alias: table.name, columns: row }]), clause: 'transform expressions' })
    : { kind: 'ColumnRef', type: column.type, id: row[at]!.id, name: column.name };
  const converted = tryCoerce(bind, source, type, 'assignment');
  if (!converted) {
    const typeName = formatTypeName(type);
    throw new SqlError(SQLSTATE.DatatypeMismatch, using
      ? `result of USING clause for column "${column.name}" cannot be cast automatically to type ${typeName}`
      : `column "${column.name}" cannot be cast automatically to type ${typeName}`,
    { hint: using ? 'You might need to add an explicit cast.' : `You might need to specify "USING ${quoteName(column.name)}::${typeName}".` });
  }
  return { type, conversion: { row, expr: converted } };
}

/** 42804 unless the column's stored default converts to `type` (ALTER COLUMN TYPE keeps the default). */
export function checkDefaultConverts(bind: BindContext, column: StoredColumn, type: SqlType): void {
  if (!column.defaultSql || column.identity) return;
  try {
    defaultFor(bind, { ...column, type });
  } catch (err) {
    if (!(err instanceof SqlError) || err.code !== SQLSTATE.DatatypeMismatch) throw err;
    throw new SqlError(SQLSTATE.DatatypeMismatch, `default for column "${column.name}" cannot be cast automatically to type ${formatTypeName(type)}`);
  }
}

/** ALTER COLUMN … SET DEFAULT expr: the catalog's SQL text, checked as CREATE TABLE checks a default. */
export function bindNewDefault(bind: BindContext, column: StoredColumn, value: Expr): string {
  return defaultText(bind, column, value);
}

function quoteName(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
