/**
 * Projection pruning through extension nodes. An extension that knows which input columns its
 * node reads registers a pruner for the node's name (as it registers a physical planner), so
 * the scans below it read only those columns; a node without one keeps its inputs whole.
 *
 * @example
 * registerExtensionPruner('ClipSearch', (node, required, prune) => ({ ...node, inputs: [prune(node.inputs[0]!, needed)] }));
 */
import type { LogicalExtension, LogicalPlan } from '../planner/logical/logical-plan.js';

/** Prunes a child plan to the column ids its parent needs (never the root, so it may drop columns). */
export type PruneInput = (plan: LogicalPlan, required: Set<number>) => LogicalPlan;

/**
 * Returns `node` with pruned inputs, given the column ids needed above it. It must keep every
 * column in `required` in its output, and fix up anything positional in its payload.
 */
export type ExtensionPruner = (node: LogicalExtension, required: ReadonlySet<number>, prune: PruneInput) => LogicalExtension;

const pruners = new Map<string, ExtensionPruner>();

/** Registers (or replaces) the pruner for extension nodes named `name`. */
export function registerExtensionPruner(name: string, pruner: ExtensionPruner): void {
  pruners.set(name, pruner);
}

export function extensionPruner(name: string): ExtensionPruner | undefined {
  return pruners.get(name);
}
