/**
 * Records: `ROW(a, b)` / `(a, b)` as a value, a multi-column set-returning function used as a
 * value (`information_schema._pg_expandarray(indkey) AS keys`, a record of its columns), and
 * field selection `(expr).field` from any record-typed expression, e.g. pgJDBC's
 * `(result.KEYS).x` on a subquery column. Both compile to calls of per-shape overloads.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { Expr, FieldSelect, RowExpr } from '../../../parser/ast.js';
import type { ScalarOverload } from '../../../functions/function-types.js';
import { formatTypeName, recordType, T, type SqlType } from '../../../types/sql-type.js';
import { RecordValue } from '../../../types/value.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { bindExpr } from './bind-expression.js';
import { resolveUnknown } from './coerce.js';
import type { ExprContext } from './expr-context.js';

/** A record built from `fields`; its fields are named `names` (PostgreSQL's f1, f2 … for ROW). */
export function buildRecord(fields: readonly BoundExpr[], names: readonly string[]): BoundExpr {
  const types = fields.map((f) => f.type);
  const type = recordType(types.map((t, i) => ({ name: names[i]!, type: t })));
  const overload: ScalarOverload = {
    args: types, returns: type, volatility: 'immutable', strict: false,
    call: (args) => new RecordValue([...args], types),
  };
  return { kind: 'Call', type, name: 'row', overload, args: fields };
}

/** `t.*` inside ROW(…) stands for t's columns, one field each (as PostgreSQL expands it). */
function expandStar(expr: Expr, ctx: ExprContext): BoundExpr[] | undefined {
  if (expr.kind !== 'ColumnRef' || expr.column !== '*' || expr.table === undefined) return undefined;
  const columns = ctx.scope.wholeRow(expr.table);
  if (!columns) {
    throw new SqlError(SQLSTATE.UndefinedTable, `missing FROM-clause entry for table "${expr.table}"`,
      { position: ctx.bind.positionOf(expr.table) });
  }
  return columns.map((c) => ({ kind: 'ColumnRef', type: c.type, id: c.id, name: c.name }));
}

/** `ROW(a, b)`: fields f1, f2 …; untyped literals become text, as in PostgreSQL. */
export function bindRow(expr: RowExpr, ctx: ExprContext): BoundExpr {
  const fields = bindRowFields(expr, ctx).map((f) => resolveUnknown(ctx.bind, f));
  return buildRecord(fields, fields.map((_, i) => `f${i + 1}`));
}

/** The fields of `ROW(…)` bound one by one (`t.*` expanded), untyped literals left untyped. */
export function bindRowFields(expr: RowExpr, ctx: ExprContext): BoundExpr[] {
  return expr.fields.flatMap((f) => expandStar(f, ctx) ?? [bindExpr(f, ctx)]);
}

/**
 * A whole-row reference `t` or `t.*` as a value: a record of t's columns, named as they are,
 * or undefined when no relation is called `alias`.
 */
export function bindWholeRow(alias: string, ctx: ExprContext): BoundExpr | undefined {
  const columns = ctx.scope.wholeRow(alias);
  if (!columns) return undefined;
  const record = buildRecord(columns.map((c) => ({ kind: 'ColumnRef', type: c.type, id: c.id, name: c.name })), columns.map((c) => c.name));
  const marker = ctx.scope.rowMarker(alias);
  if (!marker) return record;
  // A row an outer join NULL-extended is NULL as a whole (null-extension-marker.ts).
  const markerRef: BoundExpr = { kind: 'ColumnRef', type: marker.type, id: marker.id, name: marker.name };
  return {
    kind: 'Case', type: record.type,
    whens: [{ when: { kind: 'IsNull', type: T.bool, operand: markerRef, negated: false }, then: { kind: 'Constant', type: record.type, value: null } }],
    else: record,
  };
}

/** `(expr).field` on a record-typed expression; 42703 when the record has no such field. */
export function bindFieldSelect(expr: FieldSelect, ctx: ExprContext): BoundExpr {
  const operand = bindExpr(expr.operand, ctx);
  const fields = operand.type.fields;
  if (!fields) {
    throw new SqlError(SQLSTATE.WrongObjectType,
      `column notation .${expr.field} applied to type ${formatTypeName(operand.type)}, which is not a composite type`);
  }
  const index = fields.findIndex((f) => f.name === expr.field);
  if (index < 0) {
    // A named composite type is named in the message; an anonymous record is not.
    const message = operand.type.udt
      ? `column "${expr.field}" not found in data type ${operand.type.udt.name}`
      : `could not identify column "${expr.field}" in record data type`;
    throw new SqlError(SQLSTATE.UndefinedColumn, message, { position: ctx.bind.positionOf(expr.field) });
  }
  return selectField(operand, index);
}

/** Field `index` of the record-typed `operand` (NULL for a NULL record). */
export function selectField(operand: BoundExpr, index: number): BoundExpr {
  const field = operand.type.fields![index]!;
  const type: SqlType = field.type;
  const overload: ScalarOverload = {
    args: [operand.type], returns: type, volatility: 'immutable', strict: true,
    call: ([record]) => (record as RecordValue).values[index] ?? null,
  };
  return { kind: 'Call', type, name: `.${field.name}`, overload, args: [operand] };
}
