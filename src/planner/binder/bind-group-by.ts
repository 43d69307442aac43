/**
 * GROUP BY binding and validation: group items may be select-list ordinals, output aliases
 * (when no input column has the name) or expressions. After aggregation, select/HAVING/
 * ORDER BY expressions are rewritten to read group and aggregate outputs; any remaining
 * reference to an input column raises 42803 as PostgreSQL does.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Expr } from '../../parser/ast.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import { exprKey } from '../logical/expr-key.js';
import type { LogicalPlan, OutputColumn } from '../logical/logical-plan.js';
import { rewriteExpr } from '../logical/map-expr.js';
import type { AggregateCollector } from './aggregate-collector.js';
import type { BindContext } from './bind-context.js';
import { bindExpr } from './expression/bind-expression.js';
import { resolveUnknown } from './expression/coerce.js';
import type { Scope } from './scope.js';

export interface SelectItemBinding {
  readonly expr: BoundExpr;
  readonly name: string;
}

/** Binds GROUP BY items against the FROM scope and the select list. */
export function bindGroupBy(bind: BindContext, items: readonly Expr[], scope: Scope,
  select: readonly SelectItemBinding[]): BoundExpr[] {
  return items.map((item) => {
    if (item.kind === 'Literal' && item.type === 'number' && /^\d+$/.test(item.value as string)) {
      const ordinal = Number(item.value);
      const target = select[ordinal - 1];
      if (!target) {
        throw new SqlError(SQLSTATE.InvalidColumnReference, `GROUP BY position ${ordinal} is not in select list`,
          { position: bind.positionOf(String(ordinal)) });
      }
      return target.expr;
    }
    if (item.kind === 'ColumnRef' && item.table === undefined && !scope.resolve(undefined, item.column)) {
      const alias = select.find((s) => s.name === item.column);
      if (alias) return alias.expr;
    }
    return resolveUnknown(bind, bindExpr(item, { bind, scope, clause: 'GROUP BY' }));
  });
}

/** Builds the aggregate node and a rewriter from input-level expressions to its outputs. */
export function planAggregate(bind: BindContext, input: LogicalPlan, groups: readonly BoundExpr[],
  collector: AggregateCollector, scope: Scope): { plan: LogicalPlan; rewrite: (e: BoundExpr) => BoundExpr } {
  const groupOutput: OutputColumn[] = groups.map((g) => ({
    id: bind.newId(), name: g.kind === 'ColumnRef' ? g.name : '?column?', type: g.type, tableOid: 0, attnum: 0,
  }));
  const aggOutput: OutputColumn[] = collector.aggregates.map((a) => ({ id: a.id, name: a.name, type: a.type, tableOid: 0, attnum: 0 }));
  const byKey = new Map(groups.map((g, i) => [exprKey(g), groupOutput[i]!]));
  const aggregateIds = new Set(collector.aggregates.map((a) => a.id));
  const inputIds = new Set(input.output.map((c) => c.id));
  const rewrite = (expr: BoundExpr): BoundExpr => rewriteExpr(expr, (e) => {
    const group = byKey.get(exprKey(e));
    if (group) return { kind: 'ColumnRef', type: group.type, id: group.id, name: group.name };
    if (e.kind === 'ColumnRef' && inputIds.has(e.id) && !aggregateIds.has(e.id)) {
      const relation = scope.relations.find((r) => r.columns.some((c) => c.id === e.id));
      const qualified = relation?.alias ? `${relation.alias}.${e.name}` : e.name;
      throw new SqlError(SQLSTATE.GroupingError,
        `column "${qualified}" must appear in the GROUP BY clause or be used in an aggregate function`,
        { position: bind.positionOf(e.name) });
    }
    return undefined;
  });
  return {
    plan: { kind: 'Aggregate', input, groups, aggregates: collector.aggregates, output: [...groupOutput, ...aggOutput] },
    rewrite,
  };
}
