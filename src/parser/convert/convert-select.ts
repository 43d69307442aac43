/**
 * SelectStmt → our Query: SELECT (incl. `SELECT FROM t` with no columns and `TABLE t`),
 * UNION / INTERSECT / EXCEPT [ALL] with parenthesised branches, VALUES, WITH [RECURSIVE], and
 * the ORDER BY / LIMIT / OFFSET / FETCH FIRST [WITH TIES] tail. A `TABLE "__thano_sub_N"` placeholder is
 * the hand-parsed SEARCH/CONVERT query N (thano/embed-thano-queries.ts).
 */
import type { LockingClause, Node, SelectStmt, SortBy } from 'libpg-query';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Expr, OrderItem, Query, RowLocking, SelectItem } from '../ast.js';
import { embeddedIndex } from '../thano/embed-thano-queries.js';
import type { ConvertContext } from './convert-context.js';
import { convertExpr, convertExprs, locationOf } from './convert-expr.js';
import { convertFrom } from './convert-from.js';
import { convertGroupBy } from './convert-group-by.js';
import { convertWindowSpec } from './convert-window.js';
import { convertWith } from './convert-with.js';
import { notSupported, syntaxError } from './not-supported.js';
import { stringOf, stringsOf, tagOf } from './pg-node.js';

/** A subquery node (always a SelectStmt in PostgreSQL's raw tree) as a Query. */
export function convertQuery(node: Node, ctx: ConvertContext): Query {
  if (!('SelectStmt' in node)) throw notSupported(`${tagOf(node)} as a subquery`, ctx, locationOf(node));
  if (node.SelectStmt.intoClause) throw syntaxError('SELECT ... INTO is not allowed here', ctx);
  return convertSelectStmt(node.SelectStmt, ctx);
}

/**
 * True when the query's leftmost SELECT has INTO: PostgreSQL turns that into CREATE TABLE AS
 * wherever a whole statement's query is analysed (COPY, CREATE VIEW), before it looks further.
 */
export function hasSelectInto(node: Node): boolean {
  let s = 'SelectStmt' in node ? node.SelectStmt : undefined;
  while (s && s.op !== undefined && s.op !== 'SETOP_NONE') s = s.larg;
  return s?.intoClause !== undefined;
}

/** Convert a SelectStmt (any form). */
export function convertSelectStmt(s: SelectStmt, ctx: ConvertContext): Query {
  const embedded = embeddedQuery(s, ctx);
  if (embedded) return embedded;
  const locking = s.lockingClause ? convertLocking(s.lockingClause, s, ctx) : undefined;
  const tail = {
    orderBy: s.sortClause ? convertOrderBy(s.sortClause, ctx) : [],
    ...limitPart('limit', s.limitCount, ctx, s.limitOption === 'LIMIT_OPTION_WITH_TIES'),
    ...limitPart('offset', s.limitOffset, ctx),
    ...(s.limitOption === 'LIMIT_OPTION_WITH_TIES' ? { withTies: true } : {}),
    ...(s.withClause ? { with: convertWith(s.withClause, ctx) } : {}),
  };
  if (s.op !== undefined && s.op !== 'SETOP_NONE') {
    const op = s.op === 'SETOP_UNION' ? 'UNION' : s.op === 'SETOP_INTERSECT' ? 'INTERSECT' : 'EXCEPT';
    return { kind: 'SetOperation', op, all: s.all ?? false, left: convertSelectStmt(s.larg!, ctx), right: convertSelectStmt(s.rarg!, ctx), ...tail };
  }
  if (s.valuesLists) {
    const rows = s.valuesLists.map((row) => convertExprs('List' in row ? row.List.items : [row], ctx));
    return { kind: 'Values', rows, ...tail };
  }
  const groupBy = convertGroupBy(s.groupClause ?? [], ctx);
  return {
    kind: 'Select',
    distinct: s.distinctClause === undefined ? false : isPlainDistinct(s.distinctClause) ? true : convertExprs(s.distinctClause, ctx),
    columns: (s.targetList ?? []).map((t) => convertSelectItem(t, ctx)),
    from: (s.fromClause ?? []).map((f) => convertFrom(f, ctx)),
    ...(s.whereClause ? { where: convertExpr(s.whereClause, ctx) } : {}),
    groupBy,
    ...(s.groupDistinct ? { groupDistinct: true } : {}),
    ...(s.havingClause ? { having: convertExpr(s.havingClause, ctx) } : {}),
    ...(s.windowClause ? { windows: s.windowClause.map((w) => namedWindow(w, ctx)) } : {}),
    ...(locking ? { locking } : {}),
    ...tail,
  };
}

const LOCK_STRENGTHS: Readonly<Record<string, string>> = {
  LCS_FORUPDATE: 'FOR UPDATE', LCS_FORNOKEYUPDATE: 'FOR NO KEY UPDATE', LCS_FORSHARE: 'FOR SHARE', LCS_FORKEYSHARE: 'FOR KEY SHARE',
};

/**
 * FOR UPDATE / SHARE clauses (catalog/row-group-locks.ts says what they do here). SKIP LOCKED
 * is 0A000: nothing is ever locked here, so which rows to skip cannot be told; NOWAIT is
 * accepted (nothing waits). On a set operation or VALUES it is PostgreSQL's 0A000.
 */
