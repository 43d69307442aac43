/**
 * INSERT / UPDATE / DELETE through an automatically updatable view, as PostgreSQL's rewriter
 * does it: the view (and each view it reads, down to a table) must select from one table or
 * view without WITH, DISTINCT, GROUP BY, HAVING, LIMIT/OFFSET, set operations, aggregates,
 * window or set-returning functions (else 55000 `cannot insert into view …` with PostgreSQL's
 * DETAIL and HINT). The statement is then bound against the base table: view columns that are
 * plain column references are read and written as those base columns (same ids), other view
 * columns are read through their expressions and cannot be written (0A000). Every view's WHERE
 * limits the rows UPDATE and DELETE reach, and WITH [LOCAL | CASCADED] CHECK OPTION adds the
 * conditions new rows must meet (44000, checked after the table's own constraints). A view
 * with an INSTEAD OF INSERT trigger is itself INSERT's target: the trigger takes the rows.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { parse } from '../../parser/index.js';
import type { Expr, Query, SelectItem, TableRef } from '../../parser/ast.js';
import type { StoredTable } from '../../types/stored-table.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import type { LogicalPlan, OutputColumn, Returning, RowChecks } from '../logical/logical-plan.js';
import { quoteIdent } from '../../functions/scalar/string-functions.js';
import { bindQuery } from './bind-query.js';
import { T } from '../../types/sql-type.js';
import { bindRowChecks } from './bind-check-constraint.js';
import { collectPlanIds, rewriteExpr, walkExpr } from '../logical/map-expr.js';
import type { BindContext } from './bind-context.js';
import { rowColumns, targetTable } from './bind-target-table.js';
import { asViewSees } from './view-column-names.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool } from './expression/coerce.js';
import { Scope } from './scope.js';

export type ViewCommand = 'insert' | 'update' | 'delete';

/** A condition a new row must meet, from the CHECK OPTION of `view`. */
export interface ViewCheck {
  readonly view: string;
  readonly expr: BoundExpr;
}

/** The target of a DML statement: a table, or a view resolved down to its base table. */
export interface WriteTarget {
  /** The name the statement's target has (the view's name for a view). */
  readonly name: string;
  /** The table whose rows change. */
  readonly table: StoredTable;
  /** The base table's row (table column order): what the executor reads and writes. */
  readonly row: readonly OutputColumn[];
  /** The target's columns as the statement sees them (the view's; for a table, `row`). */
  readonly columns: readonly OutputColumn[];
  /** Per target column, the base column it is (its index), or undefined for a computed view column. */
  readonly baseColumns: readonly (number | undefined)[];
  /** Computed view columns: id → expression over `row`. */
  readonly computed: ReadonlyMap<number, BoundExpr>;
  /** The views' WHERE conditions over `row` (UPDATE/DELETE reach only rows meeting them all). */
  readonly quals: readonly BoundExpr[];
  /** CHECK OPTION conditions over `row`, innermost view first. */
  readonly checks: readonly ViewCheck[];
  /** Set when the target is a view. */
  readonly view?: StoredTable;
  /** UPDATE / DELETE of a view with an INSTEAD OF trigger (the view is `table`): its rows, output = `row`. */
  readonly viewRows?: LogicalPlan;
}

/** The target named `name` for `command`: a table (targetTable's checks) or an updatable view. */
export function bindWriteTarget(bind: BindContext, name: string, command: ViewCommand): WriteTarget {
  const found = bind.lookupTable(name);
  if (found?.view && hasInsteadTrigger(found, command)) {
    // The view itself is the target: its INSTEAD OF trigger gets the rows (execution/triggers/);
    // UPDATE and DELETE read the view's rows to find the ones they reach.
    const viewRows = command === 'insert' ? undefined : viewRowsPlan(bind, name);
    const row = viewRows ? viewRows.output.map((c, i) => ({ ...c, tableOid: found.oid, attnum: i + 1 })) : rowColumns(bind, found);
    return {
      name: found.name, table: found, row, columns: row, baseColumns: row.map((_, i) => i), computed: new Map(), quals: [], checks: [],
      ...(viewRows ? { viewRows } : {}),
    };
  }
  if (found?.view) return resolveView(bind, found, command, false);
  const table = targetTable(bind, name);
  const row = rowColumns(bind, table);
  return { name: table.name, table, row, columns: row, baseColumns: row.map((_, i) => i), computed: new Map(), quals: [], checks: [] };
}

