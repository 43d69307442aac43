/** Rewrites every expression of every node of a plan (bottom-up over nodes). */
import type { BoundExpr } from '../planner/logical/bound-expr.js';
import type { LogicalPlan } from '../planner/logical/logical-plan.js';
import { transformUp } from '../planner/logical/plan-children.js';

export function mapPlanExpressions(plan: LogicalPlan, fn: (e: BoundExpr) => BoundExpr): LogicalPlan {
  return transformUp(plan, (node): LogicalPlan => {
    switch (node.kind) {
      case 'Scan': return node.filter ? { ...node, filter: fn(node.filter) } : node;
      case 'Filter': return { ...node, predicate: fn(node.predicate) };
      case 'Project': return { ...node, exprs: node.exprs.map(fn) };
      case 'Aggregate': return {
        ...node, groups: node.groups.map(fn),
        aggregates: node.aggregates.map((a) => ({ ...a, args: a.args.map(fn), ...(a.filter ? { filter: fn(a.filter) } : {}) })),
      };
      case 'Sort': return { ...node, keys: node.keys.map((k) => ({ ...k, expr: fn(k.expr) })) };
      case 'Join': return node.condition ? { ...node, condition: fn(node.condition) } : node;
      case 'Values': return { ...node, rows: node.rows.map((r) => r.map(fn)) };
      default: return node;
    }
  });
}
