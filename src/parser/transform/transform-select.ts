/**
 * node-sql-parser SELECT trees (with WITH, set operations via `_next`/`set_op`, VALUES) → our
 * Query nodes: SelectQuery, SetOperationQuery, ValuesQuery.
 */
import type { CommonTableExpr, Expr, OrderItem, Query, SelectItem, SelectQuery } from '../ast.js';
import type { NspNode } from '../nsp.js';
import { LIMIT_MARKER_BASE, LIMIT_MARKER_SPAN, SET_ALL_MARKER } from '../rewrite-markers.js';
import type { TransformContext } from './transform-context.js';
import { transformExpr, transformExprs } from './transform-expr.js';
import { transformFrom } from './transform-from.js';
import { nameOf, unsupported } from './transform-names.js';
import { transformWindowClause } from './transform-window.js';

/** Convert a query node (select, possibly chained with UNION/INTERSECT/EXCEPT) or VALUES. */
export function transformQuery(n: NspNode, ctx: TransformContext): Query {
  if (n?.ast !== undefined) return transformQuery(n.ast, ctx);
  if (n?.type === 'values') {
    return { kind: 'Values', rows: (n.values ?? []).map((r: NspNode) => transformExprs(r, ctx)), orderBy: [] };
  }
  if (n?.type !== 'select') return unsupported(`${String(n?.type ?? 'this')} as a query`);
  const with_ = n.with ? transformWith(n.with, ctx) : undefined;
  if (!n._next) return single(n, ctx, with_);
  // node-sql-parser chains set operations left to right; the last member carries ORDER BY/LIMIT.
  let chain: NspNode = n;
  let left: Query = single({ ...n, orderby: null, limit: null }, ctx, with_);
  let tail: { orderBy: OrderItem[]; limit?: Expr; offset?: Expr } = { orderBy: [] };
  while (chain._next) {
    const marked = markedAll(chain._next);
    const op = String(chain.set_op ?? 'union').toUpperCase() + (marked ? ' ALL' : '');
    const next = marked ? { ...chain._next, columns: chain._next.columns.slice(1) } : chain._next;
    const isLast = !next._next;
    const right = single(isLast ? { ...next, orderby: null, limit: null } : next, ctx, undefined);
    if (isLast) tail = { orderBy: transformOrderBy(next.orderby, ctx), ...limits(next.limit, ctx) };
    const base = op.replace(/ (ALL|DISTINCT)$/, '') as 'UNION' | 'INTERSECT' | 'EXCEPT';
    left = { kind: 'SetOperation', op: base, all: op.endsWith(' ALL'), left, right, orderBy: [] };
    chain = next;
  }
  return left.kind === 'SetOperation' ? { ...left, ...tail } : left;
}

/** True when the member's first column is the INTERSECT/EXCEPT ALL stand-in (rewrite-markers.ts). */
function markedAll(n: NspNode): boolean {
  const first = Array.isArray(n?.columns) ? n.columns[0]?.expr : undefined;
  return first?.type === 'column_ref' && !first.table && nameOf(first.column) === SET_ALL_MARKER;
}

function single(n: NspNode, ctx: TransformContext, with_: CommonTableExpr[] | undefined): SelectQuery {
  const distinct = n.distinct?.type === 'DISTINCT ON'
    ? (n.distinct.columns ?? []).map((c: NspNode) => transformExpr(c.expr ?? c, ctx))
    : typeof n.distinct?.type === 'string' && n.distinct.type.toUpperCase() === 'DISTINCT';
  const groupBy: NspNode[] = Array.isArray(n.groupby) ? n.groupby : (n.groupby?.columns ?? []);
  return {
    kind: 'Select',
    ...(with_ ? { with: with_ } : {}),
    distinct,
    columns: transformSelectItems(n.columns, ctx),
    from: transformFrom(n.from, ctx),
    ...(n.where ? { where: transformExpr(n.where, ctx) } : {}),
    groupBy: groupBy.map((g) => transformExpr(g, ctx)),
    ...(n.having ? { having: transformExpr(n.having, ctx) } : {}),
    orderBy: transformOrderBy(n.orderby, ctx),
    ...limits(n.limit, ctx),
    ...(n.window?.expr?.length ? { windows: transformWindowClause(n.window, ctx) } : {}),
  };
}

/** SELECT list / RETURNING list. */
export function transformSelectItems(cols: NspNode, ctx: TransformContext): SelectItem[] {
  if (cols === '*') return [{ kind: 'SelectStar' }];
  return (cols ?? []).map((c: NspNode): SelectItem => {
    const e = c.expr;
    if (e?.type === 'column_ref' && e.column === '*') {
      return e.table ? { kind: 'SelectStar', table: nameOf(e.table) } : { kind: 'SelectStar' };
    }
    // `$1::int` arrives as a column-level cast node without the usual `expr` wrapper.
    const expr = c.type === 'cast' ? transformExpr({ ...c, as: undefined }, ctx) : transformExpr(e, ctx);
    const alias = c.as === null || c.as === undefined ? undefined : nameOf(c.as);
    return alias === undefined ? { kind: 'SelectExpr', expr } : { kind: 'SelectExpr', expr, alias };
  });
}

/** ORDER BY items; ordinals stay number literals for the binder. */
export function transformOrderBy(items: NspNode, ctx: TransformContext): OrderItem[] {
  return (items ?? []).map((o: NspNode): OrderItem => {
    const nulls = typeof o.nulls === 'string' ? (o.nulls.toUpperCase().endsWith('FIRST') ? 'FIRST' : 'LAST') : undefined;
    return {
      expr: transformExpr(o.expr, ctx),
      direction: String(o.type ?? 'ASC').toUpperCase() === 'DESC' ? 'DESC' : 'ASC',
      ...(nulls ? { nulls } : {}),
    };
  });
}

function limits(l: NspNode, ctx: TransformContext): { limit?: Expr; offset?: Expr } {
  const values: NspNode[] = l?.value ?? [];
  if (values.length === 0) return {};
  const isAll = (v: NspNode): boolean => v?.type === 'origin' && String(v.value).toUpperCase() === 'ALL';
  if (l.seperator === 'offset' && values.length === 1) return { offset: limitOperand(values[0], ctx) };
  const [lim, off] = l.seperator === ',' ? [values[1], values[0]] : [values[0], values[1]];
  return {
    ...(lim !== undefined && !isAll(lim) ? { limit: limitOperand(lim, ctx) } : {}),
    ...(off !== undefined ? { offset: limitOperand(off, ctx) } : {}),
  };
}

/** A LIMIT/OFFSET operand; LIMIT_MARKER_BASE numbers stand for `$n` and NULL (rewrite-markers.ts). */
function limitOperand(v: NspNode, ctx: TransformContext): Expr {
  const n = v?.type === 'number' ? Number(v.value) : NaN;
  if (n >= LIMIT_MARKER_BASE && n < LIMIT_MARKER_BASE + LIMIT_MARKER_SPAN) {
    const index = n - LIMIT_MARKER_BASE;
    return index === 0 ? { kind: 'Literal', type: 'null', value: null } : { kind: 'Param', index };
  }
  return transformExpr(v, ctx);
}

function transformWith(list: NspNode[], ctx: TransformContext): CommonTableExpr[] {
  return list.map((w) => {
    const columns = Array.isArray(w.columns) ? w.columns.map((c: NspNode) => nameOf(c.column ?? c)) : undefined;
    const query = transformQuery(w.stmt?.ast ?? w.stmt, ctx);
    return { name: nameOf(w.name), query, ...(columns ? { columns } : {}), ...(w.recursive ? { recursive: true } : {}) };
  });
}
