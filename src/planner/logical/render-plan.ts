/**
 * The EXPLAIN text of a logical plan: one line per operator, children indented under
 * `->`, as PostgreSQL lays plans out. Tests assert on it to check optimizer rules.
 */
import { unreachable } from '../../common/sql-error.js';
import type { SortKey } from './bound-expr.js';
import type { LogicalCommand, LogicalPlan } from './logical-plan.js';
import { planChildren } from './plan-children.js';
import { renderExpr } from './render-expr.js';

const INDENT = '  ';

function keys(sortKeys: readonly SortKey[]): string {
  return sortKeys.map((k) => `${renderExpr(k.expr)}${k.descending ? ' DESC' : ''}${k.nullsFirst !== k.descending ? (k.nullsFirst ? ' NULLS FIRST' : ' NULLS LAST') : ''}`).join(', ');
}

/** The one-line description of a node. */
export function describeNode(plan: LogicalPlan): string {
  switch (plan.kind) {
    case 'Scan': return `Scan ${plan.table.name} [${plan.output.map((c) => c.name).join(', ')}]${plan.filter ? ` filter=${renderExpr(plan.filter)}` : ''}`;
    case 'Filter': return `Filter ${renderExpr(plan.predicate)}`;
    case 'Project': return `Project ${plan.exprs.map(renderExpr).join(', ')}`;
    case 'Aggregate': return `Aggregate groups=[${plan.groups.map(renderExpr).join(', ')}] aggs=[${plan.aggregates.map((a) =>
      `${a.name}(${a.distinct ? 'DISTINCT ' : ''}${a.args.map(renderExpr).join(', ')})`).join(', ')}]${plan.groupingSets
      ? ` sets=[${plan.groupingSets.map((set) => `(${set.map((i) => renderExpr(plan.groups[i]!)).join(', ')})`).join(', ')}]` : ''}`;
    case 'Sort': return `Sort ${keys(plan.keys)}`;
    case 'TopN': return `TopN limit=${renderExpr(plan.limit)}${plan.offset ? ` offset=${renderExpr(plan.offset)}` : ''} ${keys(plan.keys)}`;
    case 'Limit': return `Limit${plan.limit ? ` limit=${renderExpr(plan.limit)}` : ''}${plan.ties ? ' with ties' : ''}${plan.offset ? ` offset=${renderExpr(plan.offset)}` : ''}`;
    case 'Join': return `${plan.lateral ? 'Lateral ' : ''}${plan.joinType === 'CROSS' ? 'Cross' : plan.joinType.charAt(0) + plan.joinType.slice(1).toLowerCase()} Join${plan.condition ? ` on ${renderExpr(plan.condition)}` : ''}`;
    case 'Distinct': return plan.on ? `Distinct on ${plan.on.map(renderExpr).join(', ')}` : 'Distinct';
    case 'SetOp': return `${plan.op}${plan.all ? ' ALL' : ''}`;
    case 'Values': return `Values ${plan.rows.length} row${plan.rows.length === 1 ? '' : 's'}`;
    case 'FunctionScan': return `Function Scan ${plan.fn.name}(${plan.fn.args.map(renderExpr).join(', ')})`;
    case 'Window': return `WindowAgg ${plan.functions.map((f) => `${f.name}(${f.args.map(renderExpr).join(', ')}) over (${
      f.partitionBy.length > 0 ? `partition by ${f.partitionBy.map(renderExpr).join(', ')}` : ''}${
      f.partitionBy.length > 0 && f.orderBy.length > 0 ? ' ' : ''}${f.orderBy.length > 0 ? `order by ${keys(f.orderBy)}` : ''})`).join(', ')}`;
    case 'ProjectSet': return `ProjectSet ${plan.functions.map((f) => `${f.fn.name}(${f.fn.args.map(renderExpr).join(', ')})`).join(', ')}`;
    case 'RecursiveUnion': return `Recursive Union${plan.all ? ' ALL' : ''}`;
    case 'WorkTableScan': return `WorkTable Scan on ${plan.name}`;
    case 'CteScan': return `CTE Scan on ${plan.name}`;
    case 'Extension': return plan.describe;
    default: return unreachable(plan);
  }
}

/** The plan as text lines. */
export function renderPlan(plan: LogicalPlan, depth = 0): string[] {
  const prefix = depth === 0 ? '' : `${INDENT.repeat(depth)}-> `;
  return [`${prefix}${describeNode(plan)}`, ...planChildren(plan).flatMap((child) => renderPlan(child, depth + 1))];
}

/** A command's EXPLAIN text. */
export function renderCommand(command: LogicalCommand): string[] {
  switch (command.kind) {
    case 'Query': return renderPlan(command.plan);
    case 'Insert': return [`Insert on ${command.table.name}`, ...renderPlan(command.input, 1)];
    case 'Update': return [`Update on ${command.table.name}${command.predicate ? ` where ${renderExpr(command.predicate)}` : ''}`];
    case 'Delete': return [`Delete on ${command.table.name}${command.predicate ? ` where ${renderExpr(command.predicate)}` : ''}`];
    case 'CreateTableAs': return [`Create Table ${command.name}`, ...renderPlan(command.input, 1)];
    case 'CopyTo': return ['Copy To', ...renderPlan(command.input, 1)];
    case 'Explain': return renderCommand(command.inner);
    default: return [command.kind];
  }
}
