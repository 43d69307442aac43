/**
 * Relation names as statements give them: plain (`t`, found by the search path: the session's
 * temporary relations first, then public, as PostgreSQL's implicit pg_temp-first path does) or
 * qualified in the parser's dotted form (`public.t`, `pg_temp.t`; `pg_temp_N` is the session's
 * own temporary schema under the name the catalogs show).
 */

/** The schema a name picks, or none (search the path). */
/** `pg_temp` or `pg_temp_N`: the session's temporary schema. */
export function isTempSchema(schema: string): boolean {
  return schema === 'pg_temp' || /^pg_temp_\d+$/.test(schema);
}

export type RelationNamespace = 'public' | 'pg_temp';

export interface RelationName {
  readonly namespace?: RelationNamespace;
  readonly name: string;
}

export { TEMP_SCHEMA } from '../functions/system/catalog-oids.js';

/**
 * @example parseRelationName('pg_temp.t') // { namespace: 'pg_temp', name: 't' }
 * @example parseRelationName('t') // { name: 't' }
 */
export function parseRelationName(qualified: string): RelationName {
  const dot = qualified.indexOf('.');
  if (dot < 0) return { name: qualified };
  const schema = qualified.slice(0, dot);
  const name = qualified.slice(dot + 1);
  if (schema === 'public') return { namespace: 'public', name };
  if (isTempSchema(schema)) return { namespace: 'pg_temp', name };
  return { name: qualified };
}