/** `SELECT * FROM view`, bound: the rows an UPDATE or DELETE of a view with INSTEAD OF triggers reaches. */
function viewRowsPlan(bind: BindContext, name: string): LogicalPlan {
  const statement = parse(`SELECT * FROM ${name.split('.').map(quoteIdent).join('.')}`)[0]?.statement;
  if (statement?.kind !== 'QueryStatement') throw new SqlError(SQLSTATE.InternalError, `cannot read view "${name}"`);
  return bindQuery(bind, statement.query);
}

/** Whether an enabled INSTEAD OF row trigger of `view` handles `command`. */
function hasInsteadTrigger(view: StoredTable, command: ViewCommand): boolean {
  return (view.triggers ?? []).some((t) => t.timing === 'instead' && t.events.includes(command) && t.enabled !== 'D' && t.enabled !== 'R');
}

/** `expr`, bound over the target's columns, as an expression over the base row. */
export function overBase(target: WriteTarget, expr: BoundExpr): BoundExpr {
  if (target.computed.size === 0) return expr;
  walkExpr(expr, (e) => {
    if (e.kind === 'Subquery' && e.correlated && [...collectPlanIds(e.plan)].some((id) => target.computed.has(id))) {
      throw new SqlError(SQLSTATE.FeatureNotSupported, `a correlated subquery reading a computed column of view "${target.name}" in a write through it is not supported`);
    }
  });
  return rewriteExpr(expr, (e) => (e.kind === 'ColumnRef' ? target.computed.get(e.id) : undefined));
}

/** The statement's WHERE (if any) and every view's WHERE, as one condition over the base row. */
export function restrictToView(target: WriteTarget, predicate: BoundExpr | undefined): BoundExpr | undefined {
  const parts = [...target.quals, ...(predicate ? [overBase(target, predicate)] : [])];
  if (parts.length <= 1) return parts[0];
  return { kind: 'And', type: T.bool, args: parts };
}

/** The table's CHECK constraints and the views' CHECK OPTIONs, bound over the base row. */
export function targetChecks(bind: BindContext, target: WriteTarget): RowChecks | undefined {
  const own = bindRowChecks(bind, target.table, [...target.row]);
  if (target.checks.length === 0) return own;
  return { rowColumns: target.row, checks: [...(own?.checks ?? []), ...target.checks.map((c) => ({ name: c.view, view: c.view, expr: c.expr }))] };
}

/**
 * 0A000 when a view's CHECK OPTION would have to be checked on rows written to partitions or
 * inheriting tables: those are checked per member table, where the view's conditions are not.
 */
export function refuseCheckOptionOverMembers(target: WriteTarget, hasMembers: boolean): void {
  if (target.checks.length === 0 || !hasMembers) return;
  throw new SqlError(SQLSTATE.FeatureNotSupported,
    `WITH CHECK OPTION of view "${target.checks.at(-1)!.view}" over a partitioned table or a table with inheritance children is not supported`);
}

/** RETURNING bound over the target's columns, read from the base row. */
export function returningOverBase(target: WriteTarget, returning: Returning | undefined): Returning | undefined {
  if (!returning || target.computed.size === 0) return returning;
  return { ...returning, exprs: returning.exprs.map((e) => overBase(target, e)) };
}