function convertLocking(clauses: readonly Node[], s: SelectStmt, ctx: ConvertContext): RowLocking[] {
  return clauses.map((node) => {
    const c = (node as { LockingClause: LockingClause }).LockingClause;
    const strength = LOCK_STRENGTHS[c.strength ?? 'LCS_FORUPDATE'] ?? 'FOR UPDATE';
    if (s.op !== undefined && s.op !== 'SETOP_NONE') {
      throw new SqlError(SQLSTATE.FeatureNotSupported, `${strength} is not allowed with UNION/INTERSECT/EXCEPT`);
    }
    if (s.valuesLists) throw new SqlError(SQLSTATE.FeatureNotSupported, `${strength} cannot be applied to VALUES`);
    if (c.waitPolicy === 'LockWaitSkip') throw notSupported(`${strength} SKIP LOCKED`, ctx);
    const of = (c.lockedRels ?? []).map((r) => ('RangeVar' in r ? r.RangeVar.relname! : ''));
    return { strength, of };
  });
}

/** Plain DISTINCT is a one-element list holding nothing; DISTINCT ON lists expressions. */
function isPlainDistinct(list: readonly Node[]): boolean {
  return list.length === 1 && tagOf(list[0]!) === '';
}

/** A select-list or RETURNING item: `*`, `t.*`, or an expression with an optional alias. */
export function convertSelectItem(node: Node, ctx: ConvertContext): SelectItem {
  if (!('ResTarget' in node)) throw notSupported(`select item ${tagOf(node)}`, ctx);
  const { name, val } = node.ResTarget;
  if (val && 'ColumnRef' in val) {
    const fields = val.ColumnRef.fields ?? [];
    if (fields.length > 0 && 'A_Star' in fields[fields.length - 1]!) {
      const table = fields.length > 1 ? stringOf(fields[fields.length - 2]) : undefined;
      return table === undefined ? { kind: 'SelectStar' } : { kind: 'SelectStar', table };
    }
  }
  const expr = convertExpr(val!, ctx);
  return name === undefined ? { kind: 'SelectExpr', expr } : { kind: 'SelectExpr', expr, alias: name };
}

/** ORDER BY items (also aggregate ORDER BY and window ORDER BY); ordinals stay number literals. */
export function convertOrderBy(items: readonly Node[], ctx: ConvertContext): OrderItem[] {
  return items.map((n) => {
    if (!('SortBy' in n)) throw notSupported(`ORDER BY item ${tagOf(n)}`, ctx);
    const s: SortBy = n.SortBy;
    const nulls = s.sortby_nulls === 'SORTBY_NULLS_FIRST' ? 'FIRST' : s.sortby_nulls === 'SORTBY_NULLS_LAST' ? 'LAST' : undefined;
    const descending = s.sortby_dir === 'SORTBY_USING' ? usingDescends(s, ctx) : s.sortby_dir === 'SORTBY_DESC';
    return { expr: convertExpr(s.node!, ctx), direction: descending ? 'DESC' : 'ASC', ...(nulls ? { nulls } : {}) };
  });
}

/**
 * `ORDER BY x USING <` is ascending, `USING >` descending (the btree ordering members, with
 * their default NULLS placement); any other operator is not an ordering one (42809). The
 * pattern operators ~<~ / ~>~ (text_pattern_ops) are not implemented.
 */
function usingDescends(s: SortBy, ctx: ConvertContext): boolean {
  const names = stringsOf(s.useOp ?? []);
  const op = names[names.length - 1] ?? '';
  const schema = names.length > 1 ? names[0] : 'pg_catalog';
  if (schema === 'pg_catalog' && (op === '<' || op === '>')) return op === '>';
  if (op === '~<~' || op === '~>~') throw notSupported(`ORDER BY … USING ${op}`, ctx, s.location);
  throw new SqlError(SQLSTATE.WrongObjectType, `operator ${op} is not a valid ordering operator`,
    { position: ctx.source.position(s.location), hint: 'Ordering operators must be "<" or ">" members of btree operator families.' });
}

/** LIMIT / OFFSET; `LIMIT ALL` and `LIMIT NULL` are no limit (kept with WITH TIES, whose error it is). */
function limitPart(key: 'limit' | 'offset', node: Node | undefined, ctx: ConvertContext, withTies = false): { limit?: Expr; offset?: Expr } {
  if (node === undefined || (key === 'limit' && !withTies && 'A_Const' in node && node.A_Const.isnull)) return {};
  return { [key]: convertExpr(node, ctx) };
}

function namedWindow(node: Node, ctx: ConvertContext): { name: string; spec: ReturnType<typeof convertWindowSpec> } {
  if (!('WindowDef' in node)) throw notSupported(`WINDOW item ${tagOf(node)}`, ctx);
  return { name: node.WindowDef.name!, spec: convertWindowSpec(node.WindowDef, ctx, true) };
}

/** The hand-parsed ThanoSQL query a `TABLE "__thano_sub_N"` placeholder stands for. */
function embeddedQuery(s: SelectStmt, ctx: ConvertContext): Query | undefined {
  const from = s.fromClause;
  if (from?.length !== 1 || !('RangeVar' in from[0]!) || s.whereClause || s.op !== 'SETOP_NONE') return undefined;
  const index = embeddedIndex(from[0].RangeVar.relname ?? '');
  return index === undefined ? undefined : ctx.embedded[index];
}
