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
import type { ExtensionPruner } from '../optimizer-extensions.js';
import type { OptimizerRule } from '../optimizer-rule.js';

function idsOf(exprs: readonly BoundExpr[], into = new Set<number>()): Set<number> {
  for (const e of exprs) referencedIds(e, into);
  return into;
}

/** The database's pruner for an extension node, if it has one. */
type PrunerOf = (name: string) => ExtensionPruner | undefined;

function prune(plan: LogicalPlan, required: Set<number>, isRoot: boolean, prunerOf: PrunerOf): LogicalPlan {
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
      return { ...plan, exprs, output: indices.map((i) => plan.output[i]!), input: prune(plan.input, idsOf(exprs), false, prunerOf) };
    }
    case 'Filter': case 'Sort': case 'TopN': case 'Limit': {
      const input = prune(plan.input, needs(planExpressions(plan)), false, prunerOf);
      return { ...plan, input, output: input.output } as LogicalPlan;
    }
    case 'Distinct': {
      const input = prune(plan.input, plan.on ? needs(plan.on) : new Set(plan.input.output.map((c) => c.id)), false, prunerOf);
      return { ...plan, input, output: input.output };
    }
    case 'Aggregate':
      return { ...plan, input: prune(plan.input, idsOf(planExpressions(plan)), false, prunerOf) };
    case 'Join': {
      const all = needs(planExpressions(plan));
      // A LATERAL right side reads left columns as outer references: the left must keep them.
      if (plan.lateral) collectPlanIds(plan.right, all);
      const left = prune(plan.left, all, false, prunerOf);
      const right = prune(plan.right, all, false, prunerOf);
      return { ...plan, left, right, output: [...left.output, ...right.output] };
    }
    case 'SetOp': {
      // Set operations match columns by position: keep both sides whole.
      const left = prune(plan.left, new Set(plan.left.output.map((c) => c.id)), true, prunerOf);
      const right = prune(plan.right, new Set(plan.right.output.map((c) => c.id)), true, prunerOf);
      return { ...plan, left, right };
    }
    case 'Window': case 'ProjectSet': {
      const input = prune(plan.input, needs(planExpressions(plan)), false, prunerOf);
      const own = plan.output.slice(plan.input.output.length);
      return { ...plan, input, output: [...input.output, ...own] } as LogicalPlan;
    }
    case 'RecursiveUnion': {
      const anchor = prune(plan.anchor, new Set(plan.anchor.output.map((c) => c.id)), true, prunerOf);
      const recursive = prune(plan.recursive, new Set(plan.recursive.output.map((c) => c.id)), true, prunerOf);
      return { ...plan, anchor, recursive };
    }
    case 'WorkTableScan': return plan;
    // Every reference shares one run of the body: all of its columns stay.
    case 'CteScan': return { ...plan, input: prune(plan.input, new Set(plan.input.output.map((c) => c.id)), true, prunerOf) };
    case 'Extension': {
      const pruner = prunerOf(plan.name);
      if (pruner && !isRoot) return pruner(plan, required, (input, needed) => prune(input, needed, false, prunerOf));
      return { ...plan, inputs: plan.inputs.map((i) => prune(i, new Set(i.output.map((c) => c.id)), true, prunerOf)) };
    }
    case 'Values': case 'FunctionScan': return plan;
    default: return unreachable(plan);
  }
}

export const projectionPruning: OptimizerRule = {
  name: 'projection_pruning',
  apply: (plan, extensions) => prune(plan, new Set(plan.output.map((c) => c.id)), true, (name) => extensions?.pruner(name)),
};
