/**
 * SELECT: FROM → WHERE → GROUP BY/aggregates → HAVING → window functions → set-returning
 * functions of the select list → select list (with hidden ORDER BY columns) → DISTINCT [ON]
 * → ORDER BY → LIMIT/OFFSET → final projection.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Expr, SelectQuery, WindowSpec } from '../../parser/ast.js';
import type { BoundExpr, SortKey } from '../logical/bound-expr.js';
import type { LogicalPlan, OutputColumn } from '../logical/logical-plan.js';
import { AggregateCollector } from './aggregate-collector.js';
import type { BindContext } from './bind-context.js';
import { bindFrom } from './bind-from.js';
import { bindRowLocking } from './bind-row-locking.js';
import { bindGroupBy, planAggregate, type SelectItemBinding } from './bind-group-by.js';
import { bindOrderBy, bindOrderExpr, type OrderTarget } from './bind-order-by.js';
import { limitPlan } from './finish-query.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool, resolveUnknown } from './expression/coerce.js';
import { outputName } from './output-name.js';
import type { Scope } from './scope.js';
import { planProjectSet, planWindows } from './plan-window.js';
import { SetFunctionCollector } from './set-function-collector.js';
import { WindowCollector } from './window-collector.js';
import { registerAggregateLevel } from './aggregate-level.js';
import type { ExprContext } from './expression/expr-context.js';

/** PostgreSQL's MaxTupleAttributeNumber: a select list has at most this many entries (54011). */
const MAX_TARGET_ENTRIES = 1664;

/**
 * `setOperand`: the SELECT is a direct branch of UNION / INTERSECT / EXCEPT, whose untyped
 * literal and parameter outputs stay `unknown` for the set operation to type together with
 * the other branches (PostgreSQL's transformSetOperationTree), when nothing in the SELECT
 * itself (DISTINCT, GROUP BY, ORDER BY, LIMIT) needed their type.
 */
export function bindSelect(bind: BindContext, query: SelectQuery, parent?: Scope, setOperand = false): LogicalPlan {
  if (query.with) bind.pushCtes(query.with);
  try {
    return bindSelectBody(bind, query, parent, setOperand);
  } finally {
    if (query.with) bind.popCtes();
  }
}

/** `WINDOW name AS (…)`, …: each name once (42P20). */
function namedWindows(query: SelectQuery): Map<string, WindowSpec> {
  const named = new Map<string, WindowSpec>();
  for (const w of query.windows ?? []) {
    if (named.has(w.name)) throw new SqlError(SQLSTATE.WindowingError, `window "${w.name}" is already defined`);
    named.set(w.name, w.spec);
  }
  return named;
}

