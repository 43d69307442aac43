/** node-sql-parser UPDATE → Update (SET, FROM, WHERE, RETURNING). */
import type { Update } from '../ast.js';
import type { NspNode } from '../nsp.js';
import type { TransformContext } from './transform-context.js';
import { transformExpr } from './transform-expr.js';
import { transformFrom } from './transform-from.js';
import { qualified } from './transform-insert.js';
import { nameOf, unsupported } from './transform-names.js';
import { transformSelectItems } from './transform-select.js';

/** Convert an `update` node. */
export function transformUpdate(n: NspNode, ctx: TransformContext): Update {
  const table = n.table?.[0];
  if (!table?.table || n.table.length !== 1) unsupported('this UPDATE target');
  const assignments = (n.set ?? []).map((s: NspNode) => ({ column: nameOf(s.column), value: transformExpr(s.value, ctx) }));
  return {
    kind: 'Update',
    table: qualified(table),
    ...(table.as ? { alias: nameOf(table.as) } : {}),
    assignments,
    from: transformFrom(n.from, ctx),
    ...(n.where ? { where: transformExpr(n.where, ctx) } : {}),
    ...(n.returning ? { returning: transformSelectItems(n.returning.columns, ctx) } : {}),
  };
}
