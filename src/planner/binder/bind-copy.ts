/**
 * COPY binding: FROM STDIN targets (listed columns or all, defaults for the rest), TO STDOUT
 * sources (a table's columns or a query), and ThanoSQL's file COPY with OPTIONS(overwrite).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { CopyFrom, CopyTo, OptionValue, ThanoCopy } from '../../parser/ast.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { LogicalCopyFrom, LogicalCopyTo, LogicalPlan, LogicalThanoCopy } from '../logical/logical-plan.js';
import { plannedTable } from '../logical/planned-table.js';
import { bindRowChecks } from './bind-check-constraint.js';
import type { BindContext } from './bind-context.js';
import { bindQuery } from './bind-query.js';
import { defaultFor, findTargetColumn, hasDefault, rowColumns, targetTable } from './bind-target-table.js';

export function bindCopyFrom(bind: BindContext, statement: CopyFrom): LogicalCopyFrom {
  const table = targetTable(bind, statement.table, 'copy in');
  const targets = statement.columns
    ? statement.columns.map((name) => table.columns[findTargetColumn(table, name, bind)]!) : [...table.columns];
  const ids = new Set(targets.map((c) => c.id));
  const defaults = new Map<number, BoundExpr>();
  for (const column of table.columns) {
    if (!ids.has(column.id) && hasDefault(column)) defaults.set(column.id, defaultFor(bind, column));
  }
  const checks = bindRowChecks(bind, table);
  return { kind: 'CopyFrom', table: plannedTable(table), targets, defaults, options: statement.options, ...(checks ? { checks } : {}) };
}

export function bindCopyTo(bind: BindContext, statement: CopyTo): LogicalCopyTo {
  const source = statement.source;
  let input: LogicalPlan;
  if (source.kind === 'query') input = bindQuery(bind, source.query);
  else {
    const table = targetTable(bind, source.table, 'copy out');
    const all = rowColumns(bind, table);
    const picked = source.columns ? source.columns.map((name) => all[findTargetColumn(table, name, bind)]!) : all;
    input = { kind: 'Scan', table: plannedTable(table), columnIds: picked.map((c) => table.columns[c.attnum - 1]!.id), output: picked };
  }
  return { kind: 'CopyTo', input, options: statement.options };
}

function optionBool(value: OptionValue | undefined, name: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['true', 't', '1', 'on', 'yes'].includes(text)) return true;
  if (['false', 'f', '0', 'off', 'no'].includes(text)) return false;
  throw new SqlError(SQLSTATE.InvalidParameterValue, `option "${name}" must be True or False`);
}

export function bindThanoCopy(_bind: BindContext, statement: ThanoCopy): LogicalThanoCopy {
  for (const key of Object.keys(statement.options)) {
    if (key.toLowerCase() !== 'overwrite') throw new SqlError(SQLSTATE.InvalidParameterValue, `unrecognized COPY option "${key}"`);
  }
  const overwriteKey = Object.keys(statement.options).find((k) => k.toLowerCase() === 'overwrite');
  return {
    kind: 'ThanoCopy', table: statement.table, path: statement.path,
    overwrite: optionBool(overwriteKey ? statement.options[overwriteKey] : undefined, 'overwrite'),
  };
}
