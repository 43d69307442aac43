/**
 * A predicate as the list of its AND-ed parts and back: what filter pushdown, join-key
 * splitting, hashed decorrelation and the Filter's one-time gate each take apart.
 */
import { T } from '../../types/sql-type.js';
import type { BoundExpr } from './bound-expr.js';

/** `a AND (b AND c)` → [a, b, c]; anything else → [expr]. */
export function conjuncts(expr: BoundExpr): BoundExpr[] {
  return expr.kind === 'And' ? expr.args.flatMap(conjuncts) : [expr];
}

/** The AND of `parts`; undefined for none. */
export function conjunction(parts: readonly BoundExpr[]): BoundExpr | undefined {
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0]! : { kind: 'And', type: T.bool, args: [...parts] };
}
