/**
 * A column DEFAULT may not read columns: PostgreSQL refuses any column reference with 0A000
 * while it transforms the expression, so before it looks at aggregates or function names
 * (`DEFAULT (avg(id))` is a column-reference error, not an aggregate one). Subqueries are left to
 * the binder (PostgreSQL refuses them before looking inside).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Expr } from '../../parser/ast.js';

/** Throws 0A000 at the first column reference in `expr`, in source order. */
export function rejectDefaultColumnRefs(expr: Expr): void {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.kind === 'ColumnRef') throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot use column reference in DEFAULT expression');
    if ('query' in record) return;
    Object.values(record).forEach(visit);
  };
  visit(expr);
}
