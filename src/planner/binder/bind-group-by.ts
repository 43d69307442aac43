/**
 * GROUP BY binding and validation: group items may be select-list ordinals, output aliases
 * (when no input column has the name) or expressions. After aggregation, select/HAVING/
 * ORDER BY expressions are rewritten to read group and aggregate outputs; any remaining
 * reference to an input column raises 42803 as PostgreSQL does.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Expr, GroupByItem } from '../../parser/ast.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import { exprKey } from '../logical/expr-key.js';
import type { LogicalGroupingCall, LogicalPlan, OutputColumn } from '../logical/logical-plan.js';
import { T } from '../../types/sql-type.js';
import { rewriteExpr } from '../logical/map-expr.js';
import type { AggregateCollector } from './aggregate-collector.js';
import type { BindContext } from './bind-context.js';
import { expandGroupingSets, hasGroupingSets } from './expand-grouping-sets.js';
import { bindExpr } from './expression/bind-expression.js';
import { resolveUnknown } from './expression/coerce.js';
import type { Scope } from './scope.js';

export interface SelectItemBinding {
  readonly expr: BoundExpr;
  readonly name: string;
  /** The item calls an aggregate or a window function, so GROUP BY cannot name it. */
  readonly calls?: 'aggregate' | 'window';
}

/** GROUP BY bound: the distinct grouping expressions and, for grouping sets, which of them each set uses. */
export interface GroupingClause {
  readonly groups: readonly BoundExpr[];
  /** Present when there is more than one grouping set: indexes into `groups`, ascending. */
  readonly sets?: readonly (readonly number[])[];
  /**
   * With grouping sets: for each group, the select-list item it names (by position, alias or
   * an equal expression), as PostgreSQL ties a grouping column to one target-list entry.
   * Two items with equal expressions stay two groups, each NULL in its own sets.
   */
  readonly targets?: readonly (number | undefined)[];
}

