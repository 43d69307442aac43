/**
 * INSERT: target columns (listed or all), a VALUES source coerced per target column (DEFAULT
 * allowed) or any query with assignment casts, defaults for unlisted columns, RETURNING. Through
 * an updatable view the rows go to its base table (bind-view-target.ts).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Insert } from '../../parser/ast.js';
import type { StoredColumn } from '../../types/stored-table.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { LogicalInsert, LogicalPlan, OutputColumn } from '../logical/logical-plan.js';
import { plannedTable } from '../logical/planned-table.js';
import type { BindContext } from './bind-context.js';
import { bindQuery } from './bind-query.js';
import {
  assignTo, bindReturning, checkIdentityWrite, defaultFor, hasDefault, findTargetColumn,
} from './bind-target-table.js';
import {
  bindWriteTarget, refuseCheckOptionOverMembers, returningOverBase, targetChecks, writableColumn, type WriteTarget,
} from './bind-view-target.js';
import { foldInsertEntries, insertEntryTargets } from './bind-insert-indirection.js';
import { bindOnConflict } from './bind-on-conflict.js';
import { bindPartitionedWrite } from './bind-write-members.js';
import { bindExpr } from './expression/bind-expression.js';
import { Scope } from './scope.js';

/** `DEFAULT VALUES` reaches us as one empty VALUES row without a column list (parser README). */
function isDefaultValues(insert: Insert): boolean {
  const s = insert.source;
  return !insert.columns && s.kind === 'Values' && s.rows.length === 1 && s.rows[0]!.length === 0;
}

function targetColumns(bind: BindContext, insert: Insert, columns: readonly StoredColumn[], find: (n: string) => number): StoredColumn[] {
  if (isDefaultValues(insert)) return [];
  if (!insert.columns) return [...columns];
  const seen = new Set<string>();
  return insert.columns.map((name, i) => {
    // Entries with indirection may repeat a column (insert-indirection checks them).
    if (seen.has(name) && !insert.indirection?.[i]) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${name}" specified more than once`, { position: bind.positionOf(name) });
    seen.add(name);
    return columns[find(name)]!;
  });
}

function countError(values: number, targets: number): SqlError {
  return new SqlError(SQLSTATE.SyntaxError, values > targets
    ? 'INSERT has more expressions than target columns' : 'INSERT has more target columns than expressions');
}

/**
 * The source rows as a plan over `targets`. Without a column list the targets are the table's
 * leading columns, as many as the source gives (PostgreSQL fills the rest with defaults).
 */
function bindSource(bind: BindContext, insert: Insert, columns: readonly StoredColumn[]): { plan: LogicalPlan; targets: readonly StoredColumn[] } {
  const source = insert.source;
  const leading = (width: number) => {
    if (insert.columns || isDefaultValues(insert)) return columns;
    if (width > columns.length) throw countError(width, columns.length);
    return columns.slice(0, width);
  };
  const outputOf = (targets: readonly StoredColumn[]): OutputColumn[] =>
    targets.map((c) => ({ id: bind.newId(), name: c.name, type: c.type, tableOid: 0, attnum: 0 }));
  if (source.kind === 'Values' && source.orderBy.length === 0 && !source.limit && !source.offset) {
    const targets = leading(source.rows[0]?.length ?? 0);
    const ctx = { bind, scope: new Scope([]), clause: 'VALUES' };
    const rows = source.rows.map((row) => {
      if (row.length !== targets.length) throw countError(row.length, targets.length);
      row.forEach((e, i) => {
        checkIdentityWrite(targets[i]!, e.kind === 'Default', false);
        const path = insert.indirection?.[i];
        if (e.kind === 'Default' && path) {
          throw new SqlError(SQLSTATE.FeatureNotSupported,
            path[0]!.kind === 'field' ? 'cannot set a subfield to DEFAULT' : 'cannot set an array element to DEFAULT');
        }
      });
      return row.map((e, i): BoundExpr => (e.kind === 'Default' ? defaultFor(bind, targets[i]!) : assignTo(bind, bindExpr(e, ctx), targets[i]!)));
    });
    return { plan: { kind: 'Values', rows, output: outputOf(targets) }, targets };
  }
  const plan = bindQuery(bind, source);
  const targets = leading(plan.output.length);
  if (plan.output.length !== targets.length) throw countError(plan.output.length, targets.length);
  for (const target of targets) checkIdentityWrite(target, false, false);
  const exprs = plan.output.map((c, i) => assignTo(bind, { kind: 'ColumnRef', type: c.type, id: c.id, name: c.name }, targets[i]!));
  return { plan: { kind: 'Project', input: plan, exprs, output: outputOf(targets) }, targets };
}

/**
 * The columns an INSERT may name, in the target's order: the table's, or a view's as the base
 * columns they are (a computed view column stands as a placeholder with a negative id, refused
 * with PostgreSQL's 0A000 if the INSERT writes it).
 */
function targetColumnsOf(target: WriteTarget): StoredColumn[] {
  if (!target.view) return [...target.table.columns];
  return target.columns.map((c, i): StoredColumn => {
    const base = target.baseColumns[i];
    return base !== undefined ? target.table.columns[base]! : { id: -1 - i, name: c.name, type: c.type, notNull: false };
  });
}

/** A view column named in an INSERT's column list (42703 / 0A000 as PostgreSQL words them). */
function viewColumnIndex(bind: BindContext, target: WriteTarget, name: string): number {
  writableColumn(bind, target, name, 'insert');
  return target.columns.findIndex((c) => c.name === name);
}

export function bindInsert(bind: BindContext, insert: Insert): LogicalInsert {
  const written = bindWriteTarget(bind, insert.table, 'insert');
  const { table, row } = written;
  const columns = targetColumnsOf(written);
  const find = written.view ? (n: string) => viewColumnIndex(bind, written, n) : (n: string) => findTargetColumn(table, n, bind);
  const listed = targetColumns(bind, insert, columns, find);
  const { plan: input, targets } = insert.indirection
    ? foldInsertEntries(bind, insert, bindSource(bind, insert, insertEntryTargets(bind, insert, listed)).plan, listed)
    : bindSource(bind, insert, listed);
  const computed = targets.find((c) => c.id < 0);
  if (computed) writableColumn(bind, written, computed.name, 'insert');
  const targetIds = new Set(targets.map((c) => c.id));
  const defaults = new Map<number, BoundExpr>();
  for (const column of table.columns) {
    if (!targetIds.has(column.id) && hasDefault(column)) defaults.set(column.id, defaultFor(bind, column));
  }
  const name = insert.alias ?? written.name;
  if (insert.onConflict && table.view) throw new SqlError(SQLSTATE.FeatureNotSupported, 'INSERT … ON CONFLICT into a view with an INSTEAD OF trigger is not supported');
  if (insert.onConflict && written.view) throw new SqlError(SQLSTATE.FeatureNotSupported, 'INSERT … ON CONFLICT through a view is not supported');
  const onConflict = insert.onConflict ? bindOnConflict(bind, insert.onConflict, table, name, row) : undefined;
  const returning = returningOverBase(written, bindReturning(bind, insert.returning, [{ alias: name, columns: written.columns }]));
  const checks = targetChecks(bind, written);
  const partitions = bindPartitionedWrite(bind, table, row);
  refuseCheckOptionOverMembers(written, partitions !== undefined);
  return {
    kind: 'Insert', table: plannedTable(table), targets, defaults, input, rowColumns: row, ...(returning ? { returning } : {}),
    ...(checks ? { checks } : {}), ...(partitions ? { partitions } : {}), ...(onConflict ? { onConflict } : {}),
  };
}
