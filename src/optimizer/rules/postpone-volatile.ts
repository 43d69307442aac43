/**
 * Volatile select-list expressions are computed after the sort (PostgreSQL's
 * make_sort_input_target): in `SELECT nextval('s'), g … ORDER BY g LIMIT 3` the sequence
 * advances for the three rows returned, in output order, not for every input row before
 * sorting. Sort/TopN over a projection becomes projection (volatile expressions, the rest
 * passed through) over Sort/TopN over projection (everything else plus the input columns the
 * volatile expressions read). Expressions the sort keys read stay below it.
 */
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { LogicalPlan, OutputColumn } from '../../planner/logical/logical-plan.js';
import { referencedIds } from '../../planner/logical/map-expr.js';
import { transformUp } from '../../planner/logical/plan-children.js';
import { isVolatileExpr } from '../../planner/logical/volatile-expr.js';
import type { OptimizerRule } from '../optimizer-rule.js';

const columnRef = (c: OutputColumn): BoundExpr => ({ kind: 'ColumnRef', type: c.type, id: c.id, name: c.name });

export const postponeVolatile: OptimizerRule = {
  name: 'postpone_volatile',
  apply: (plan) => transformUp(plan, (node): LogicalPlan => {
    if ((node.kind !== 'Sort' && node.kind !== 'TopN') || node.input.kind !== 'Project') return node;
    const project = node.input;
    const keyIds = new Set<number>();
    for (const key of node.keys) referencedIds(key.expr, keyIds);
    const late = project.exprs.map((e, i) => !keyIds.has(project.output[i]!.id) && isVolatileExpr(e));
    if (!late.includes(true)) return node;
    const early = project.output.filter((_, i) => !late[i]);
    const earlyIds = new Set(early.map((c) => c.id));
    const read = new Set<number>();
    project.exprs.forEach((e, i) => { if (late[i]) referencedIds(e, read); });
    const passed = project.input.output.filter((c) => read.has(c.id) && !earlyIds.has(c.id));
    const lower: LogicalPlan = {
      kind: 'Project', input: project.input,
      exprs: [...project.exprs.filter((_, i) => !late[i]), ...passed.map(columnRef)],
      output: [...early, ...passed],
    };
    const exprs = project.output.map((c, i) => (late[i] ? project.exprs[i]! : columnRef(c)));
    if (node.kind === 'TopN' && node.offset) {
      // PostgreSQL computes them for the OFFSET rows too: a sort, then LIMIT over the
      // projection (the executor caps its input at LIMIT + OFFSET rows, physical-row-cap.ts).
      const sorted: LogicalPlan = { kind: 'Sort', input: lower, keys: node.keys, output: lower.output };
      const upper: LogicalPlan = { kind: 'Project', input: sorted, exprs, output: project.output };
      return { kind: 'Limit', input: upper, limit: node.limit, offset: node.offset, output: project.output };
    }
    return { kind: 'Project', input: { ...node, input: lower, output: lower.output }, exprs, output: project.output };
  }),
};
