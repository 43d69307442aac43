/**
 * Collects the aggregate calls of one SELECT level while its select list, HAVING and ORDER BY
 * are bound; each distinct call becomes one output column of LogicalAggregate and the call
 * site becomes a reference to it.
 */
import type { BoundAggregate, BoundColumnRef, BoundExpr } from '../logical/bound-expr.js';
import { exprKey } from '../logical/expr-key.js';
import { referencedIds } from '../logical/map-expr.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';

/** A `GROUPING(…)` call: its value comes from the aggregate node (bind-group-by.ts). */
export interface GroupingCall {
  readonly id: number;
  readonly args: readonly BoundExpr[];
  /** Where the call is written (for the 42803 of an argument that is not grouped). */
  readonly position: number | undefined;
}

export class AggregateCollector {
  readonly aggregates: BoundAggregate[] = [];
  readonly groupingCalls: GroupingCall[] = [];
  private readonly byKey = new Map<string, BoundAggregate>();
  /** True while an aggregate's arguments are bound (a nested aggregate is an error). */
  inside = false;

  /** Registers an aggregate (sharing an identical earlier call) and returns a reference to it. */
  add(aggregate: Omit<BoundAggregate, 'id'>, newId: () => number): BoundColumnRef {
    // An outer-level aggregate whose FILTER (or argument) holds another aggregate of that level:
    // each was bound in a different scope, so only here do the two meet.
    const reads = new Set<number>();
    for (const e of [...aggregate.args, ...(aggregate.filter ? [aggregate.filter] : []), ...(aggregate.orderBy ?? []).map((k) => k.expr)]) {
      referencedIds(e, reads);
    }
    if (this.aggregates.some((a) => reads.has(a.id))) {
      throw new SqlError(SQLSTATE.GroupingError, 'aggregate function calls cannot be nested');
    }
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

  /** Registers a GROUPING(…) call and returns a reference to its int4 value. */
  addGrouping(args: readonly BoundExpr[], position: number | undefined, newId: () => number): BoundColumnRef {
    const call: GroupingCall = { id: newId(), args, position };
    this.groupingCalls.push(call);
    return { kind: 'ColumnRef', type: T.int4, id: call.id, name: 'grouping' };
  }
}