/** The base column index for target column `name`, or 42703 / 0A000 (a computed view column). */
export function writableColumn(bind: BindContext, target: WriteTarget, name: string, command: 'insert' | 'update'): number {
  const index = target.columns.findIndex((c) => c.name === name);
  if (index < 0) {
    throw new SqlError(SQLSTATE.UndefinedColumn, `column "${name}" of relation "${target.name}" does not exist`, { position: bind.positionOf(name) });
  }
  const base = target.baseColumns[index];
  if (base === undefined) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `cannot ${command === 'insert' ? 'insert into' : 'update'} column "${name}" of view "${target.name}"`,
      { detail: 'View columns that are not columns of their base relation are not updatable.' });
  }
  return base;
}

function resolveView(bind: BindContext, view: StoredTable, command: ViewCommand, cascade: boolean): WriteTarget {
  if (bind.expandingViews.has(view.id)) {
    throw new SqlError(SQLSTATE.InvalidObjectDefinition, `infinite recursion detected in rules for relation "${view.name}"`);
  }
  const query = parse(view.view!.sql)[0]?.statement;
  if (query?.kind !== 'QueryStatement') throw new SqlError(SQLSTATE.InternalError, `view "${view.name}" has no query`);
  const select = simpleSelect(query.query, view, command);
  const from = select.from[0] as TableRef;
  bind.expandingViews.add(view.id);
  try {
    return bind.withinView(view.view!, () => viewTarget(bind, view, select, from, command, cascade));
  } finally {
    bind.expandingViews.delete(view.id);
  }
}

/** The write target of `view` (its names in force): the inner target narrowed by its columns and WHERE. */
function viewTarget(bind: BindContext, view: StoredTable, select: Extract<Query, { kind: 'Select' }>, from: TableRef,
  command: ViewCommand, cascade: boolean): WriteTarget {
  const option = view.view!.checkOption;
  const inner = innerTarget(bind, from, view, command, cascade || option === 'cascaded');
  const aliases = from.columnAliases ?? [];
  const innerColumns = inner.columns.map((c, i) => (aliases[i] ? { ...c, name: aliases[i]! } : c));
  const scope = new Scope([{ alias: from.alias ?? from.name, columns: innerColumns }]);
  const ctx = { bind, scope, clause: 'SELECT' };
  const items = expandItems(select.columns, scope);
  if (items.length < view.columns.length) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `view "${view.name}" no longer matches its tables; recreate it`);
  }
  const columns: OutputColumn[] = [];
  const baseColumns: (number | undefined)[] = [];
  const computed = new Map<number, BoundExpr>();
  view.columns.forEach((stored, i) => {
    const bound = bindItem(ctx, items[i]!, view, command);
    const innerIndex = bound.kind === 'ColumnRef' ? inner.columns.findIndex((c) => c.id === bound.id) : -1;
    const base = innerIndex >= 0 ? inner.baseColumns[innerIndex] : undefined;
    if (base !== undefined) {
      columns.push({ ...inner.row[base]!, name: stored.name, tableOid: view.oid, attnum: i + 1 });
    } else {
      const id = bind.newId();
      columns.push({ id, name: stored.name, type: bound.type, tableOid: view.oid, attnum: i + 1 });
      computed.set(id, overBase(inner, bound));
    }
    baseColumns.push(base);
  });
  if (command !== 'delete' && baseColumns.every((b) => b === undefined)) {
    throw notUpdatable(view, command, 'Views that have no updatable columns are not automatically updatable.');
  }
  const qual = select.where ? overBase(inner, coerceToBool(bind, bindExpr(select.where, { ...ctx, clause: 'WHERE' }), 'WHERE')) : undefined;
  const checked = qual && (option !== undefined || cascade);
  return {
    name: view.name, table: inner.table, row: inner.row, columns, baseColumns, computed, view,
    quals: qual ? [...inner.quals, qual] : inner.quals,
    checks: checked ? [...inner.checks, { view: view.name, expr: qual }] : inner.checks,
  };
}

