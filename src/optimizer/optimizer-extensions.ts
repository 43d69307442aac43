/**
 * The optimizer's view of a database's extension registry (execution/extension-registry.ts):
 * rules extensions add (the CLIP extension's `search_top_k`) and projection pruners for their
 * nodes. The engine hands it to `optimizeCommand` per statement, so two databases in one process
 * optimize with their own extensions only. Extension rules run after the built-in ones, in the
 * order they were added, so they see the final filters and pruned scans; like the built-in ones
 * they are named, keep the output schema, and can be disabled per session.
 *
 * @example
 * registry.addRule({ name: 'search_top_k', apply: (plan) => transformUp(plan, rewrite) });
 * registry.addPruner('ClipSearch', (node, required, prune) => ({ ...node, inputs: [prune(node.inputs[0]!, needed)] }));
 */
import type { LogicalExtension, LogicalPlan } from '../planner/logical/logical-plan.js';
import type { OptimizerRule } from './optimizer-rule.js';

/** Prunes a child plan to the column ids its parent needs (never the root, so it may drop columns). */
export type PruneInput = (plan: LogicalPlan, required: Set<number>) => LogicalPlan;

/**
 * Returns `node` with pruned inputs, given the column ids needed above it. It must keep every
 * column in `required` in its output, and fix up anything positional in its payload. A node
 * without a pruner keeps its inputs whole.
 */
export type ExtensionPruner = (node: LogicalExtension, required: ReadonlySet<number>, prune: PruneInput) => LogicalExtension;

/** What the optimizer asks of the registry. */
export interface OptimizerExtensions {
  /** Rules applied after the built-in ones, in the order they were added. */
  rules(): readonly OptimizerRule[];
  pruner(name: string): ExtensionPruner | undefined;
}
