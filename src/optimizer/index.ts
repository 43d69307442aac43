/** Public surface of optimizer/: optimize logical plans with named, individually disableable rules. */
export { optimizePlan, optimizeCommand, disabledRules, DISABLED_SETTING, RULES, ruleNames } from './optimize.js';
export type { OptimizerRule } from './optimizer-rule.js';
export { registerExtensionPruner, type ExtensionPruner, type PruneInput } from './extension-pruners.js';
export { registerExtensionRule } from './extension-rules.js';
