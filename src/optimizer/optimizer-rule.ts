/**
 * The optimizer rule contract: a named rewrite of a logical plan that keeps the plan's
 * output schema (ids, names, types) unchanged. Rules are listed in optimize.ts in order.
 */
import type { LogicalPlan } from '../planner/logical/logical-plan.js';
import type { OptimizerExtensions } from './optimizer-extensions.js';

export interface OptimizerRule {
  /** Stable name, used in the `thanosql.disabled_optimizers` setting. */
  readonly name: string;
  /** `extensions`: the database's registry (projection pruning asks it for extension nodes' pruners). */
  apply(plan: LogicalPlan, extensions?: OptimizerExtensions): LogicalPlan;
}
