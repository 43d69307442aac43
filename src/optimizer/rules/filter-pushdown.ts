/**
 * Filter pushdown: WHERE conjuncts move below joins to the side whose columns they read;
 * conjuncts reading both sides of a CROSS/INNER join become its join condition (so the
 * executor can hash-join); a filter directly over a scan is evaluated inside the scan, per
 * batch. Outer joins only accept pushdown into their preserved side.
 */
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { LogicalPlan } from '../../planner/logical/logical-plan.js';
import { referencedIds } from '../../planner/logical/map-expr.js';
import { conjunction, conjuncts } from '../../planner/logical/conjuncts.js';
import { transformUp } from '../../planner/logical/plan-children.js';
import { T } from '../../types/sql-type.js';
import type { OptimizerRule } from '../optimizer-rule.js';

const and = conjunction;

function hasSubquery(expr: BoundExpr): boolean {
  return JSON.stringify(expr, (k, v) => (k === 'plan' || k === 'overload' ? undefined : typeof v === 'bigint' ? String(v) : v)).includes('"Subquery"');
}

function readsOnly(expr: BoundExpr, ids: Set<number>): boolean {
  for (const id of referencedIds(expr)) if (!ids.has(id)) return false;
  return true;
}

/** Puts `parts` on top of `plan`, pushing them as deep as they can go. */
export function pushFilter(plan: LogicalPlan, parts: readonly BoundExpr[]): LogicalPlan {
  if (parts.length === 0) return plan;
  if (plan.kind === 'Scan') {
    const filter = and([...(plan.filter ? [plan.filter] : []), ...parts])!;
    return { ...plan, filter };
  }
  if (plan.kind === 'Filter') return pushFilter(plan.input, [...conjuncts(plan.predicate), ...parts]);
  if (plan.kind === 'Join' && plan.joinType !== 'FULL') {
    const leftIds = new Set(plan.left.output.map((c) => c.id));
    const rightIds = new Set(plan.right.output.map((c) => c.id));
    const toLeft: BoundExpr[] = [];
    const toRight: BoundExpr[] = [];
    const toJoin: BoundExpr[] = [];
    const stay: BoundExpr[] = [];
    const inner = plan.joinType === 'INNER' || plan.joinType === 'CROSS';
    for (const part of parts) {
      if (hasSubquery(part)) stay.push(part);
      else if (readsOnly(part, leftIds) && plan.joinType !== 'RIGHT') toLeft.push(part);
      else if (readsOnly(part, rightIds) && plan.joinType !== 'LEFT') toRight.push(part);
      else if (inner) toJoin.push(part);
      else stay.push(part);
    }
    const condition = and([...(plan.condition ? [plan.condition] : []), ...toJoin]);
    const joined: LogicalPlan = {
      ...plan, left: pushFilter(plan.left, toLeft), right: pushFilter(plan.right, toRight),
      joinType: plan.joinType === 'CROSS' && condition ? 'INNER' : plan.joinType,
      ...(condition ? { condition } : {}),
    };
    return stay.length > 0 ? { kind: 'Filter', input: joined, predicate: and(stay)!, output: joined.output } : joined;
  }
  return { kind: 'Filter', input: plan, predicate: and(parts)!, output: plan.output };
}

export const filterPushdown: OptimizerRule = {
  name: 'filter_pushdown',
  apply: (plan) => transformUp(plan, (node) => {
    if (node.kind === 'Filter') return pushFilter(node.input, conjuncts(node.predicate));
    if (node.kind === 'Join' && node.condition && (node.joinType === 'INNER')) {
      // ON conditions of inner joins that read one side only filter that side early.
      const parts = conjuncts(node.condition);
      const leftIds = new Set(node.left.output.map((c) => c.id));
      const rightIds = new Set(node.right.output.map((c) => c.id));
      const left = parts.filter((p) => !hasSubquery(p) && readsOnly(p, leftIds));
      const right = parts.filter((p) => !hasSubquery(p) && !left.includes(p) && readsOnly(p, rightIds));
      if (left.length === 0 && right.length === 0) return node;
      const rest = parts.filter((p) => !left.includes(p) && !right.includes(p));
      const condition = and(rest);
      return {
        ...node, left: pushFilter(node.left, left), right: pushFilter(node.right, right),
        joinType: condition ? 'INNER' : 'CROSS', ...(condition ? { condition } : { condition: undefined }),
      } as LogicalPlan;
    }
    return node;
  }),
};
