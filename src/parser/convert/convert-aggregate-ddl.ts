/**
 * CREATE [OR REPLACE] AGGREGATE (DefineStmt of kind OBJECT_AGGREGATE) → our AST. The grammar
 * gives the definition list as DefElems whose values are type names (`stype = int8`, also
 * `sfunc = f(int8, int4)` with the argument types as type modifiers), strings, numbers or an
 * operator name (`sortop = <`); they are kept as written and judged by the binder.
 */
import type { DefElem, DefineStmt, Node, TypeName } from 'libpg-query';
import type { AggregateOption, CreateAggregate } from '../ast-functions.js';
import type { ConvertContext } from './convert-context.js';
import { convertType } from './convert-type.js';
import { syntaxError } from './not-supported.js';
import { listItems, stringOf, stringsOf } from './pg-node.js';
import { dottedName } from './qualified-name.js';

/** A value given as a type name: the written name, its schema, and the type it means. */
function refOf(t: TypeName, ctx: ConvertContext): AggregateOption['ref'] {
  const parts = stringsOf(t.names);
  const name = parts[parts.length - 1]!;
  // `f(int8, int4)`: the grammar reads the argument list as type modifiers; they are not part of the type.
  const type = convertType({ ...t, typmods: [] }, ctx);
  return { name, ...(parts.length > 1 ? { schema: parts[parts.length - 2]! } : {}), type };
}

/** One `name = value` of a definition list (CREATE AGGREGATE, CREATE OPERATOR). */
export function definitionOption(d: DefElem, ctx: ConvertContext): AggregateOption {
  const name = d.defname!.toLowerCase();
  const arg: Node | undefined = d.arg;
  if (!arg) return { name };
  if ('TypeName' in arg) return { name, ref: refOf(arg.TypeName, ctx) };
  if ('String' in arg) return { name, text: arg.String.sval ?? '' };
  if ('Integer' in arg) return { name, text: String(arg.Integer.ival ?? 0) };
  if ('Float' in arg) return { name, text: arg.Float.fval ?? '0' };
  if ('List' in arg) return { name, text: listItems(arg).map(stringOf).join('.') };
  throw syntaxError(`syntax error at or near "${name}"`, ctx);
}

export function convertCreateAggregate(s: DefineStmt, ctx: ConvertContext): CreateAggregate {
  const options = (s.definition ?? []).flatMap((n) => ('DefElem' in n ? [definitionOption(n.DefElem, ctx)] : []));
  const base = { kind: 'CreateAggregate' as const, name: dottedName(stringsOf(s.defnames), true), replace: s.replace ?? false, options };
  if (s.oldstyle) return { ...base, star: false };
  const [list, direct] = s.args ?? [];
  const params = listItems(list).flatMap((n) => ('FunctionParameter' in n ? [n.FunctionParameter] : []));
  const directArgs = direct && 'Integer' in direct ? direct.Integer.ival ?? 0 : -1;
  return {
    ...base, star: params.length === 0,
    args: params.map((p) => convertType({ ...p.argType!, setof: false }, ctx)),
    ...(directArgs >= 0 ? { directArgs } : {}),
  };
}