function bindSelectBody(bind: BindContext, query: SelectQuery, parent: Scope | undefined, setOperand: boolean): LogicalPlan {
  const { plan: fromPlan, scope } = bindFrom(bind, query.from, parent);
  let plan = fromPlan;
  if (query.where) {
    registerAggregateLevel(scope, 'WHERE');
    const predicate = coerceToBool(bind, bindExpr(query.where, { bind, scope, clause: 'WHERE' }), 'WHERE');
    plan = { kind: 'Filter', input: plan, predicate, output: plan.output };
  }
  const collector = new AggregateCollector();
  registerAggregateLevel(scope, collector);
  const windows = new WindowCollector(namedWindows(query));
  const setFunctions = new SetFunctionCollector();
  const ctx: ExprContext = { bind, scope, aggregates: collector, windows, clause: 'SELECT' };
  const origin = new Map(scope.relations.flatMap((r) => r.columns).map((c) => [c.id, c]));
  const items: SelectItemBinding[] = [];
  const keepUnknown = setOperand && query.distinct === false && query.groupBy.length === 0 && query.orderBy.length === 0
    && query.limit === undefined && query.offset === undefined;
  const outputExpr = (e: BoundExpr): BoundExpr =>
    (keepUnknown && (e.kind === 'Constant' || e.kind === 'Param') ? e : resolveUnknown(bind, e));
  for (const item of query.columns) {
    if (item.kind === 'SelectStar') {
      if (query.from.length === 0 && item.table === undefined) {
        throw new SqlError(SQLSTATE.SyntaxError, 'SELECT * with no tables specified is not valid');
      }
      const columns = scope.star(item.table);
      if (!columns) {
        throw new SqlError(SQLSTATE.UndefinedTable, `missing FROM-clause entry for table "${item.table}"`,
          { position: bind.positionOf(item.table!) });
      }
      for (const c of columns) items.push({ expr: { kind: 'ColumnRef', type: c.type, id: c.id, name: c.name }, name: c.name });
    } else {
      const [aggregates, windowCalls] = [collector.aggregates.length, windows.functions.length];
      const expr = outputExpr(bindExpr(item.expr, { ...ctx, setFunctions }));
      const calls = collector.aggregates.length > aggregates ? 'aggregate' : windows.functions.length > windowCalls ? 'window' : undefined;
      items.push({ expr, name: item.alias ?? outputName(item.expr), ...(calls ? { calls } : {}) });
    }
  }
  if (items.length > MAX_TARGET_ENTRIES) {
    throw new SqlError(SQLSTATE.TooManyColumns, `target lists can have at most ${MAX_TARGET_ENTRIES} entries`);
  }
  const grouping = bindGroupBy(bind, query.groupBy, query.groupDistinct === true, scope, items);
  const having = query.having ? coerceToBool(bind, bindExpr(query.having, { ...ctx, windows: undefined, clause: 'HAVING' }), 'HAVING') : undefined;
  let rewrite = (e: BoundExpr): BoundExpr => e;
  let rewriteItem = (_index: number, e: BoundExpr): BoundExpr => rewrite(e);
  // ORDER BY may add aggregates, so its items are bound before the aggregate node is built.
  const orderInputs = new Map<Expr, BoundExpr>();
  const bindInput = (expr: Expr): BoundExpr => {
    let bound = orderInputs.get(expr);
    if (!bound) orderInputs.set(expr, (bound = bindExpr(expr, { ...ctx, clause: 'ORDER BY' })));
    return bound;
  };
  for (const item of [...query.orderBy.map((o) => o.expr), ...(Array.isArray(query.distinct) ? query.distinct : [])]) {
    const isOrdinal = item.kind === 'Literal' && item.type === 'number';
    const isAlias = item.kind === 'ColumnRef' && item.table === undefined && items.some((i) => i.name === item.column);
    if (!isOrdinal && !isAlias) bindInput(item);
  }
  const aggregating = query.groupBy.length > 0 || collector.aggregates.length > 0 || collector.groupingCalls.length > 0
    || having !== undefined;
  if (query.locking) {
    bindRowLocking(bind, query, fromPlan, scope, {
      aggregates: collector.aggregates.length > 0, windows: windows.functions.length > 0, setFunctions: setFunctions.functions.length > 0,
    });
  }
  if (aggregating) {
    const agg = planAggregate(bind, plan, grouping, collector, scope);
    plan = agg.plan;
    rewrite = agg.rewrite;
    rewriteItem = agg.rewriteItem;
    if (having) plan = { kind: 'Filter', input: plan, predicate: rewrite(having), output: plan.output };
  }
  plan = planWindows(plan, windows.functions, rewrite);
  plan = planProjectSet(plan, setFunctions, rewrite);
  const exprs = items.map((item, i) => rewriteItem(i, item.expr));
  const output: OutputColumn[] = items.map((item, i) => {
    const expr = exprs[i]!;
    const source = item.expr.kind === 'ColumnRef' ? origin.get(item.expr.id) : undefined;
    return { id: bind.newId(), name: item.name, type: expr.type, tableOid: source?.tableOid ?? 0, attnum: source?.attnum ?? 0 };
  });
  const hiddenExprs: BoundExpr[] = [];
  const hiddenOutput: OutputColumn[] = [];
  const distinctAll = query.distinct === true;
  const target: OrderTarget = {
    outputs: output,
    outputExprs: exprs,
    bindInput: (expr) => rewrite(bindInput(expr)),
    addHidden: (expr) => {
      if (distinctAll) {
        throw new SqlError(SQLSTATE.InvalidColumnReference, 'for SELECT DISTINCT, ORDER BY expressions must appear in select list');
      }
      const column: OutputColumn = { id: bind.newId(), name: '?column?', type: expr.type, tableOid: 0, attnum: 0 };
      hiddenExprs.push(expr);
      hiddenOutput.push(column);
      return { kind: 'ColumnRef', type: column.type, id: column.id, name: column.name };
    },
  };
  const sortKeys = bindOrderBy(bind, query.orderBy, target);
  const distinctOn = Array.isArray(query.distinct) ? query.distinct.map((e) => bindOrderExpr(bind, e, target, 'DISTINCT ON')) : undefined;
  const fullOutput = [...output, ...hiddenOutput];
  plan = { kind: 'Project', input: plan, exprs: [...exprs, ...hiddenExprs], output: fullOutput };
  if (distinctAll) plan = { kind: 'Distinct', input: plan, output: plan.output };
  if (sortKeys.length > 0 || distinctOn) {
    const keys: SortKey[] = sortKeys.length > 0 ? sortKeys
      : distinctOn!.map((expr) => ({ expr, descending: false, nullsFirst: false }));
    plan = { kind: 'Sort', input: plan, keys, output: plan.output };
  }
  if (distinctOn) plan = { kind: 'Distinct', input: plan, on: distinctOn, output: plan.output };
  plan = limitPlan(bind, plan, query, sortKeys, parent);
  if (hiddenOutput.length > 0) {
    plan = { kind: 'Project', input: plan, exprs: output.map((c) => ({ kind: 'ColumnRef', type: c.type, id: c.id, name: c.name })), output };
  }
  return plan;
}
