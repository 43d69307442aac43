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
import { checkCopyColumnsOnce, forcedPositions } from './bind-copy-columns.js';
import { bindCopyWhere } from './bind-copy-where.js';
import { bindQuery } from './bind-query.js';
import { defaultFor, findTargetColumn, hasDefault, rowColumns, targetTable } from './bind-target-table.js';
import { bindPartitionedWrite } from './bind-write-members.js';

export function bindCopyFrom(bind: BindContext, statement: CopyFrom): LogicalCopyFrom {
  const table = targetTable(bind, statement.table, 'copy in');
  if (statement.columns) checkCopyColumnsOnce(statement.columns, bind);
  const targets = statement.columns
    ? statement.columns.map((name) => table.columns[findTargetColumn(table, name, bind)]!) : [...table.columns];
  const ids = new Set(targets.map((c) => c.id));
  const defaults = new Map<number, BoundExpr>();
  for (const column of table.columns) {
    if (!ids.has(column.id) && hasDefault(column)) defaults.set(column.id, defaultFor(bind, column));
  }
  const checks = bindRowChecks(bind, table);
  const where = statement.where ? bindCopyWhere(bind, table, statement.where) : undefined;
  const copied = targets.map((c) => c.name);
  const all = table.columns.map((c) => c.name);
  const forceNotNull = forcedPositions('FORCE_NOT_NULL', statement.options.forceNotNull, copied, all, table.name);
  const forceNull = forcedPositions('FORCE_NULL', statement.options.forceNull, copied, all, table.name);
  const partitions = bindPartitionedWrite(bind, table, rowColumns(bind, table));
  return {
    kind: 'CopyFrom', table: plannedTable(table), targets, defaults, options: statement.options, ...(checks ? { checks } : {}),
    ...(forceNotNull ? { forceNotNull } : {}), ...(forceNull ? { forceNull } : {}), ...(where ? { where } : {}),
    ...(partitions ? { partitions } : {}),
  };
}

export function bindCopyTo(bind: BindContext, statement: CopyTo): LogicalCopyTo {
  const source = statement.source;
  let input: LogicalPlan;
  let all: readonly string[];
  let relation: string | undefined;
  if (source.kind === 'query') {
    input = bindQuery(bind, source.query);
    all = input.output.map((c) => c.name);
  } else {
    const table = targetTable(bind, source.table, 'copy out');
    if (source.columns) checkCopyColumnsOnce(source.columns, bind);
    const columns = rowColumns(bind, table);
    const picked = source.columns ? source.columns.map((name) => columns[findTargetColumn(table, name, bind)]!) : columns;
    input = { kind: 'Scan', table: plannedTable(table), columnIds: picked.map((c) => table.columns[c.attnum - 1]!.id), output: picked };
    all = columns.map((c) => c.name);
    relation = table.name;
  }
  const copied = input.output.map((c) => c.name);
  const named = statement.options.forceQuote;
  const forceQuote = named === '*' ? copied.map((_, i) => i) : forcedPositions('FORCE_QUOTE', named, copied, all, relation);
  return { kind: 'CopyTo', input, options: statement.options, ...(forceQuote ? { forceQuote } : {}) };
}

function optionBool(value: OptionValue | undefined, name: string): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['true', 't', '1', 'on', 'yes'].includes(text)) return true;
  if (['false', 'f', '0', 'off', 'no'].includes(text)) return false;
  throw new SqlError(SQLSTATE.InvalidParameterValue, `option "${name}" must be True or False`);
}

/** ThanoSQL's two spellings of "what if the table exists": `overwrite` (2022) and `if_exists` (Nov 2023). */
const THANO_COPY_OPTIONS = ['overwrite', 'if_exists'];
const IF_EXISTS_VALUES = ['fail', 'replace', 'append'];

/** `if_exists='append'`: into the table if it exists (else COPY creates it, as pandas' to_sql does). */
function bindThanoAppend(bind: BindContext, statement: ThanoCopy): LogicalThanoCopy {
  const plan: LogicalThanoCopy = { kind: 'ThanoCopy', table: statement.table, path: statement.path, overwrite: false };
  if (!bind.lookupTable(statement.table)) return plan;
  const table = targetTable(bind, statement.table, 'copy in');
  if (bindPartitionedWrite(bind, table, rowColumns(bind, table))) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `COPY … OPTIONS(if_exists='append') into partitioned table "${table.name}" is not supported`,
      { hint: `COPY ${table.name} FROM STDIN (FORMAT csv, HEADER) routes rows to partitions` });
  }
  // Every default is bound: which columns the file leaves out is known only once its header is read.
  const defaults = new Map<number, BoundExpr>();
  for (const column of table.columns) if (hasDefault(column)) defaults.set(column.id, defaultFor(bind, column));
  const checks = bindRowChecks(bind, table);
  return { ...plan, append: { table: plannedTable(table), defaults, ...(checks ? { checks } : {}) } };
}

export function bindThanoCopy(bind: BindContext, statement: ThanoCopy): LogicalThanoCopy {
  for (const key of Object.keys(statement.options)) {
    if (!THANO_COPY_OPTIONS.includes(key.toLowerCase())) throw new SqlError(SQLSTATE.InvalidParameterValue, `unrecognized COPY option "${key}"`);
  }
  const valueOf = (name: string) => {
    const key = Object.keys(statement.options).find((k) => k.toLowerCase() === name);
    return key === undefined ? undefined : statement.options[key];
  };
  const overwrite = optionBool(valueOf('overwrite'), 'overwrite');
  const ifExists = valueOf('if_exists');
  if (ifExists === undefined || ifExists === null) return { kind: 'ThanoCopy', table: statement.table, path: statement.path, overwrite };
  const mode = String(ifExists).toLowerCase();
  if (!IF_EXISTS_VALUES.includes(mode)) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `option "if_exists" must be one of ${IF_EXISTS_VALUES.map((v) => `'${v}'`).join(', ')}, got ${JSON.stringify(ifExists)}`);
  }
  if (valueOf('overwrite') !== undefined) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, 'COPY takes either overwrite or if_exists, not both');
  }
  if (mode === 'append') return bindThanoAppend(bind, statement);
  return { kind: 'ThanoCopy', table: statement.table, path: statement.path, overwrite: mode === 'replace' };
}