/** What the view reads from: a table, or an updatable view resolved in turn. */
function innerTarget(bind: BindContext, from: TableRef, view: StoredTable, command: ViewCommand, cascade: boolean): WriteTarget {
  const found = bind.lookupTable(from.name);
  if (found?.view) return resolveView(bind, found, command, cascade);
  if (!found || found.sequence) {
    throw notUpdatable(view, command, SINGLE_RELATION);
  }
  const row = rowColumns(bind, found);
  return { name: found.name, table: found, row, columns: asViewSees(bind, found, row), baseColumns: row.map((_, i) => i), computed: new Map(), quals: [], checks: [] };
}

/** The view's query if PostgreSQL would call it automatically updatable (its shape only). */
function simpleSelect(query: Query, view: StoredTable, command: ViewCommand): Extract<Query, { kind: 'Select' }> {
  const reason = nonUpdatableShape(query);
  if (reason !== undefined || query.kind !== 'Select') throw notUpdatable(view, command, reason ?? SINGLE_RELATION);
  return query;
}

const SINGLE_RELATION = 'Views that do not select from a single table or view are not automatically updatable.';

/** Why a view with query `query` is not automatically updatable, judged on its shape (PostgreSQL's DETAIL text). */
export function nonUpdatableShape(query: Query): string | undefined {
  const containing = (what: string) => `Views containing ${what} are not automatically updatable.`;
  if (query.kind === 'SetOperation') return containing('UNION, INTERSECT, or EXCEPT');
  if (query.kind !== 'Select') return SINGLE_RELATION;
  if (query.with) return containing('WITH');
  if (query.distinct !== false) return containing('DISTINCT');
  if (query.groupBy.length > 0) return containing('GROUP BY');
  if (query.having) return containing('HAVING');
  if (query.limit || query.offset) return containing('LIMIT or OFFSET');
  if (query.from.length !== 1 || query.from[0]!.kind !== 'TableRef') return SINGLE_RELATION;
  return undefined;
}

type ExpandedItem = { readonly expr: Expr } | { readonly column: OutputColumn };

function expandItems(items: readonly SelectItem[], scope: Scope): ExpandedItem[] {
  return items.flatMap((item): ExpandedItem[] => (item.kind === 'SelectStar'
    ? scope.expandStar(item.table).map((column) => ({ column }))
    : [{ expr: item.expr }]));
}

/** A select-list item bound over the view's FROM item; aggregates, window and set-returning functions refuse the view. */
function bindItem(ctx: { bind: BindContext; scope: Scope; clause: string }, item: ExpandedItem,
  view: StoredTable, command: ViewCommand): BoundExpr {
  if ('column' in item) return { kind: 'ColumnRef', type: item.column.type, id: item.column.id, name: item.column.name };
  try {
    return bindExpr(item.expr, ctx);
  } catch (err) {
    if (err instanceof SqlError && err.code === SQLSTATE.FeatureNotSupported && err.message.startsWith('set-returning functions')) {
      throw notUpdatable(view, command, 'Views that return set-returning functions are not automatically updatable.');
    }
    if (err instanceof SqlError && err.code === SQLSTATE.GroupingError) {
      throw notUpdatable(view, command, 'Views that return aggregate functions are not automatically updatable.');
    }
    if (err instanceof SqlError && err.code === SQLSTATE.WindowingError) {
      throw notUpdatable(view, command, 'Views that return window functions are not automatically updatable.');
    }
    throw err;
  }
}

/** 55000 `cannot insert into view …` with PostgreSQL's detail and hint. */
function notUpdatable(view: StoredTable, command: ViewCommand, detail: string): SqlError {
  const verb = { insert: 'insert into', update: 'update', delete: 'delete from' }[command];
  const action = { insert: 'inserting into', update: 'updating', delete: 'deleting from' }[command];
  const upper = command.toUpperCase();
  return new SqlError(SQLSTATE.ObjectNotInPrerequisiteState, `cannot ${verb} view "${view.name}"`, {
    detail, hint: `To enable ${action} the view, provide an INSTEAD OF ${upper} trigger or an unconditional ON ${upper} DO INSTEAD rule.`,
  });
}