/** Binds GROUP BY items against the FROM scope and the select list. */
export function bindGroupBy(bind: BindContext, items: readonly GroupByItem[], distinct: boolean, scope: Scope,
  select: readonly SelectItemBinding[]): GroupingClause {
  if (!hasGroupingSets(items)) return { groups: (items as readonly Expr[]).map((item) => bindGroupItem(bind, item, scope, select).expr) };
  const bound = new Map<Expr, GroupItem>();
  const groups: BoundExpr[] = [];
  const targets: (number | undefined)[] = [];
  const indexByKey = new Map<string, number>();
  const selectKeys = select.map((s) => (s.calls ? undefined : exprKey(s.expr)));
  const indexOf = (expr: Expr): number => {
    let b = bound.get(expr);
    if (!b) bound.set(expr, (b = bindGroupItem(bind, expr, scope, select)));
    // An expression names the first select item equal to it (findTargetlistEntrySQL99).
    const key = exprKey(b.expr);
    const found = selectKeys.indexOf(key);
    const target = b.target ?? (found >= 0 ? found : undefined);
    const identity = target === undefined ? `e:${key}` : `t:${target}`;
    let index = indexByKey.get(identity);
    if (index === undefined) {
      indexByKey.set(identity, (index = groups.length));
      groups.push(b.expr);
      targets.push(target);
    }
    return index;
  };
  let sets = expandGroupingSets(items, (w) => bind.positionOf(w)).map((set) => [...new Set(set.map(indexOf))].sort((a, b) => a - b));
  if (distinct) {
    const seen = new Set<string>();
    sets = sets.filter((set) => {
      const key = set.join(',');
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  // One set is a plain GROUP BY (`GROUP BY a, ()` is `GROUP BY a`; `GROUP BY ()` groups everything).
  if (sets.length === 1) return { groups: [...new Map(sets[0]!.map((i) => [exprKey(groups[i]!), groups[i]!])).values()] };
  return { groups, sets, targets };
}

/** A bound GROUP BY item and, when it names one by position or alias, its select-list item. */
interface GroupItem {
  readonly expr: BoundExpr;
  readonly target?: number;
}

/** A select-list item GROUP BY names by position or alias (42803 / 42P20 when it calls an aggregate / window function). */
function selectTarget(target: SelectItemBinding): BoundExpr {
  if (target.calls === 'aggregate') throw new SqlError(SQLSTATE.GroupingError, 'aggregate functions are not allowed in GROUP BY');
  if (target.calls === 'window') throw new SqlError(SQLSTATE.WindowingError, 'window functions are not allowed in GROUP BY');
  return target.expr;
}

function bindGroupItem(bind: BindContext, item: Expr, scope: Scope, select: readonly SelectItemBinding[]): GroupItem {
  if (item.kind === 'Literal' && item.type === 'number' && /^\d+$/.test(item.value as string)) {
    const ordinal = Number(item.value);
    const target = select[ordinal - 1];
    if (!target) {
      throw new SqlError(SQLSTATE.InvalidColumnReference, `GROUP BY position ${ordinal} is not in select list`,
        { position: bind.positionOf(String(ordinal)) });
    }
    return { expr: selectTarget(target), target: ordinal - 1 };
  }
  if (item.kind === 'ColumnRef' && item.table === undefined && !scope.resolve(undefined, item.column)) {
    const alias = select.findIndex((s) => s.name === item.column);
    if (alias >= 0) return { expr: selectTarget(select[alias]!), target: alias };
  }
  return { expr: resolveUnknown(bind, bindExpr(item, { bind, scope, clause: 'GROUP BY' })) };
}

/** Builds the aggregate node and a rewriter from input-level expressions to its outputs. */
export function planAggregate(bind: BindContext, input: LogicalPlan, clause: GroupingClause,
  collector: AggregateCollector, scope: Scope): AggregatePlan {
  const { groups, sets, targets } = clause;
  const groupOutput: OutputColumn[] = groups.map((g) => ({
    id: bind.newId(), name: g.kind === 'ColumnRef' ? g.name : '?column?', type: g.type, tableOid: 0, attnum: 0,
  }));
  const aggOutput: OutputColumn[] = collector.aggregates.map((a) => ({ id: a.id, name: a.name, type: a.type, tableOid: 0, attnum: 0 }));
  // Equal groups (two select items, one expression) are matched to the first one elsewhere.
  const byKey = new Map([...groups.map((g, i) => [exprKey(g), groupOutput[i]!] as const)].reverse());
  const groupingCalls = bindGroupingCalls(bind, collector, byKey, groups);
  const aggregateIds = new Set(collector.aggregates.map((a) => a.id));
  const inputIds = new Set(input.output.map((c) => c.id));
  const replace = (e: BoundExpr): BoundExpr | undefined => {
    const group = byKey.get(exprKey(e));
    if (group) return { kind: 'ColumnRef', type: group.type, id: group.id, name: group.name };
    // Without grouping sets every GROUPING() argument is grouped in every row: 0.
    if (!sets && e.kind === 'ColumnRef' && groupingCalls.some((g) => g.id === e.id)) return { kind: 'Constant', type: T.int4, value: 0 };
    if (e.kind === 'ColumnRef' && inputIds.has(e.id) && !aggregateIds.has(e.id)) {
      const relation = scope.relations.find((r) => r.columns.some((c) => c.id === e.id));
      const qualified = relation?.alias ? `${relation.alias}.${e.name}` : e.name;
      throw new SqlError(SQLSTATE.GroupingError,
        `column "${qualified}" must appear in the GROUP BY clause or be used in an aggregate function`,
        { position: bind.positionOf(e.name) });
    }
    return undefined;
  };
  // With grouping sets a grouped constant is NULL in the sets without it, so only a whole
  // select-list (or ORDER BY / HAVING) expression matches it, never a constant inside another
  // expression — PostgreSQL matches constants to grouping columns the same way.
  const rewrite = sets
    ? (expr: BoundExpr): BoundExpr => replace(expr) ?? rewriteExpr(expr, (e) => (e.kind === 'Constant' ? undefined : replace(e)))
    : (expr: BoundExpr): BoundExpr => rewriteExpr(expr, replace);
  const groupingOutput: OutputColumn[] = sets
    ? groupingCalls.map((g) => ({ id: g.id, name: 'grouping', type: T.int4, tableOid: 0, attnum: 0 }))
    : [];
  const rewriteItem = (index: number, expr: BoundExpr): BoundExpr => {
    const group = targets?.indexOf(index) ?? -1;
    if (group < 0) return rewrite(expr);
    const column = groupOutput[group]!;
    return { kind: 'ColumnRef', type: column.type, id: column.id, name: column.name };
  };
  const aggregate: LogicalPlan = {
    kind: 'Aggregate', input, groups, aggregates: collector.aggregates,
    ...(sets ? { groupingSets: sets, groupingCalls } : {}),
    output: [...groupOutput, ...aggOutput, ...groupingOutput],
  };
  return {
    plan: sets || groupingCalls.length === 0 ? aggregate : withZeroGroupings(aggregate, groupingCalls),
    rewrite,
    rewriteItem,
  };
}

/**
 * Without grouping sets GROUPING() is 0; the rewrite puts the constant in this level's
 * expressions, and these columns serve a subquery's GROUPING() of this level, which it reads
 * as a correlated column.
 */
function withZeroGroupings(aggregate: LogicalPlan, calls: readonly LogicalGroupingCall[]): LogicalPlan {
  const zeros: OutputColumn[] = calls.map((g) => ({ id: g.id, name: 'grouping', type: T.int4, tableOid: 0, attnum: 0 }));
  return {
    kind: 'Project', input: aggregate,
    exprs: [...aggregate.output.map((c): BoundExpr => ({ kind: 'ColumnRef', type: c.type, id: c.id, name: c.name })),
      ...zeros.map((): BoundExpr => ({ kind: 'Constant', type: T.int4, value: 0 }))],
    output: [...aggregate.output, ...zeros],
  };
}

/** The aggregate node and how expressions above it read its outputs. */
export interface AggregatePlan {
  readonly plan: LogicalPlan;
  /** An input-level expression (HAVING, ORDER BY, …) → one over the aggregate's outputs. */
  readonly rewrite: (e: BoundExpr) => BoundExpr;
  /** The same for select-list item `index`, which reads the group tied to it when there is one. */
  readonly rewriteItem: (index: number, e: BoundExpr) => BoundExpr;
}

/** GROUPING() calls with each argument as its index in GROUP BY (42803 for one not grouped). */
function bindGroupingCalls(bind: BindContext, collector: AggregateCollector, byKey: ReadonlyMap<string, OutputColumn>,
  groups: readonly BoundExpr[]): LogicalGroupingCall[] {
  const keys = groups.map(exprKey);
  return collector.groupingCalls.map((call) => ({
    id: call.id,
    args: call.args.map((arg) => {
      const index = byKey.has(exprKey(arg)) ? keys.indexOf(exprKey(arg)) : -1;
      if (index < 0) {
        throw new SqlError(SQLSTATE.GroupingError, 'arguments to GROUPING must be grouping expressions of the associated query level',
          { position: call.position ?? bind.positionOf('grouping') });
      }
      return index;
    }),
  }));
}
