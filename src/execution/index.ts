/**
 * Public surface of execution/: `planPhysical` (the engine's statement driver turns an
 * optimized command into a runnable one), the statement contract types, and the extension
 * hook for physical operators.
 */
export { planPhysical, type PhysicalCommand } from './physical-command.js';
export { createExecContext } from './exec-context.js';
export { sessionSequenceValues } from './sequence-access.js';
export type * from './statement-api.js';
export type { ExtensionPhysicalPlanner } from './physical-planner.js';
export type { IndexMethod } from './commands/index-methods.js';
export type { ExecutorExtensions } from './executor-extensions.js';
export type { PhysicalOperator } from './physical-operator.js';
export type { ExecContext } from './exec-context.js';
