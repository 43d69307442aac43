/**
 * Top-N: `ORDER BY … LIMIT k [OFFSET m]` becomes one TopN node that keeps a bounded heap of
 * k+m rows instead of sorting the whole input.
 */
import type { LogicalPlan } from '../../planner/logical/logical-plan.js';
import { transformUp } from '../../planner/logical/plan-children.js';
import type { OptimizerRule } from '../optimizer-rule.js';

export const limitPushdown: OptimizerRule = {
  name: 'limit_pushdown',
  apply: (plan) => transformUp(plan, (node): LogicalPlan => {
    if (node.kind !== 'Limit' || !node.limit || node.ties || node.input.kind !== 'Sort') return node;
    const sort = node.input;
    return {
      kind: 'TopN', input: sort.input, keys: sort.keys, limit: node.limit,
      ...(node.offset ? { offset: node.offset } : {}), output: node.output,
    };
  }),
};
