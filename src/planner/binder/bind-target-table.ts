/**
 * Shared pieces of INSERT/UPDATE/DELETE/COPY binding: the target table lookup, its columns
 * as a scope for WHERE/SET/RETURNING, column defaults (re-parsed from the catalog's SQL
 * text), assignment coercion with PostgreSQL's wording, and RETURNING lists.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { SelectItem } from '../../parser/ast.js';
import type { StoredColumn, StoredTable } from '../../types/stored-table.js';
import { T } from '../../types/sql-type.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import { referencedIds } from '../logical/map-expr.js';
import type { OutputColumn, Returning } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerce, resolveUnknown } from './expression/coerce.js';
import { outputName } from './output-name.js';
import { parseStoredExpr } from './parse-stored-expr.js';
import { Scope, type ScopeRelation } from './scope.js';

/** How a statement uses its target table: DML writes it, COPY … FROM copies into it, COPY … TO out of it. */
export type TargetUse = 'write' | 'copy in' | 'copy out';

export function targetTable(bind: BindContext, name: string, use: TargetUse = 'write'): StoredTable {
  const table = bind.lookupTable(name);
  if (!table) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${name}" does not exist`, { position: bind.positionOf(name) });
  if (table.sequence) {
    if (use === 'write') throw new SqlError(SQLSTATE.WrongObjectType, `cannot change sequence "${name}"`);
    throw new SqlError(SQLSTATE.WrongObjectType, `cannot ${use === 'copy in' ? 'copy to' : 'copy from'} sequence "${name}"`,
      use === 'copy out' ? { hint: 'Try the COPY (SELECT ...) TO variant.' } : {});
  }
  if (table.view && use !== 'write') {
    // There are no INSTEAD OF triggers here, so COPY refuses every view as PostgreSQL does then.
    throw new SqlError(SQLSTATE.WrongObjectType, `cannot ${use === 'copy in' ? 'copy to' : 'copy from'} view "${name}"`,
      { hint: use === 'copy in' ? 'To enable copying to a view, provide an INSTEAD OF INSERT trigger.' : 'Try the COPY (SELECT ...) TO variant.' });
  }
  if (table.view) {
    // PostgreSQL writes through simple views; here every view is read-only.
    throw new SqlError(SQLSTATE.FeatureNotSupported, `cannot change view "${name}"`, { hint: 'Views are read-only in this server.' });
  }
  return table;
}

/** The table's columns under fresh ids, in table order. */
export function rowColumns(bind: BindContext, table: StoredTable): OutputColumn[] {
  return table.columns.map((c, i) => ({ id: bind.newId(), name: c.name, type: c.type, tableOid: table.oid, attnum: i + 1 }));
}

export function findTargetColumn(table: StoredTable, name: string, bind: BindContext): number {
  const index = table.columns.findIndex((c) => c.name === name);
  if (index < 0) {
    throw new SqlError(SQLSTATE.UndefinedColumn, `column "${name}" of relation "${table.name}" does not exist`,
      { position: bind.positionOf(name) });
  }
  return index;
}

/** `expr` assignment-cast to the column's type (42804 in PostgreSQL's words otherwise). */
export function assignTo(bind: BindContext, expr: BoundExpr, column: StoredColumn): BoundExpr {
  return coerce(bind, expr, column.type, 'assignment',
    (from, to) => `column "${column.name}" is of type ${to} but expression is of type ${from}`);
}

/** 428C9 for a value other than DEFAULT written to a GENERATED ALWAYS identity column. */
export function checkIdentityWrite(column: StoredColumn, isDefault: boolean, update: boolean): void {
  if (column.identity !== 'a' || isDefault) return;
  throw new SqlError(SQLSTATE.GeneratedAlways, update
    ? `column "${column.name}" can only be updated to DEFAULT`
    : `cannot insert a non-DEFAULT value into column "${column.name}"`, {
    detail: `Column "${column.name}" is an identity column defined as GENERATED ALWAYS.`,
    ...(update ? {} : { hint: 'Use OVERRIDING SYSTEM VALUE to override.' }),
  });
}

/** True when a column omitted from an INSERT gets something other than a plain NULL. */
export function hasDefault(column: StoredColumn): boolean {
  return column.defaultSql !== undefined || column.type.domain !== undefined;
}

/**
 * The column's default as a bound expression, or a typed NULL. A column of a domain type
 * without its own default takes the domain's (or NULL, checked against the domain).
 */
export function defaultFor(bind: BindContext, column: StoredColumn): BoundExpr {
  let sql = column.defaultSql;
  for (let d = column.type.domain; sql === undefined && d; d = d.base) sql = d.defaultSql;
  if (sql === undefined) {
    const none: BoundExpr = { kind: 'Constant', type: T.unknown, value: null };
    return column.type.domain ? assignTo(bind, none, column) : { kind: 'Constant', type: column.type, value: null };
  }
  const expr = parseStoredExpr(sql, `default of column "${column.name}"`);
  return assignTo(bind, bindExpr(expr, { bind, scope: new Scope([]), clause: 'DEFAULT expressions' }), column);
}

/**
 * Binds RETURNING items over the scope of the affected row (`relations[0]`, the target, and any
 * FROM items); the target also offers the system column `tableoid`, the OID of the table the
 * row is in (after the statement: a partition routed to, a partition moved to).
 */
export function bindReturning(bind: BindContext, items: readonly SelectItem[] | undefined,
  relations: readonly ScopeRelation[]): Returning | undefined {
  if (!items || items.length === 0) return undefined;
  const [target, ...others] = relations;
  const tableoid = { id: bind.newId(), name: 'tableoid', type: T.oid, tableOid: 0, attnum: 0, system: true };
  const scope = new Scope([{ ...target!, columns: [...target!.columns, tableoid] }, ...others]);
  const exprs: BoundExpr[] = [];
  const output: OutputColumn[] = [];
  for (const item of items) {
    if (item.kind === 'SelectStar') {
      for (const c of scope.expandStar(item.table)) {
        exprs.push({ kind: 'ColumnRef', type: c.type, id: c.id, name: c.name });
        output.push({ ...c, id: bind.newId() });
      }
    } else {
      const expr = resolveUnknown(bind, bindExpr(item.expr, { bind, scope, clause: 'RETURNING' }));
      const source = expr.kind === 'ColumnRef' ? relations.flatMap((r) => r.columns).find((c) => c.id === expr.id) : undefined;
      exprs.push(expr);
      output.push({ id: bind.newId(), name: item.alias ?? outputName(item.expr), type: expr.type,
        tableOid: source?.tableOid ?? 0, attnum: source?.attnum ?? 0 });
    }
  }
  const readsTableoid = exprs.some((e) => referencedIds(e).has(tableoid.id));
  return { exprs, output, ...(readsTableoid ? { tableoidId: tableoid.id } : {}) };
}
