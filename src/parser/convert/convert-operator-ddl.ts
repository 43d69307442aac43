/**
 * CREATE OPERATOR (DefineStmt of kind OBJECT_OPERATOR) and DROP OPERATOR → our AST. The
 * definition list is read as CREATE AGGREGATE's is; DROP names each operator by its symbol
 * and argument types, `NONE` for a prefix operator's missing left side.
 */
import type { DefineStmt, DropStmt, Node } from 'libpg-query';
import type { CreateOperator, DropOperator } from '../ast-functions.js';
import { definitionOption } from './convert-aggregate-ddl.js';
import type { ConvertContext } from './convert-context.js';
import { convertType } from './convert-type.js';
import { stringsOf } from './pg-node.js';

/** The operator's symbol without a `public.` / `pg_catalog.` qualification. */
function symbolOf(names: readonly Node[] | undefined): string {
  const parts = stringsOf(names);
  return parts[parts.length - 1]!;
}

export function convertCreateOperator(s: DefineStmt, ctx: ConvertContext): CreateOperator {
  const options = (s.definition ?? []).flatMap((n) => ('DefElem' in n ? [definitionOption(n.DefElem, ctx)] : []));
  return { kind: 'CreateOperator', name: symbolOf(s.defnames), options };
}

/** DROP OPERATOR, or undefined for other DROP statements. */
export function convertDropOperator(s: DropStmt, ctx: ConvertContext): DropOperator | undefined {
  if (String(s.removeType) !== 'OBJECT_OPERATOR') return undefined;
  const operators = (s.objects ?? []).flatMap((n) => {
    if (!('ObjectWithArgs' in n)) return [];
    const [left, right] = (n.ObjectWithArgs.objargs ?? []).map((a) => ('TypeName' in a ? convertType(a.TypeName, ctx) : undefined));
    return [{ name: symbolOf(n.ObjectWithArgs.objname), ...(left ? { left } : {}), right: right! }];
  });
  return { kind: 'DropOperator', operators, ifExists: s.missing_ok ?? false };
}
