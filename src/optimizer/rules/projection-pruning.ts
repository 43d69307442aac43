/**
 * Projection pruning: walks the plan top-down with the set of column ids each node's parent
 * needs, so scans read only the column ids actually used (embedding columns are large) and
 * projections drop unused expressions. The root keeps its output exactly.
 */
import { unreachable } from '../../common/sql-error.js';
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { LogicalPlan } from '../../planner/logical/logical-plan.js';
import { collectPlanIds, referencedIds } from '../../planner/logical/map-expr.js';
import { planExpressions } from '../../planner/logical/plan-children.js';
import { extensionPruner } from '../extension-pruners.js';
import type { OptimizerRule } from '../optimizer-rule.js';

function idsOf(exprs: readonly BoundExpr[], into = new Set<number>()): Set<number> {
  for (const e of exprs) referencedIds(e, into);
  return into;
}

function prune(plan: LogicalPlan, required: Set<number>, isRoot: boolean): LogicalPlan {
  const needs = (extra: readonly BoundExpr[]) => idsOf(extra, new Set(required));
  switch (plan.kind) {
    case 'Scan': {
      const keep = idsOf(plan.filter ? [plan.filter] : [], new Set(required));
      const indices = plan.output.map((c, i) => (keep.has(c.id) ? i : -1)).filter((i) => i >= 0);
      return { ...plan, output: indices.map((i) => plan.output[i]!), columnIds: indices.map((i) => plan.columnIds[i]!) };
    }
    case 'Project': {
      const indices = plan.output.map((c, i) => (isRoot || required.has(c.id) ? i : -1)).filter((i) => i >= 0);
      const exprs = indices.map((i) => plan.exprs[i]!);
      return { ...plan, exprs, output: indices.map((i) => plan.output[i]!), input: prune(plan.input, idsOf(exprs), false) };
    }
    case 'Filter': case 'Sort': case 'TopN': case 'Limit': {
      const input = prune(plan.input, needs(planExpressions(plan)), false);
      return { ...plan, input, output: input.output } as LogicalPlan;
    }
    case 'Distinct': {
      const input = prune(plan.input, plan.on ? needs(plan.on) : new Set(plan.input.output.map((c) => c.id)), false);
      return { ...plan, input, output: input.output };
    }
    case 'Aggregate':
      return { ...plan, input: prune(plan.input, idsOf(planExpressions(plan)), false) };
    case 'Join': {
      const all = needs(planExpressions(plan));
      // A LATERAL right side reads left columns as outer references: the left must keep them.
      if (plan.lateral) collectPlanIds(plan.right, all);
      const left = prune(plan.left, all, false);
      const right = prune(plan.right, all, false);
      return { ...plan, left, right, output: [...left.output, ...right.output] };
    }
    case 'SetOp': {
      // Set operations match columns by position: keep both sides whole.
      const left = prune(plan.left, new Set(plan.left.output.map((c) => c.id)), true);
      const right = prune(plan.right, new Set(plan.right.output.map((c) => c.id)), true);
      return { ...plan, left, right };
    }
    case 'Window': case 'ProjectSet': {
      const input = prune(plan.input, needs(planExpressions(plan)), false);
      const own = plan.output.slice(plan.input.output.length);
      return { ...plan, input, output: [...input.output, ...own] } as LogicalPlan;
    }
    case 'RecursiveUnion': {
      const anchor = prune(plan.anchor, new Set(plan.anchor.output.map((c) => c.id)), true);
      const recursive = prune(plan.recursive, new Set(plan.recursive.output.map((c) => c.id)), true);
      return { ...plan, anchor, recursive };
    }
    case 'WorkTableScan': return plan;
    // Every reference shares one run of the body: all of its columns stay.
    case 'CteScan': return { ...plan, input: prune(plan.input, new Set(plan.input.output.map((c) => c.id)), true) };
    case 'Extension': {
      const pruner = extensionPruner(plan.name);
      if (pruner && !isRoot) return pruner(plan, required, (input, needed) => prune(input, needed, false));
      return { ...plan, inputs: plan.inputs.map((i) => prune(i, new Set(i.output.map((c) => c.id)), true)) };
    }
    case 'Values': case 'FunctionScan': return plan;
    default: return unreachable(plan);
  }
}

export const projectionPruning: OptimizerRule = {
  name: 'projection_pruning',
  apply: (plan) => prune(plan, new Set(plan.output.map((c) => c.id)), true),
};
