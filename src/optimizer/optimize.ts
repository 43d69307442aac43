/**
 * The optimizer: applies the named rules in order to a logical plan (and to the plans inside
 * DML/DDL commands). A rule can be switched off by listing its name in the session setting
 * `thanosql.disabled_optimizers` (comma-separated), as DuckDB's disabled_optimizers.
 * Every rule keeps the output schema; optimize() checks that in one place.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { LogicalCommand, LogicalPlan, ModifyingCte } from '../planner/logical/logical-plan.js';
import type { OptimizerExtensions } from './optimizer-extensions.js';
import type { OptimizerRule } from './optimizer-rule.js';
import { constantFolding } from './rules/constant-folding.js';
import { filterPushdown } from './rules/filter-pushdown.js';
import { lateralReassociation } from './rules/lateral-reassociation.js';
import { limitPushdown } from './rules/limit-pushdown.js';
import { postponeVolatile } from './rules/postpone-volatile.js';
import { projectionPruning } from './rules/projection-pruning.js';

/** The rules, in application order (pruning last: it sees the final filters). */
export const RULES: readonly OptimizerRule[] = [constantFolding, lateralReassociation, filterPushdown, limitPushdown, postponeVolatile, projectionPruning];

/** The setting naming rules to skip. */
export const DISABLED_SETTING = 'thanosql.disabled_optimizers';

/** Every rule's name, a database's extensions' included: what `thanosql.disabled_optimizers` may list. */
export function ruleNames(extensions?: OptimizerExtensions): string[] {
  return [...RULES, ...(extensions?.rules() ?? [])].map((rule) => rule.name);
}

export function disabledRules(setting: string | undefined): Set<string> {
  return new Set((setting ?? '').split(',').map((s) => s.trim().toLowerCase()).filter((s) => s !== ''));
}

function sameSchema(a: LogicalPlan, b: LogicalPlan): boolean {
  return a.output.length === b.output.length && a.output.every((c, i) =>
    c.id === b.output[i]!.id && c.name === b.output[i]!.name && c.type.id === b.output[i]!.type.id);
}

/** Applies the built-in rules, then the database's extension rules (`extensions`), minus `disabled`. */
export function optimizePlan(plan: LogicalPlan, disabled: ReadonlySet<string> = new Set(), extensions?: OptimizerExtensions): LogicalPlan {
  let current = plan;
  // Extension rules last: they see the final filters and pruned scans.
  for (const rule of [...RULES, ...(extensions?.rules() ?? [])]) {
    if (disabled.has(rule.name)) continue;
    const next = rule.apply(current, extensions);
    if (!sameSchema(current, next)) {
      throw new SqlError(SQLSTATE.InternalError, `optimizer rule ${rule.name} changed the output schema`);
    }
    current = next;
  }
  return current;
}

/** A statement's data-modifying WITH items, optimized like statements of their own. */
function modifyingCtes(command: { readonly modifyingCtes?: readonly ModifyingCte[] }, disabled: ReadonlySet<string>,
  extensions: OptimizerExtensions | undefined): { modifyingCtes?: ModifyingCte[] } {
  if (!command.modifyingCtes) return {};
  return { modifyingCtes: command.modifyingCtes.map((c) => ({ ...c, command: optimizeCommand(c.command, disabled, extensions) as ModifyingCte['command'] })) };
}

/** Optimizes the query plans inside a command (`extensions`: the database's registry). */
export function optimizeCommand(command: LogicalCommand, disabled: ReadonlySet<string> = new Set(), extensions?: OptimizerExtensions): LogicalCommand {
  const plan = (p: LogicalPlan) => optimizePlan(p, disabled, extensions);
  switch (command.kind) {
    case 'Query': return { ...command, plan: plan(command.plan), ...modifyingCtes(command, disabled, extensions) };
    case 'Insert': return { ...command, input: plan(command.input), ...modifyingCtes(command, disabled, extensions) };
    case 'Update': case 'Delete': return { ...command, ...modifyingCtes(command, disabled, extensions) };
    case 'CreateTableAs': case 'CopyTo': return { ...command, input: plan(command.input) };
    case 'Explain': return { ...command, inner: optimizeCommand(command.inner, disabled, extensions) };
    case 'CallProcedure': return { ...command, commands: command.commands.map((c) => optimizeCommand(c, disabled, extensions)) };
    default: return command;
  }
}
