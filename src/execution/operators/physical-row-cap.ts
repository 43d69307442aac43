/**
 * LIMIT over projections that compute volatile values (`SELECT nextval('s') FROM t LIMIT 3`):
 * a projection computes a whole batch at once, so without a cap below it the sequence would
 * advance for up to a batch of rows the LIMIT then drops. The cap passes at most LIMIT +
 * OFFSET rows into the projections — the rows PostgreSQL computes them for (it computes the
 * skipped OFFSET rows too).
 */
import type { LogicalPlan } from '../../planner/logical/logical-plan.js';
import { isVolatileExpr } from '../../planner/logical/volatile-expr.js';
import type { ExecContext } from '../exec-context.js';
import type { PhysicalOperator } from '../physical-operator.js';
import { rowCount } from './physical-limit.js';
import { physicalProject } from './physical-project.js';

type LimitPlan = Extract<LogicalPlan, { kind: 'Limit' }>;

/** The operator under a LIMIT: its input as built by `build`, capped when it projects volatile values. */
export function limitInput(plan: LimitPlan, build: (plan: LogicalPlan) => PhysicalOperator): PhysicalOperator {
  const projects: Extract<LogicalPlan, { kind: 'Project' }>[] = [];
  let below = plan.input;
  while (below.kind === 'Project') {
    projects.push(below);
    below = below.input;
  }
  const bounds = [plan.limit, plan.offset].filter((e) => e !== undefined);
  // WITH TIES needs the rows after the limit; a volatile LIMIT must be evaluated only once.
  if (plan.ties || bounds.some(isVolatileExpr) || !projects.some((p) => p.exprs.some(isVolatileExpr))) return build(plan.input);
  let op = physicalRowCap(build(below), plan);
  for (const project of projects.reverse()) op = physicalProject(op, project.exprs, project.output.map((c) => c.id));
  return op;
}

function physicalRowCap(input: PhysicalOperator, plan: LimitPlan): PhysicalOperator {
  return {
    columnIds: input.columnIds,
    async *execute(ctx: ExecContext) {
      let remaining = await rowCount(plan.limit, ctx, 'LIMIT') + await rowCount(plan.offset, ctx, 'OFFSET');
      if (remaining <= 0) return;
      for await (const batch of input.execute(ctx)) {
        if (batch.length >= remaining) {
          yield batch.slice(0, remaining);
          return;
        }
        remaining -= batch.length;
        yield batch;
      }
    },
  };
}
