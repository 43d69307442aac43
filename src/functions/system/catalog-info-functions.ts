/**
 * Catalog information functions clients call around pg_catalog queries: visibility tests,
 * format_type, object descriptions (COMMENT ON), the pg_get_*def deparsers of indexes,
 * constraints, views and triggers (read through the CatalogLookup) and pg_get_userbyid. There
 * are no rules, so pg_get_ruledef returns NULL; pg_get_expr returns its argument because
 * pg_attrdef.adbin already holds SQL text.
 */
import { T } from '../../types/sql-type.js';
import type { EvalContext, ScalarFunction, ScalarOverload } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { ROLE_OID, TEMP_SCHEMA, UTF8_ENCODING } from './catalog-oids.js';
import { formatType, typeIsVisible } from './reg-types.js';
import { userName } from './session-identity.js';

const stable = { volatility: 'stable' } as const;
const SQL_ASCII_ENCODING = 0;

/**
 * True for relations the search path finds by their bare name: the session's temporary schema,
 * pg_catalog, then public (a public table shadowed by a temporary one is not visible); NULL for
 * OIDs that name none.
 */
function tableIsVisible(oid: number, ctx: EvalContext): boolean | null {
  const relation = ctx.catalog?.relationByOid(oid);
  if (!relation) return ctx.catalog ? null : true;
  if (relation.schema !== 'public' && relation.schema !== 'pg_catalog' && relation.schema !== TEMP_SCHEMA) return false;
  return ctx.catalog!.relationByName(undefined, relation.name)?.oid === oid;
}

const PG_CLASS = 'pg_class';
const PG_CONSTRAINT = 'pg_constraint';

/** obj_description(oid[, catalog]): pg_class and pg_constraint objects carry comments here. */
function objDescription([oid, catalog]: readonly unknown[], ctx: EvalContext): string | null {
  if (catalog === PG_CONSTRAINT) return ctx.catalog?.description?.(oid as number, 0, PG_CONSTRAINT) ?? null;
  if (catalog !== undefined && catalog !== PG_CLASS) return null;
  return ctx.catalog?.description?.(oid as number, 0) ?? null;
}

/** pg_get_indexdef / pg_get_constraintdef / pg_get_viewdef(oid | name, …). */
function definition(kind: 'index' | 'constraint' | 'view' | 'partkey' | 'trigger', target: unknown, ctx: EvalContext, column?: unknown, pretty?: unknown): string | null {
  let oid = target as number;
  if (typeof target === 'string') {
    const relation = ctx.catalog?.relationByName(undefined, target);
    if (!relation) return null;
    oid = relation.oid;
  }
  return ctx.catalog?.objectDefinition?.(kind, oid, column as number | undefined, pretty === true) ?? null;
}

/** Overloads of a function that answers NULL whatever its arguments (nothing to describe). */
function alwaysNull(arities: readonly (readonly typeof T.oid[])[], returns = T.text): ScalarOverload[] {
  return arities.map((args) => scalar(args, returns, () => null, stable));
}

