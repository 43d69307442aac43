/** node-sql-parser INSERT → Insert (columns, VALUES rows or a query, RETURNING). */
import type { Insert } from '../ast.js';
import type { NspNode } from '../nsp.js';
import type { TransformContext } from './transform-context.js';
import { transformExprs } from './transform-expr.js';
import { nameOf, unsupported } from './transform-names.js';
import { transformQuery, transformSelectItems } from './transform-select.js';

/** Convert an `insert` node. */
export function transformInsert(n: NspNode, ctx: TransformContext): Insert {
  const table = n.table?.[0];
  if (!table?.table) unsupported('this INSERT target');
  if (n.on_duplicate_update || n.conflict) unsupported('INSERT … ON CONFLICT');
  const v = n.values;
  const source = v?.type === 'values'
    ? { kind: 'Values' as const, rows: (v.values ?? []).map((r: NspNode) => transformExprs(r, ctx)), orderBy: [] }
    : transformQuery(v, ctx);
  const columns = Array.isArray(n.columns) ? n.columns.map((c: NspNode) => nameOf(c)) : undefined;
  return {
    kind: 'Insert',
    table: qualified(table),
    source,
    ...(columns ? { columns } : {}),
    ...(n.returning ? { returning: transformSelectItems(n.returning.columns, ctx) } : {}),
  };
}

/** `schema.table` as one dotted name (the catalog resolves it). */
export function qualified(t: NspNode): string {
  return t.db ? `${nameOf(t.db)}.${String(t.table)}` : String(t.table);
}
