/**
 * `FROM a, b JOIN LATERAL (… a.x …) s ON c`: the LATERAL item inside the join reads `a`, so the
 * join `b ⋈ s` as a whole runs again for every row of `a` — a scan of `b` per row of `a`. When
 * `b` reads nothing of `a` and the inner join is INNER (or CROSS), it is the same rows as
 * `(a ×lateral s) ⋈c b` (inner joins associate), where `s` runs per row of `a` and `b` once, and
 * the condition can become a hash join. A projection above puts the columns back in the
 * written order (a, b, s). Volatile sides stay as written: how often they run is
 * part of their meaning.
 */
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { LogicalPlan, OutputColumn } from '../../planner/logical/logical-plan.js';
import { collectPlanIds } from '../../planner/logical/map-expr.js';
import { transformUp } from '../../planner/logical/plan-children.js';
import { isVolatilePlan } from '../../planner/logical/volatile-expr.js';
import type { OptimizerRule } from '../optimizer-rule.js';

const columnRef = (c: OutputColumn): BoundExpr => ({ kind: 'ColumnRef', type: c.type, id: c.id, name: c.name });

const reads = (plan: LogicalPlan, columns: readonly OutputColumn[]): boolean => {
  const ids = collectPlanIds(plan);
  return columns.some((c) => ids.has(c.id));
};

export const lateralReassociation: OptimizerRule = {
  name: 'lateral_reassociation',
  apply: (plan) => transformUp(plan, (node): LogicalPlan => {
    if (node.kind !== 'Join' || !node.lateral || node.joinType !== 'CROSS' || node.condition) return node;
    const inner = node.right;
    if (inner.kind !== 'Join' || (inner.joinType !== 'INNER' && inner.joinType !== 'CROSS') || inner.lateral) return node;
    const { left: outer } = node;
    const { left: b, right: s } = inner;
    if (reads(b, outer.output) || !reads(s, outer.output)) return node;
    if (isVolatilePlan(b) || isVolatilePlan(s)) return node;
    const lateral: LogicalPlan = { kind: 'Join', joinType: 'CROSS', left: outer, right: s, lateral: true, output: [...outer.output, ...s.output] };
    const joined: LogicalPlan = {
      kind: 'Join', joinType: inner.condition ? 'INNER' : 'CROSS', left: lateral, right: b,
      ...(inner.condition ? { condition: inner.condition } : {}), output: [...lateral.output, ...b.output],
    };
    return { kind: 'Project', input: joined, exprs: node.output.map(columnRef), output: node.output };
  }),
};
