/**
 * Rules contributed by extensions (the CLIP extension's `search_top_k`). They run after the
 * built-in rules, in registration order, so they see the final filters and pruned scans; like
 * the built-in ones they are named, keep the output schema, and can be disabled per session.
 *
 * @example
 * registerExtensionRule({ name: 'search_top_k', apply: (plan) => transformUp(plan, rewrite) });
 */
import type { OptimizerRule } from './optimizer-rule.js';

const rules = new Map<string, OptimizerRule>();

/** Registers (or replaces, by name) a rule applied after the built-in ones. */
export function registerExtensionRule(rule: OptimizerRule): void {
  rules.set(rule.name, rule);
}

export function extensionRules(): readonly OptimizerRule[] {
  return [...rules.values()];
}
