/** Public surface of optimizer/: optimize logical plans with named, individually disableable rules. */
export { optimizePlan, optimizeCommand, disabledRules, DISABLED_SETTING, RULES, ruleNames } from './optimize.js';
export type { OptimizerRule } from './optimizer-rule.js';
export type { ExtensionPruner, PruneInput, OptimizerExtensions } from './optimizer-extensions.js';
