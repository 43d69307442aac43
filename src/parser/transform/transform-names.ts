/**
 * Identifier helpers for node-sql-parser nodes. The rewriter lower-cased every unquoted word,
 * so names arrive exactly as PostgreSQL would fold them; these only unwrap the node shapes.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { NspNode } from '../nsp.js';

/** A name that node-sql-parser gives as a string or as `{ expr: { value } }` / `{ value }`. */
export function nameOf(n: NspNode): string {
  if (typeof n === 'string') return n;
  if (typeof n === 'number') return String(n);
  if (n && typeof n === 'object') {
    if (n.expr !== undefined) return nameOf(n.expr);
    if (typeof n.value === 'string') return n.value;
  }
  throw new SqlError(SQLSTATE.FeatureNotSupported, 'identifier syntax not supported');
}

/** Throw 0A000 naming the construct. */
export function unsupported(what: string): never {
  throw new SqlError(SQLSTATE.FeatureNotSupported, `${what} is not supported`);
}
