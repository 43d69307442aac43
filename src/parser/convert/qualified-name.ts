/**
 * Relation names as the catalog stores them: `schema.name` when a schema is written. Tables keep
 * `public.` as written (the binder resolves it); indexes, views and comments drop it, as the
 * catalog names them without it.
 */
import type { RangeVar } from 'libpg-query';
import type { ConvertContext } from './convert-context.js';
import { notSupported } from './not-supported.js';

/** `schema.name` or `name`; `dropPublic` drops a written `public.`. */
export function relationName(r: RangeVar, ctx: ConvertContext, dropPublic = false): string {
  if (r.catalogname !== undefined) throw notSupported('a cross-database reference', ctx, r.location);
  const schema = r.schemaname;
  return schema === undefined || (dropPublic && schema === 'public') ? r.relname! : `${schema}.${r.relname!}`;
}

/** The same for a name given as a list of parts (DROP, COMMENT). */
export function dottedName(parts: readonly string[], dropPublic = false): string {
  if (dropPublic && parts.length === 2 && parts[0] === 'public') return parts[1]!;
  return parts.join('.');
}
