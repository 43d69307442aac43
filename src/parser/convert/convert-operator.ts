/**
 * A_Expr (every operator form of PostgreSQL's grammar) → our Expr. Precedence and
 * associativity are the grammar's own. `OPERATOR(pg_catalog.op)` is the operator `op`;
 * `a SIMILAR TO b [ESCAPE c]` is PostgreSQL's own rewrite `a ~ similar_to_escape(b[, c])`;
 * BETWEEN SYMMETRIC is spelled out as the two orders.
 */
import type { A_Expr, Node } from 'libpg-query';
import type { Expr } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { call, convertExpr, convertExprs } from './convert-expr.js';
import { notSupported } from './not-supported.js';
import { listItems, stringOf, stringsOf } from './pg-node.js';

/** Convert an A_Expr. */
export function convertAExpr(e: A_Expr, ctx: ConvertContext): Expr {
  const op = operatorName(e, ctx);
  switch (e.kind) {
    case 'AEXPR_OP': return operator(op, e, ctx);
    case 'AEXPR_OP_ANY': case 'AEXPR_OP_ALL':
      return { kind: 'Quantified', op, left: convertExpr(e.lexpr!, ctx), quantifier: e.kind === 'AEXPR_OP_ANY' ? 'ANY' : 'ALL', right: convertExpr(e.rexpr!, ctx) };
    case 'AEXPR_DISTINCT': case 'AEXPR_NOT_DISTINCT':
      return { kind: 'Binary', op: e.kind === 'AEXPR_DISTINCT' ? 'IS DISTINCT FROM' : 'IS NOT DISTINCT FROM', left: convertExpr(e.lexpr!, ctx), right: convertExpr(e.rexpr!, ctx) };
    case 'AEXPR_NULLIF': return call('nullif', [convertExpr(e.lexpr!, ctx), convertExpr(e.rexpr!, ctx)]);
    case 'AEXPR_IN':
      return { kind: 'InList', operand: convertExpr(e.lexpr!, ctx), list: convertExprs(listItems(e.rexpr), ctx), negated: op === '<>' };
    case 'AEXPR_LIKE': case 'AEXPR_ILIKE': return like(op, e, ctx);
    case 'AEXPR_SIMILAR': return { kind: 'Binary', op, left: convertExpr(e.lexpr!, ctx), right: convertExpr(e.rexpr!, ctx) };
    case 'AEXPR_BETWEEN': case 'AEXPR_NOT_BETWEEN': case 'AEXPR_BETWEEN_SYM': case 'AEXPR_NOT_BETWEEN_SYM': return between(e, ctx);
    default: throw notSupported(`operator form ${String(e.kind)}`, ctx, e.location);
  }
}

/** The operator's name; a schema other than pg_catalog is not supported. */
function operatorName(e: A_Expr, ctx: ConvertContext): string {
  const names = stringsOf(e.name);
  if (names.length > 1 && names[0] !== 'pg_catalog') throw notSupported(`an operator in schema "${names[0]}"`, ctx, e.location);
  return names[names.length - 1] ?? '';
}

function operator(op: string, e: A_Expr, ctx: ConvertContext): Expr {
  const right = convertExpr(e.rexpr!, ctx);
  if (e.lexpr === undefined) {
    if (op === '-' && right.kind === 'Literal' && right.type === 'number') return negated(right.value as string);
    return { kind: 'Unary', op, operand: right };
  }
  return { kind: 'Binary', op, left: convertExpr(e.lexpr, ctx), right };
}

/** `-5`: the grammar folds most negative constants itself; this covers `- (5)`. */
function negated(text: string): Expr {
  return { kind: 'Literal', type: 'number', value: text.startsWith('-') ? text.slice(1) : `-${text}` };
}

/** `~~` LIKE, `!~~` NOT LIKE, `~~*` ILIKE, `!~~*` NOT ILIKE; ESCAPE arrives as like_escape(pattern, escape). */
function like(op: string, e: A_Expr, ctx: ConvertContext): Expr {
  const rexpr = e.rexpr!;
  const escaped = isCallOf(rexpr, 'like_escape');
  const patternNode = escaped ? rexpr.FuncCall.args![0]! : rexpr;
  return {
    kind: 'Like', operand: convertExpr(e.lexpr!, ctx), pattern: convertExpr(patternNode, ctx),
    caseInsensitive: e.kind === 'AEXPR_ILIKE', negated: op.startsWith('!'),
    ...(escaped ? { escape: convertExpr(rexpr.FuncCall.args![1]!, ctx) } : {}),
  };
}

function isCallOf(node: Node, name: string): node is { FuncCall: { args?: Node[] } } {
  if (!('FuncCall' in node)) return false;
  const names = node.FuncCall.funcname ?? [];
  return stringOf(names[names.length - 1]) === name && (node.FuncCall.args?.length ?? 0) === 2;
}

function between(e: A_Expr, ctx: ConvertContext): Expr {
  const [lowNode, highNode] = listItems(e.rexpr);
  const operand = convertExpr(e.lexpr!, ctx);
  const low = convertExpr(lowNode!, ctx);
  const high = convertExpr(highNode!, ctx);
  const negated = e.kind === 'AEXPR_NOT_BETWEEN' || e.kind === 'AEXPR_NOT_BETWEEN_SYM';
  const plain: Expr = { kind: 'Between', operand, low, high, negated };
  if (e.kind === 'AEXPR_BETWEEN' || e.kind === 'AEXPR_NOT_BETWEEN') return plain;
  // SYMMETRIC: either order of the bounds (PostgreSQL expands it the same way).
  const swapped: Expr = { kind: 'Between', operand, low: high, high: low, negated };
  return { kind: 'Binary', op: negated ? 'AND' : 'OR', left: plain, right: swapped };
}
