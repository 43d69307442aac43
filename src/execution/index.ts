/**
 * Public surface of execution/: `prepareStatement` (the engine's entry point for every
 * statement touching tables or computing values), the statement contract types, and the
 * extension hook for physical operators.
 */
export { sessionSequenceValues } from './sequence-access.js';
export type * from './statement-api.js';
export { registerPhysicalPlanner, type ExtensionPhysicalPlanner } from './physical-planner.js';
export { registerIndexMethod, type IndexMethod } from './commands/index-methods.js';
export type { PhysicalOperator } from './physical-operator.js';
export type { ExecContext } from './exec-context.js';
