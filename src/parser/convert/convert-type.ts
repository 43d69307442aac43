/**
 * PostgreSQL TypeName → our TypeRef. The grammar already maps SQL's type keywords to pg_type
 * names (`int` → pg_catalog.int4, `double precision` → float8, `char` → bpchar(1),
 * `timestamp with time zone` → timestamptz, `float(24)` → float4); names written as
 * identifiers (`int4`, `serial`, `mood`, `"char"`) arrive as written and the binder resolves them.
 * Modifiers are the grammar's: `interval day to second(3)` is [range mask, 3] (types/interval-typmod.ts).
 */
import type { TypeName } from 'libpg-query';
import type { TypeRef } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { notSupported, syntaxError } from './not-supported.js';
import { stringsOf } from './pg-node.js';

/** Convert a TypeName (casts, column types, PREPARE parameter types). */
export function convertType(t: TypeName, ctx: ConvertContext): TypeRef {
  if (t.setof) throw notSupported('SETOF', ctx, t.location);
  if (t.pct_type) throw notSupported('%TYPE', ctx, t.location);
  const names = stringsOf(t.names);
  const name = names[names.length - 1]!;
  const schema = names.length > 1 ? names[names.length - 2] : undefined;
  if (names.length > 2 && names[0] !== 'pg_catalog') throw notSupported('a cross-database reference', ctx, t.location);
  const modifiers = (t.typmods ?? []).map((m) => {
    if ('A_Const' in m && m.A_Const.ival !== undefined) return m.A_Const.ival.ival ?? 0;
    throw syntaxError('type modifiers must be simple constants or identifiers', ctx, t.location);
  });
  const arrayDims = t.arrayBounds?.length ?? 0;
  const qualified = schema !== undefined && schema !== 'pg_catalog' ? { schema } : {};
  // `_int4` is pg_type's name for int4[].
  if (name.startsWith('_') && name.length > 1) return { name: name.slice(1), modifiers, arrayDims: arrayDims + 1, ...qualified };
  return { name, modifiers, arrayDims, ...qualified };
}
