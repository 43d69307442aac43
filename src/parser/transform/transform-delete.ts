/** node-sql-parser DELETE → Delete (WHERE, RETURNING). */
import type { Delete } from '../ast.js';
import type { NspNode } from '../nsp.js';
import type { TransformContext } from './transform-context.js';
import { transformExpr } from './transform-expr.js';
import { qualified } from './transform-insert.js';
import { nameOf, unsupported } from './transform-names.js';
import { transformSelectItems } from './transform-select.js';

/** Convert a `delete` node. */
export function transformDelete(n: NspNode, ctx: TransformContext): Delete {
  const table = n.from?.[0];
  if (!table?.table || n.from.length !== 1) unsupported('DELETE … USING');
  return {
    kind: 'Delete',
    table: qualified(table),
    ...(table.as ? { alias: nameOf(table.as) } : {}),
    ...(n.where ? { where: transformExpr(n.where, ctx) } : {}),
    ...(n.returning ? { returning: transformSelectItems(n.returning.columns, ctx) } : {}),
  };
}
