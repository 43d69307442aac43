/** Dispatch a node-sql-parser statement to the transform for its kind. */
import type { Statement } from '../ast.js';
import type { NspNode } from '../nsp.js';
import type { TransformContext } from './transform-context.js';
import { transformDelete } from './transform-delete.js';
import { transformInsert } from './transform-insert.js';
import { nameOf, unsupported } from './transform-names.js';
import { transformQuery } from './transform-select.js';
import { transformUpdate } from './transform-update.js';

/** Convert one node-sql-parser statement to ours; anything else is 0A000. */
export function transformStatement(n: NspNode, ctx: TransformContext): Statement {
  switch (n?.type) {
    case 'select': case 'values':
      // SELECT … INTO t: PostgreSQL's older spelling of CREATE TABLE t AS SELECT ….
      if (n.type === 'select' && n.into?.expr) {
        return { kind: 'CreateTableAs', name: nameOf(n.into.expr), ifNotExists: false, withData: true, query: transformQuery({ ...n, into: undefined }, ctx) };
      }
      return { kind: 'QueryStatement', query: transformQuery(n, ctx) };
    case 'insert':
      return transformInsert(n, ctx);
    case 'update':
      return transformUpdate(n, ctx);
    case 'delete':
      return transformDelete(n, ctx);
    default:
      return unsupported(`${String(n?.type ?? 'this').toUpperCase()} statement`);
  }
}
