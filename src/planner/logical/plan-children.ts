/**
 * Structural access to logical plans: a node's inputs, a copy with new inputs, and every
 * expression a node evaluates (for rules and for finding correlated column references).
 */
import { unreachable } from '../../common/sql-error.js';
import type { BoundExpr } from './bound-expr.js';
import type { LogicalPlan } from './logical-plan.js';

export function planChildren(plan: LogicalPlan): readonly LogicalPlan[] {
  switch (plan.kind) {
    case 'Scan': case 'Values': case 'FunctionScan': case 'WorkTableScan': return [];
    case 'Filter': case 'Project': case 'Aggregate': case 'Sort': case 'TopN': case 'Limit': case 'Distinct':
    case 'Window': case 'ProjectSet': case 'CteScan':
      return [plan.input];
    case 'Join': case 'SetOp': return [plan.left, plan.right];
    case 'RecursiveUnion': return [plan.anchor, plan.recursive];
    case 'Extension': return plan.inputs;
    default: return unreachable(plan);
  }
}

/** A copy of `plan` with its inputs replaced (same order as planChildren). */
export function withChildren(plan: LogicalPlan, children: readonly LogicalPlan[]): LogicalPlan {
  switch (plan.kind) {
    case 'Scan': case 'Values': case 'FunctionScan': case 'WorkTableScan': return plan;
    case 'Filter': case 'Project': case 'Aggregate': case 'Sort': case 'TopN': case 'Limit': case 'Distinct':
    case 'Window': case 'ProjectSet': case 'CteScan':
      return children[0] === plan.input ? plan : { ...plan, input: children[0]! };
    case 'Join': case 'SetOp':
      return children[0] === plan.left && children[1] === plan.right ? plan : { ...plan, left: children[0]!, right: children[1]! };
    case 'RecursiveUnion':
      return children[0] === plan.anchor && children[1] === plan.recursive ? plan
        : { ...plan, anchor: children[0]!, recursive: children[1]! };
    case 'Extension': return { ...plan, inputs: children };
    default: return unreachable(plan);
  }
}

/** Every expression evaluated by this node (not its children). */
export function planExpressions(plan: LogicalPlan): BoundExpr[] {
  switch (plan.kind) {
    case 'Scan': return plan.filter ? [plan.filter] : [];
    case 'Filter': return [plan.predicate];
    case 'Project': return [...plan.exprs];
    case 'Aggregate': return [...plan.groups, ...plan.aggregates.flatMap((a) => [
      ...a.args, ...(a.filter ? [a.filter] : []), ...(a.orderBy ?? []).map((k) => k.expr)])];
    case 'Sort': return plan.keys.map((k) => k.expr);
    case 'TopN': return [...plan.keys.map((k) => k.expr), plan.limit, ...(plan.offset ? [plan.offset] : [])];
    case 'Limit': return [...(plan.limit ? [plan.limit] : []), ...(plan.offset ? [plan.offset] : []), ...(plan.ties ?? []).map((k) => k.expr)];
    case 'Join': return plan.condition ? [plan.condition] : [];
    case 'Distinct': return [...(plan.on ?? [])];
    case 'Values': return plan.rows.flat();
    case 'FunctionScan': return [...plan.fn.args];
    case 'Window': return plan.functions.flatMap((f) => [
      ...f.args, ...(f.filter ? [f.filter] : []), ...f.partitionBy, ...f.orderBy.map((k) => k.expr),
      ...[f.frame.start, f.frame.end].flatMap((b) => ('offset' in b ? [b.offset] : [])),
      ...(f.frame.range ? [f.frame.range.key, ...(f.frame.range.startSum ? [f.frame.range.startSum] : []),
        ...(f.frame.range.endSum ? [f.frame.range.endSum] : [])] : [])]);
    case 'ProjectSet': return plan.functions.flatMap((f) => f.fn.args);
    case 'SetOp': case 'Extension': case 'RecursiveUnion': case 'WorkTableScan': case 'CteScan': return [];
    default: return unreachable(plan);
  }
}

/** Applies `fn` to every node bottom-up, rebuilding parents whose inputs changed. */
export function transformUp(plan: LogicalPlan, fn: (node: LogicalPlan) => LogicalPlan): LogicalPlan {
  const children = planChildren(plan);
  const mapped = children.map((child) => transformUp(child, fn));
  const rebuilt = mapped.some((c, i) => c !== children[i]) ? withChildren(plan, mapped) : plan;
  return fn(rebuilt);
}
