/** SQL-level prepared statements: PREPARE name [(types)] AS statement, EXECUTE name [(args)]. */
import type { ExecuteStmt, Node, PrepareStmt } from 'libpg-query';
import type { ExecuteStatement, PrepareStatement, Statement } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertExprs } from './convert-expr.js';
import { convertType } from './convert-type.js';

/**
 * Convert PREPARE; `convertInner` converts the prepared statement (the statement dispatcher,
 * passed in so this file does not import it).
 */
export function convertPrepare(s: PrepareStmt, ctx: ConvertContext, convertInner: (node: Node) => Statement): PrepareStatement {
  const paramTypes = (s.argtypes ?? []).map((t) => convertType('TypeName' in t ? t.TypeName : {}, ctx));
  return { kind: 'Prepare', name: s.name!, paramTypes, statement: convertInner(s.query!) };
}

/** Convert EXECUTE. */
export function convertExecute(s: ExecuteStmt, ctx: ConvertContext): ExecuteStatement {
  return { kind: 'Execute', name: s.name!, args: convertExprs(s.params, ctx) };
}
