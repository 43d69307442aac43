/**
 * Subscripts on jsonb (`j['a'][0]`, `UPDATE … SET j['a'] = v`): each subscript must convert
 * implicitly to exactly one of integer and text (an untyped literal is text), as PostgreSQL's
 * jsonb_subscript_transform requires; the work is done by functions/json/jsonb-subscript.ts.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { canCast } from '../../../functions/casts.js';
import { jsonbSubscriptAssign, jsonbSubscriptFetch } from '../../../functions/json/jsonb-subscript.js';
import { formatTypeName, T } from '../../../types/sql-type.js';
import type { Expr } from '../../../parser/ast.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { bindExpr } from './bind-expression.js';
import { coerce, isUnknown } from './coerce.js';
import type { ExprContext } from './expr-context.js';

function unsupported(from: string, hint: string): SqlError {
  return new SqlError(SQLSTATE.DatatypeMismatch, `subscript type ${from} is not supported`, { hint });
}

/** A subscript as integer or text. */
function bindJsonbIndex(index: Expr, ctx: ExprContext): BoundExpr {
  const bound = bindExpr(index, ctx);
  if (isUnknown(bound)) return coerce(ctx.bind, bound, T.text, 'implicit', () => '');
  const targets = [T.int4, T.text].filter((t) => canCast(bound.type, t, 'implicit'));
  const from = formatTypeName(bound.type);
  if (targets.length > 1) throw unsupported(from, 'jsonb subscript must be coercible to only one type, integer or text.');
  if (targets.length === 0) throw unsupported(from, 'jsonb subscript must be coercible to either integer or text.');
  return coerce(ctx.bind, bound, targets[0]!, 'implicit', () => '');
}

/** `operand[index]` on a jsonb operand. */
export function bindJsonbSubscript(operand: BoundExpr, index: Expr, ctx: ExprContext): BoundExpr {
  const sub = bindJsonbIndex(index, ctx);
  return { kind: 'Call', type: T.jsonb, name: '[]', overload: jsonbSubscriptFetch(sub.type), args: [operand, sub] };
}

/** The new value of a jsonb column for `SET column[s1]…[sn] = value`. */
export function bindJsonbSubscriptAssign(column: BoundExpr, subscripts: readonly Expr[], value: BoundExpr, ctx: ExprContext): BoundExpr {
  const subs = subscripts.map((s) => bindJsonbIndex(s, ctx));
  const newValue = coerce(ctx.bind, value, T.jsonb, 'assignment', (from) =>
    `subscripted assignment to "${column.kind === 'ColumnRef' ? column.name : ''}" requires type jsonb but expression is of type ${from}`);
  return {
    kind: 'Call', type: T.jsonb, name: '[]=', overload: jsonbSubscriptAssign(subs.map((s) => s.type)),
    args: [column, ...subs, newValue],
  };
}
