/**
 * FROM items → our FromItem: tables (with `AS a (x, y)` column aliases), derived tables
 * (alias optional, as PostgreSQL 16+ and ThanoSQL's tutorials allow; LATERAL marked),
 * set-returning functions (WITH ORDINALITY, column aliases) and joins (ON, USING, CROSS, an
 * alias on the whole join), column definition lists (`f(…) AS t(a int)`). NATURAL joins, ROWS FROM and
 * TABLESAMPLE are 0A000.
 */
import type { Alias, JoinExpr, Node, RangeFunction, RangeVar } from 'libpg-query';
import type { FromItem, JoinRef } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertExpr } from './convert-expr.js';
import { convertQuery } from './convert-select.js';
import { notSupported } from './not-supported.js';
import { convertType } from './convert-type.js';
import { listItems, stringsOf, tagOf } from './pg-node.js';

const UNSUPPORTED_FROM: Readonly<Record<string, string>> = {
  RangeTableSample: 'TABLESAMPLE', RangeTableFunc: 'XMLTABLE', JsonTable: 'JSON_TABLE',
};

const JOIN_TYPES: Readonly<Record<string, JoinRef['type']>> = {
  JOIN_INNER: 'INNER', JOIN_LEFT: 'LEFT', JOIN_RIGHT: 'RIGHT', JOIN_FULL: 'FULL',
};

/** Convert one FROM item. */
export function convertFrom(node: Node, ctx: ConvertContext): FromItem {
  if ('RangeVar' in node) return convertRangeVar(node.RangeVar, ctx);
  if ('RangeSubselect' in node) {
    const r = node.RangeSubselect;
    return { kind: 'SubqueryRef', query: convertQuery(r.subquery!, ctx), ...aliasOf(r.alias), ...(r.lateral ? { lateral: true } : {}) };
  }
  if ('RangeFunction' in node) return convertRangeFunction(node.RangeFunction, ctx);
  if ('JoinExpr' in node) return convertJoin(node.JoinExpr, ctx);
  const tag = tagOf(node);
  throw notSupported(UNSUPPORTED_FROM[tag] ?? `FROM item ${tag}`, ctx);
}

/** `alias` and `columnAliases` fields from an Alias. */
function aliasOf(alias: Alias | undefined): { alias?: string; columnAliases?: readonly string[] } {
  if (alias === undefined) return {};
  const columns = alias.colnames ? stringsOf(alias.colnames) : undefined;
  return { alias: alias.aliasname!, ...(columns ? { columnAliases: columns } : {}) };
}

/** A table name; `ONLY t` reads t without the tables inheriting from it (`t*` is plain `t`). */
function convertRangeVar(r: RangeVar, ctx: ConvertContext): FromItem {
  if (r.catalogname !== undefined) throw notSupported('a cross-database reference', ctx, r.location);
  return {
    kind: 'TableRef', ...(r.schemaname !== undefined ? { schema: r.schemaname } : {}), name: r.relname!, ...aliasOf(r.alias),
    ...(r.inh ? {} : { only: true }),
  };
}

function convertRangeFunction(r: RangeFunction, ctx: ConvertContext): FromItem {
  const functions = r.functions ?? [];
  if (r.is_rowsfrom || functions.length !== 1) throw notSupported('ROWS FROM', ctx);
  const [fn, coldefs] = listItems(functions[0]);
  if (coldefs !== undefined && tagOf(coldefs) !== '') throw notSupported('a column definition list in ROWS FROM', ctx);
  const call = convertExpr(fn!, ctx);
  if (call.kind !== 'FunctionCall') throw notSupported('this expression in FROM', ctx);
  const columnDefs = r.coldeflist?.map((c) => {
    if (!('ColumnDef' in c)) throw notSupported(`column definition ${tagOf(c)}`, ctx);
    return { name: c.ColumnDef.colname!, type: convertType(c.ColumnDef.typeName!, ctx) };
  });
  return {
    kind: 'FunctionRef', call, ...aliasOf(r.alias), ...(columnDefs ? { columnDefs } : {}),
    ...(r.ordinality ? { withOrdinality: true } : {}), ...(r.lateral ? { lateral: true } : {}),
  };
}

function convertJoin(j: JoinExpr, ctx: ConvertContext): FromItem {
  const base = JOIN_TYPES[j.jointype ?? 'JOIN_INNER'];
  if (base === undefined) throw notSupported(`join type ${String(j.jointype)}`, ctx);
  const using = j.usingClause ? stringsOf(j.usingClause) : undefined;
  const natural = j.isNatural ?? false;
  const type = base === 'INNER' && !j.quals && !using && !natural ? 'CROSS' : base;
  return {
    kind: 'Join', type, left: convertFrom(j.larg!, ctx), right: convertFrom(j.rarg!, ctx),
    ...(j.quals ? { on: convertExpr(j.quals, ctx) } : {}),
    ...(using ? { using } : {}), ...(natural ? { natural } : {}),
    ...(j.join_using_alias?.aliasname !== undefined ? { usingAlias: j.join_using_alias.aliasname } : {}),
    ...aliasOf(j.alias),
  };
}
