/**
 * CHECK constraints in the binder. At CREATE TABLE the expression is bound over the new columns
 * (boolean; no subqueries, aggregates or window functions), the columns it reads are found and
 * its SQL text fixed for the catalog. At INSERT/UPDATE/COPY the stored text is re-parsed and
 * bound over the full new row, so execution evaluates it like any other expression.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { NewColumn } from '../../catalog/catalog-transaction.js';
import type { Expr, TableConstraint } from '../../parser/ast.js';
import type { StoredTable } from '../../types/stored-table.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { CreateTableConstraint, OutputColumn, RowChecks } from '../logical/logical-plan.js';
import { referencedIds, walkExpr } from '../logical/map-expr.js';
import type { BindContext } from './bind-context.js';
import { rowColumns } from './bind-target-table.js';
import { deparseExpr } from './deparse-expr.js';
import { parseStoredExpr } from './parse-stored-expr.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool } from './expression/coerce.js';
import { Scope } from './scope.js';

/** `expr` bound over `columns` as a CHECK condition, with PostgreSQL's errors for what it forbids. */
function bindCheckExpr(bind: BindContext, expr: Expr, alias: string, columns: readonly OutputColumn[]): BoundExpr {
  const scope = new Scope([{ alias, columns }]);
  const bound = coerceToBool(bind, bindExpr(expr, { bind, scope, clause: 'check constraints' }), 'CHECK');
  walkExpr(bound, (e) => {
    if (e.kind === 'Subquery') throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot use subquery in check constraint');
  });
  return bound;
}

/**
 * The catalog's text for a CHECK: deparsed where the deparser covers the expression (so
 * `a > 0` is stored as PostgreSQL shows it, `(a > 0)`), else the source text in parentheses.
 */
function checkText(check: { readonly expr: Expr; readonly text: string }): string {
  try {
    return deparseExpr(check.expr);
  } catch {
    return `(${check.text})`;
  }
}

/** A CREATE TABLE CHECK clause validated over the new table's columns; `columns` = those it reads. */
export function bindCheckDefinition(bind: BindContext, table: string, columns: readonly NewColumn[], clause: TableConstraint): CreateTableConstraint {
  const check = clause.check!;
  const scoped = columns.map((c, i): OutputColumn => ({ id: bind.newId(), name: c.name, type: c.type, tableOid: 0, attnum: i + 1 }));
  const read = referencedIds(bindCheckExpr(bind, check.expr, table, scoped));
  return { ...clause, columns: scoped.filter((c) => read.has(c.id)).map((c) => c.name), checkSql: checkText(check) };
}

/** The table's CHECK constraints bound over a fresh row scope; undefined when it has none. */
export function bindRowChecks(bind: BindContext, table: StoredTable, row = rowColumns(bind, table)): RowChecks | undefined {
  const stored = (table.constraints ?? []).filter((c) => c.type === 'c');
  if (stored.length === 0) return undefined;
  const checks = stored.map((constraint) => ({ name: constraint.name, expr: bindStoredCheck(bind, table, row, constraint.checkSql ?? 'true') }));
  return { rowColumns: row, checks };
}

/** A CHECK's stored SQL text re-parsed and bound over `row` (the table's columns in order). */
export function bindStoredCheck(bind: BindContext, table: StoredTable, row: readonly OutputColumn[], checkSql: string): BoundExpr {
  return bindCheckExpr(bind, parseStoredExpr(checkSql, `check constraint of "${table.name}": ${checkSql}`), table.name, row);
}
