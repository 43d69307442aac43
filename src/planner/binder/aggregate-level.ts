/**
 * Which query level an aggregate call belongs to. PostgreSQL gives an aggregate to the
 * nearest query whose columns its arguments, FILTER or ORDER BY read: `(SELECT max(o.x))` in
 * a subquery aggregates the outer rows of `o`, once, not each inner row. Each SELECT level
 * registers its collector against its FROM scope so a subquery can hand the call up.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { BoundExpr } from '../logical/bound-expr.js';
import { referencedIds } from '../logical/map-expr.js';
import type { AggregateCollector } from './aggregate-collector.js';
import type { Scope } from './scope.js';

const levels = new WeakMap<Scope, AggregateCollector | string>();

/**
 * Records that aggregates of the query whose FROM scope is `scope` go to `collector`, or,
 * given a clause name (WHERE is bound before the select list), that they are not allowed.
 */
export function registerAggregateLevel(scope: Scope, collector: AggregateCollector | string): void {
  levels.set(scope, collector);
}

/** An enclosing query level an aggregate belongs to, or undefined when it is the current one's. */
export interface OuterAggregateLevel {
  readonly collector: AggregateCollector;
  /** Marks each subquery between here and that level as correlated (it reads the result). */
  readonly markCorrelated: () => void;
}

/**
 * The enclosing level `parts` make the aggregate belong to: the nearest level any of them
 * reads a column of, when that is not `scope`'s own (no column at all keeps it here).
 */
export function outerAggregateLevel(scope: Scope, parts: readonly BoundExpr[]): OuterAggregateLevel | undefined {
  const ids = new Set<number>();
  for (const part of parts) referencedIds(part, ids);
  if (ids.size === 0) return undefined;
  for (let level: Scope | undefined = scope; level; level = level.parent) {
    const owns = level.relations.some((r) => r.columns.some((c) => ids.has(c.id)));
    if (!owns) continue;
    if (level === scope) return undefined;
    const collector = levels.get(level);
    if (!collector) return undefined;
    if (typeof collector === 'string') {
      throw new SqlError(SQLSTATE.GroupingError, `aggregate functions are not allowed in ${collector}`);
    }
    const target = level;
    return {
      collector,
      markCorrelated: () => {
        for (let s: Scope | undefined = scope; s && s !== target; s = s.parent) if (s.boundary) s.boundary.correlated = true;
      },
    };
  }
  return undefined;
}
