/**
 * The optimizer: applies the named rules in order to a logical plan (and to the plans inside
 * DML/DDL commands). A rule can be switched off by listing its name in the session setting
 * `thanosql.disabled_optimizers` (comma-separated), as DuckDB's disabled_optimizers.
 * Every rule keeps the output schema; optimize() checks that in one place.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { LogicalCommand, LogicalPlan, ModifyingCte } from '../planner/logical/logical-plan.js';
import { extensionRules } from './extension-rules.js';
import type { OptimizerRule } from './optimizer-rule.js';
import { constantFolding } from './rules/constant-folding.js';
import { filterPushdown } from './rules/filter-pushdown.js';
import { limitPushdown } from './rules/limit-pushdown.js';
import { postponeVolatile } from './rules/postpone-volatile.js';
import { projectionPruning } from './rules/projection-pruning.js';

/** The rules, in application order (pruning last: it sees the final filters). */
export const RULES: readonly OptimizerRule[] = [constantFolding, filterPushdown, limitPushdown, postponeVolatile, projectionPruning];

/** The setting naming rules to skip. */
export const DISABLED_SETTING = 'thanosql.disabled_optimizers';

/** Every rule's name, the extensions' included: what `thanosql.disabled_optimizers` may list. */
export function ruleNames(): string[] {
  return [...RULES, ...extensionRules()].map((rule) => rule.name);
}

export function disabledRules(setting: string | undefined): Set<string> {
  return new Set((setting ?? '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== ''));
}

function sameSchema(a: LogicalPlan, b: LogicalPlan): boolean {
  return a.output.length === b.output.length && a.output.every((c, i) =>
    c.id === b.output[i]!.id && c.name === b.output[i]!.name && c.type.id === b.output[i]!.type.id);
}

export function optimizePlan(plan: LogicalPlan, disabled: ReadonlySet<string> = new Set()): LogicalPlan {
  let current = plan;
  // Extension rules last: they see the final filters and pruned scans.
  for (const rule of [...RULES, ...extensionRules()]) {
    if (disabled.has(rule.name)) continue;
    const next = rule.apply(current);
    if (!sameSchema(current, next)) {
      throw new SqlError(SQLSTATE.InternalError, `optimizer rule ${rule.name} changed the output schema`);
    }
    current = next;
  }
  return current;
}

/** A statement's data-modifying WITH items, optimized like statements of their own. */
function modifyingCtes(command: { readonly modifyingCtes?: readonly ModifyingCte[] }, disabled: ReadonlySet<string>): { modifyingCtes?: ModifyingCte[] } {
  if (!command.modifyingCtes) return {};
  return { modifyingCtes: command.modifyingCtes.map((c) => ({ ...c, command: optimizeCommand(c.command, disabled) as ModifyingCte['command'] })) };
}

/** Optimizes the query plans inside a command. */
export function optimizeCommand(command: LogicalCommand, disabled: ReadonlySet<string> = new Set()): LogicalCommand {
  switch (command.kind) {
    case 'Query': return { ...command, plan: optimizePlan(command.plan, disabled), ...modifyingCtes(command, disabled) };
    case 'Insert': return { ...command, input: optimizePlan(command.input, disabled), ...modifyingCtes(command, disabled) };
    case 'Update': case 'Delete': return { ...command, ...modifyingCtes(command, disabled) };
    case 'CreateTableAs': case 'CopyTo': return { ...command, input: optimizePlan(command.input, disabled) };
    case 'Explain': return { ...command, inner: optimizeCommand(command.inner, disabled) };
    case 'CallProcedure': return { ...command, commands: command.commands.map((c) => optimizeCommand(c, disabled)) };
    default: return command;
  }
}
