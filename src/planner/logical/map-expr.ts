/**
 * Generic traversal of bound expressions: rebuild with mapped children, or visit every node.
 * Subquery plans are not entered (their column references are their own, except correlated
 * ones, which callers treat as opaque).
 */
import { unreachable } from '../../common/sql-error.js';
import type { BoundExpr } from './bound-expr.js';
import type { LogicalPlan } from './logical-plan.js';
import { planChildren, planExpressions } from './plan-children.js';

/** `expr` with each direct child replaced by `fn(child)`. */
export function mapChildren(expr: BoundExpr, fn: (child: BoundExpr) => BoundExpr): BoundExpr {
  switch (expr.kind) {
    case 'Constant': case 'ColumnRef': case 'Param': return expr;
    case 'Call': return { ...expr, args: expr.args.map(fn) };
    case 'And': case 'Or': case 'Coalesce': return { ...expr, args: expr.args.map(fn) };
    case 'MinMax': return { ...expr, args: expr.args.map(fn) };
    case 'Cast': case 'Not': case 'IsNull': case 'IsBool': case 'DomainCheck': return { ...expr, operand: fn(expr.operand) };
    case 'Compare': case 'IsDistinct': case 'NullIf': return { ...expr, left: fn(expr.left), right: fn(expr.right) };
    case 'Quantified': return { ...expr, left: fn(expr.left), right: fn(expr.right) };
    case 'Like': return { ...expr, operand: fn(expr.operand), pattern: fn(expr.pattern), ...(expr.escape ? { escape: fn(expr.escape) } : {}) };
    case 'InList': return { ...expr, operand: fn(expr.operand), list: expr.list.map(fn) };
    case 'Case': return {
      ...expr, whens: expr.whens.map((w) => ({ when: fn(w.when), then: fn(w.then) })),
      ...(expr.else ? { else: fn(expr.else) } : {}),
    };
    case 'Array': return { ...expr, elements: expr.elements.map(fn) };
    case 'Subscript': return { ...expr, operand: fn(expr.operand), index: fn(expr.index) };
    case 'Subquery': return expr.operand ? { ...expr, operand: fn(expr.operand) } : expr;
    default: return unreachable(expr);
  }
}

/** Rewrites top-down: `fn` returns a replacement, or undefined to recurse into the children. */
export function rewriteExpr(expr: BoundExpr, fn: (e: BoundExpr) => BoundExpr | undefined): BoundExpr {
  const replaced = fn(expr);
  if (replaced) return replaced;
  return mapChildren(expr, (child) => rewriteExpr(child, fn));
}

/** Visits every node (pre-order). */
export function walkExpr(expr: BoundExpr, visit: (e: BoundExpr) => void): void {
  visit(expr);
  mapChildren(expr, (child) => {
    walkExpr(child, visit);
    return child;
  });
}

/**
 * Ids of the columns an expression reads, including every id read anywhere inside a
 * correlated subquery (an over-approximation of its outer references, which is safe).
 */
export function referencedIds(expr: BoundExpr, into = new Set<number>()): Set<number> {
  walkExpr(expr, (e) => {
    if (e.kind === 'ColumnRef') into.add(e.id);
    if (e.kind === 'Subquery' && e.correlated) collectPlanIds(e.plan, into);
  });
  return into;
}

/** Ids of the columns read anywhere in a plan (its own and outer ones: a LATERAL side's references). */
export function collectPlanIds(plan: LogicalPlan, into = new Set<number>()): Set<number> {
  for (const e of planExpressions(plan)) referencedIds(e, into);
  for (const child of planChildren(plan)) collectPlanIds(child, into);
  return into;
}
