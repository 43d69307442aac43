/**
 * Collects the aggregate calls of one SELECT level while its select list, HAVING and ORDER BY
 * are bound; each distinct call becomes one output column of LogicalAggregate and the call
 * site becomes a reference to it.
 */
import type { BoundAggregate, BoundColumnRef } from '../logical/bound-expr.js';
import { exprKey } from '../logical/expr-key.js';

export class AggregateCollector {
  readonly aggregates: BoundAggregate[] = [];
  private readonly byKey = new Map<string, BoundAggregate>();
  /** True while an aggregate's arguments are bound (a nested aggregate is an error). */
  inside = false;

  /** Registers an aggregate (sharing an identical earlier call) and returns a reference to it. */
  add(aggregate: Omit<BoundAggregate, 'id'>, newId: () => number): BoundColumnRef {
    const key = [aggregate.name, aggregate.distinct, aggregate.args.map(exprKey).join(','),
      aggregate.filter ? exprKey(aggregate.filter) : '',
      (aggregate.orderBy ?? []).map((k) => `${exprKey(k.expr)}${k.descending}${k.nullsFirst}`).join(',')].join('|');
    let found = this.byKey.get(key);
    if (!found) {
      found = { ...aggregate, id: newId() };
      this.byKey.set(key, found);
      this.aggregates.push(found);
    }
    return { kind: 'ColumnRef', type: found.type, id: found.id, name: found.name };
  }
}
