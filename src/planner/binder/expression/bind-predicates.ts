/**
 * Predicates: IS [NOT] NULL/TRUE/FALSE/UNKNOWN, IN (list) with a common type, BETWEEN
 * (expanded to two comparisons), and LIKE/ILIKE with an optional ESCAPE.
 */
import type { BetweenExpr, InListExpr, IsExpr, LikeExpr } from '../../../parser/ast.js';
import { T } from '../../../types/sql-type.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { bindExpr } from './bind-expression.js';
import { bindCommon } from './bind-function-call.js';
import { bindComparison, operatorMissing } from './bind-operator.js';
import { coerce, coerceToBool, resolveUnknown } from './coerce.js';
import type { ExprContext } from './expr-context.js';

export function bindIs(expr: IsExpr, ctx: ExprContext): BoundExpr {
  const operand = bindExpr(expr.operand, ctx);
  if (expr.test === 'NULL') {
    const tested = resolveUnknown(ctx.bind, operand);
    return { kind: 'IsNull', type: T.bool, operand: tested, negated: expr.negated, ...(tested.type.fields ? { rowwise: true } : {}) };
  }
  const test = expr.test;
  return { kind: 'IsBool', type: T.bool, operand: coerceToBool(ctx.bind, operand, `IS ${test}`), test, negated: expr.negated };
}

export function bindInList(expr: InListExpr, ctx: ExprContext): BoundExpr {
  const operand = bindExpr(expr.operand, ctx);
  const list = expr.list.map((e) => bindExpr(e, ctx));
  let unified: BoundExpr[];
  try {
    unified = bindCommon(ctx, [operand, ...list], 'IN');
  } catch {
    throw operatorMissing('=', operand, list.find((e) => e.type.id !== operand.type.id) ?? list[0]!);
  }
  return { kind: 'InList', type: T.bool, operand: unified[0]!, list: unified.slice(1), negated: expr.negated };
}

export function bindBetween(expr: BetweenExpr, ctx: ExprContext): BoundExpr {
  const operand = bindExpr(expr.operand, ctx);
  const low = bindComparison(ctx, '>=', operand, bindExpr(expr.low, ctx));
  const high = bindComparison(ctx, '<=', operand, bindExpr(expr.high, ctx));
  const both: BoundExpr = { kind: 'And', type: T.bool, args: [low, high] };
  return expr.negated ? { kind: 'Not', type: T.bool, operand: both } : both;
}

export function bindLike(expr: LikeExpr, ctx: ExprContext): BoundExpr {
  const operand = bindExpr(expr.operand, ctx);
  const pattern = bindExpr(expr.pattern, ctx);
  const asText = (e: BoundExpr) => {
    try {
      return coerce(ctx.bind, e, T.text, 'implicit', () => '');
    } catch {
      throw operatorMissing(expr.caseInsensitive ? '~~*' : '~~', operand, pattern);
    }
  };
  return {
    // character(n) keeps its padding under LIKE, as PostgreSQL's bpchar LIKE does ('a'::char(3) LIKE 'a' is false).
    kind: 'Like', type: T.bool, operand: operand.type.id === 'bpchar' && !operand.type.array ? operand : asText(operand),
    pattern: asText(pattern),
    ...(expr.escape ? { escape: asText(bindExpr(expr.escape, ctx)) } : {}),
    caseInsensitive: expr.caseInsensitive, negated: expr.negated,
  };
}
