/**
 * FROM lists → FromItem trees: tables (schema, alias), derived tables with or without alias,
 * set-returning functions (`WITH ORDINALITY` arrives as the `__thano_ord_` name prefix), joins (comma joins stay separate items), and the placeholder tables
 * standing for nested SEARCH/CONVERT queries.
 */
import type { FromItem, JoinRef } from '../ast.js';
import type { NspNode } from '../nsp.js';
import { THANO_SUB_PREFIX } from '../rewrite-for-nsp.js';
import { ORDINALITY_PREFIX } from '../rewrite-markers.js';
import type { TransformContext } from './transform-context.js';
import { transformExpr } from './transform-expr.js';
import { transformFunction } from './transform-function.js';
import { nameOf, unsupported } from './transform-names.js';
import { transformQuery } from './transform-select.js';

const JOIN_TYPES: Readonly<Record<string, JoinRef['type']>> = {
  'INNER JOIN': 'INNER', JOIN: 'INNER', 'LEFT JOIN': 'LEFT', 'LEFT OUTER JOIN': 'LEFT',
  'RIGHT JOIN': 'RIGHT', 'RIGHT OUTER JOIN': 'RIGHT', 'FULL JOIN': 'FULL', 'FULL OUTER JOIN': 'FULL',
  'CROSS JOIN': 'CROSS',
};

/** Convert node-sql-parser's flat FROM list. */
export function transformFrom(list: NspNode, ctx: TransformContext): FromItem[] {
  const out: FromItem[] = [];
  const items: NspNode[] = list ?? [];
  items.forEach((raw, k) => {
    const item = readsCrossAsAlias(raw, items[k + 1]) ? { ...raw, as: null } : raw;
    const right = fromItem(item, ctx);
    if (!item.join) { out.push(right); return; }
    const type = readsCrossAsAlias(items[k - 1], item) ? 'CROSS' : JOIN_TYPES[String(item.join).toUpperCase()];
    if (type === undefined) unsupported(String(item.join));
    const left = out.pop();
    if (left === undefined) unsupported('a join without a left side');
    const using = Array.isArray(item.using) ? item.using.map((u: NspNode) => nameOf(u)) : undefined;
    out.push({
      kind: 'Join', type, left, right,
      ...(item.on ? { on: transformExpr(item.on, ctx) } : {}),
      ...(using ? { using } : {}),
    });
  });
  return out;
}

/**
 * node-sql-parser's PostgreSQL grammar reads `x CROSS JOIN y` (x without an alias) as
 * `x AS cross INNER JOIN y` with no ON. CROSS is reserved in PostgreSQL, so an alias `cross`
 * followed by a condition-less INNER JOIN can only be that misreading.
 */
function readsCrossAsAlias(item: NspNode, next: NspNode): boolean {
  return item !== undefined && next !== undefined && typeof item.as === 'string' && item.as.toLowerCase() === 'cross'
    && String(next.join ?? '').toUpperCase() === 'INNER JOIN' && !next.on && !next.using;
}

function fromItem(item: NspNode, ctx: TransformContext): FromItem {
  const { alias, columnAliases } = splitAlias(item.as);
  const aliasPart = { ...(alias ? { alias } : {}), ...(columnAliases ? { columnAliases } : {}) };
  if (item.expr?.ast !== undefined || item.expr?.type === 'values') {
    return { kind: 'SubqueryRef', query: transformQuery(item.expr.ast ?? item.expr, ctx), ...aliasPart };
  }
  if (item.expr?.type === 'function') {
    const call = transformFunction(item.expr, ctx);
    if (call.kind !== 'FunctionCall') unsupported('this expression in FROM');
    if (call.name.startsWith(ORDINALITY_PREFIX)) {
      const plain = { ...call, name: call.name.slice(ORDINALITY_PREFIX.length) };
      return { kind: 'FunctionRef', call: plain, ...aliasPart, withOrdinality: true };
    }
    return { kind: 'FunctionRef', call, ...aliasPart };
  }
  if (typeof item.table === 'string') {
    if (item.table.startsWith(THANO_SUB_PREFIX) && !item.db) {
      const sub = ctx.subs[Number(item.table.slice(THANO_SUB_PREFIX.length))];
      if (sub !== undefined) return { kind: 'SubqueryRef', query: sub, ...aliasPart };
    }
    return {
      kind: 'TableRef', name: item.table,
      ...(item.db ? { schema: nameOf(item.db) } : {}),
      ...(alias ? { alias } : {}),
    };
  }
  return unsupported('this FROM item');
}

/** node-sql-parser reports `v(a, b)` as one alias string. */
function splitAlias(as: NspNode): { alias?: string; columnAliases?: string[] } {
  if (as === null || as === undefined) return {};
  const text = nameOf(as);
  const m = /^([^(]+)\((.*)\)$/.exec(text);
  if (!m) return { alias: text };
  return { alias: m[1]!.trim(), columnAliases: m[2]!.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1')) };
}