export const catalogInfoFunctions: readonly ScalarFunction[] = [
  { name: 'pg_table_is_visible', overloads: [scalar([T.oid], T.bool, ([oid], ctx) => tableIsVisible(oid as number, ctx), stable)] },
  { name: 'pg_type_is_visible', overloads: [scalar([T.oid], T.bool, ([oid], ctx) => typeIsVisible(oid as number, ctx.catalog), stable)] },
  { name: 'pg_function_is_visible', overloads: [scalar([T.oid], T.bool, () => true, stable)] },
  { name: 'pg_collation_is_visible', overloads: [scalar([T.oid], T.bool, () => true, stable)] },
  { name: 'format_type', overloads: [
    scalar([T.oid, T.int4], T.text, ([oid, typmod], ctx) => (oid === null ? null : formatType(oid as number, typmod as number | null, ctx.catalog)),
      { volatility: 'stable', strict: false }),
  ] },
  { name: 'pg_get_userbyid', overloads: [scalar([T.oid], T.name, ([oid], ctx) =>
    (oid === ROLE_OID ? userName(ctx.setting) : `unknown (OID=${String(oid)})`), stable)] },
  { name: 'pg_encoding_to_char', overloads: [scalar([T.int4], T.name, ([e]) =>
    (e === UTF8_ENCODING ? 'UTF8' : e === SQL_ASCII_ENCODING ? 'SQL_ASCII' : ''), stable)] },
  { name: 'pg_char_to_encoding', overloads: [scalar([T.name], T.int4, ([n]) =>
    (String(n).toUpperCase().replace('-', '') === 'UTF8' ? UTF8_ENCODING : -1), stable)] },
  { name: 'obj_description', overloads: [
    scalar([T.oid], T.text, (args, ctx) => objDescription(args, ctx), stable),
    scalar([T.oid, T.name], T.text, (args, ctx) => objDescription(args, ctx), stable),
  ] },
  { name: 'col_description', overloads: [
    scalar([T.oid, T.int4], T.text, ([oid, attnum], ctx) => ctx.catalog?.description?.(oid as number, attnum as number) ?? null, stable),
  ] },
  { name: 'shobj_description', overloads: alwaysNull([[T.oid, T.name]]) },
  { name: 'pg_get_expr', overloads: [
    scalar([T.text, T.oid], T.text, ([e]) => e, stable),
    scalar([T.text, T.oid, T.bool], T.text, ([e]) => e, stable),
  ] },
  { name: 'pg_get_indexdef', overloads: [
    scalar([T.oid], T.text, ([oid], ctx) => definition('index', oid, ctx), stable),
    scalar([T.oid, T.int4, T.bool], T.text, ([oid, column], ctx) => definition('index', oid, ctx, column), stable),
  ] },
  { name: 'pg_get_constraintdef', overloads: [
    scalar([T.oid], T.text, ([oid], ctx) => definition('constraint', oid, ctx), stable),
    scalar([T.oid, T.bool], T.text, ([oid, pretty], ctx) => definition('constraint', oid, ctx, undefined, pretty), stable),
  ] },
  { name: 'pg_get_viewdef', overloads: [
    scalar([T.oid], T.text, ([oid], ctx) => definition('view', oid, ctx), stable),
    scalar([T.oid, T.bool], T.text, ([oid], ctx) => definition('view', oid, ctx), stable),
    scalar([T.text], T.text, ([name], ctx) => definition('view', name, ctx), stable),
    scalar([T.text, T.bool], T.text, ([name], ctx) => definition('view', name, ctx), stable),
  ] },
  { name: 'pg_get_triggerdef', overloads: [
    scalar([T.oid], T.text, ([oid], ctx) => definition('trigger', oid, ctx), stable),
    scalar([T.oid, T.bool], T.text, ([oid, pretty], ctx) => definition('trigger', oid, ctx, undefined, pretty), stable),
  ] },
  { name: 'pg_get_ruledef', overloads: alwaysNull([[T.oid], [T.oid, T.bool]]) },
  { name: 'pg_get_partkeydef', overloads: [scalar([T.oid], T.text, ([oid], ctx) => definition('partkey', oid, ctx), stable)] },
  { name: 'pg_get_statisticsobjdef_columns', overloads: alwaysNull([[T.oid]]) },
  { name: 'pg_get_replica_identity_index', overloads: alwaysNull([[T.oid]], T.oid) },
  { name: 'pg_relation_is_publishable', overloads: [scalar([T.oid], T.bool, () => false, stable)] },
  { name: 'pg_tablespace_location', overloads: [scalar([T.oid], T.text, () => '', stable)] },
  { name: 'pg_stat_get_numscans', overloads: [scalar([T.oid], T.int8, () => 0n, stable)] },
  { name: 'pg_is_other_temp_schema', overloads: [scalar([T.oid], T.bool, () => false, stable)] },
  { name: 'pg_my_temp_schema', overloads: [scalar([], T.oid, () => 0, stable)] },
];
