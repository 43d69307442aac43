/**
 * Binds an AST expression to a typed BoundExpr: dispatches on the node kind to the binders
 * of each family (operators, functions, predicates, CASE, casts, arrays, subqueries).
 */
import { SqlError, SQLSTATE, unreachable } from '../../../common/sql-error.js';
import type { ColumnRef, Expr, Literal, Param } from '../../../parser/ast.js';
import { frameName, frameParam } from '../user-functions/function-frame.js';
import { parseNumeric } from '../../../types/numeric-codec.js';
import { T } from '../../../types/sql-type.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { bindArray, bindQuantified, bindSubscript } from './bind-array.js';
import { bindCase } from './bind-case.js';
import { bindCast } from './bind-cast.js';
import { bindFunctionCall } from './bind-function-call.js';
import { bindGroupingCall } from './bind-grouping-call.js';
import { bindFieldSelect, bindRow, bindWholeRow } from './bind-record.js';
import { bindSetFunctionField, isSetFunction } from './bind-set-function.js';
import { bindBinary, bindUnary } from './bind-operator.js';
import { bindBetween, bindInList, bindIs, bindLike } from './bind-predicates.js';
import { bindExists, bindInSubquery, bindScalarSubquery } from './bind-subquery-expr.js';
import type { ExprContext } from './expr-context.js';
import { columnHint } from '../column-suggestion.js';

const INT4_MIN = -2147483648n;
const INT4_MAX = 2147483647n;
const INT8_MIN = -(2n ** 63n);
const INT8_MAX = 2n ** 63n - 1n;

export function bindExpr(expr: Expr, ctx: ExprContext): BoundExpr {
  switch (expr.kind) {
    case 'Literal': return bindLiteral(expr);
    case 'ColumnRef': return bindColumnRef(expr, ctx);
    case 'Param': return bindParam(expr, ctx);
    case 'Unary': return bindUnary(expr, ctx);
    case 'Binary': return bindBinary(expr, ctx);
    case 'Is': return bindIs(expr, ctx);
    case 'InList': return bindInList(expr, ctx);
    case 'InSubquery': return bindInSubquery(expr, ctx);
    case 'Between': return bindBetween(expr, ctx);
    case 'Like': return bindLike(expr, ctx);
    case 'Case': return bindCase(expr, ctx);
    case 'Cast': return bindCast(expr, ctx);
    case 'FunctionCall': return bindFunctionCall(expr, ctx);
    case 'ScalarSubquery': return bindScalarSubquery(expr, ctx);
    case 'Exists': return bindExists(expr, ctx);
    case 'Array': return bindArray(expr, ctx);
    case 'Subscript': return bindSubscript(expr, ctx);
    case 'Quantified': return bindQuantified(expr, ctx);
    case 'Row': return bindRow(expr, ctx);
    case 'FieldSelect':
      if (expr.operand.kind === 'FunctionCall' && isSetFunction(expr.operand, ctx)) return bindSetFunctionField(expr.operand, expr.field, ctx);
      return bindFieldSelect(expr, ctx);
    case 'Default':
      throw new SqlError(SQLSTATE.SyntaxError, 'DEFAULT is not allowed in this context');
    case 'Grouping': return bindGroupingCall(expr, ctx);
    default: return unreachable(expr);
  }
}

/** Number literals: int4 if it fits, else int8, else numeric; with a point or exponent numeric. */
export function bindLiteral(lit: Literal, negate = false): BoundExpr {
  switch (lit.type) {
    case 'null': return { kind: 'Constant', type: T.unknown, value: null };
    case 'boolean': return { kind: 'Constant', type: T.bool, value: lit.value as boolean };
    case 'string': return { kind: 'Constant', type: T.unknown, value: lit.value as string };
    case 'number': {
      const text = `${negate ? '-' : ''}${lit.value as string}`;
      if (/^-?\d+$/.test(text)) {
        const big = BigInt(text);
        if (big >= INT4_MIN && big <= INT4_MAX) return { kind: 'Constant', type: T.int4, value: Number(big) };
        if (big >= INT8_MIN && big <= INT8_MAX) return { kind: 'Constant', type: T.int8, value: big };
      }
      return { kind: 'Constant', type: T.numeric, value: parseNumeric(text) };
    }
    default: return unreachable(lit.type);
  }
}

function bindColumnRef(ref: ColumnRef, ctx: ExprContext): BoundExpr {
  if (ref.column === '*') {
    const whole = ref.table !== undefined ? bindWholeRow(ref.table, ctx) : undefined;
    if (whole) return whole;
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'row-valued "*" is not supported in expressions');
  }
  const found = ctx.scope.resolve(ref.table, ref.column);
  if (found) return { kind: 'ColumnRef', type: found.type, id: found.id, name: found.name };
  const parameter = frameName(ctx.bind, ctx.scope, ref.table, ref.column);
  if (parameter) return parameter;
  // A bare relation name is its whole row (`row_to_json(q)`, `SELECT t FROM t`): a record of its columns.
  const whole = ref.table === undefined ? bindWholeRow(ref.column, ctx) : undefined;
  if (whole) return whole;
  if (ref.table !== undefined && !ctx.scope.hasRelation(ref.table)) {
    throw new SqlError(SQLSTATE.UndefinedTable, `missing FROM-clause entry for table "${ref.table}"`,
      { position: ctx.bind.positionOf(ref.table) });
  }
  const message = ref.table !== undefined
    ? `column ${ref.table}.${ref.column} does not exist` : `column "${ref.column}" does not exist`;
  const hint = columnHint(ctx.scope, ref.table, ref.column);
  throw new SqlError(SQLSTATE.UndefinedColumn, message, { position: ctx.bind.positionOf(ref.column), ...(hint ? { hint } : {}) });
}

function bindParam(param: Param, ctx: ExprContext): BoundExpr {
  const argument = frameParam(ctx.bind, ctx.scope, param.index);
  if (argument) return argument;
  const index = param.index - 1;
  const declared = ctx.bind.paramTypes[index];
  if (index >= ctx.bind.paramTypes.length) ctx.bind.paramTypes.length = index + 1;
  return { kind: 'Param', type: declared ?? T.unknown, index };
}
