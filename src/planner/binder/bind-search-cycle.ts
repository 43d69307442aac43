/**
 * WITH RECURSIVE's SEARCH and CYCLE clauses, rewritten into the CTE's own query as PostgreSQL
 * does (rewriteSearchAndCycle): the item gains its sequence / mark / path columns, computed in
 * the non-recursive term from the row and in the recursive term from the row and the working
 * table's row it came from (carried out of the recursive term as hidden columns).
 * - SEARCH DEPTH FIRST BY c SET seq: seq = ARRAY[ROW(c)], then seq || ROW(c) (a record[]).
 * - SEARCH BREADTH FIRST BY c SET seq: seq = ROW(0::int8, c), then ROW(depth + 1, c).
 * - CYCLE c SET mark [TO v DEFAULT d] USING path: path = ARRAY[ROW(c)], then path || ROW(c);
 *   mark = v when ROW(c) is already in the path, else d; rows of a marked row go no further.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { CommonTableExpr, Expr, FromItem, Query, SelectItem, SelectQuery } from '../../parser/ast.js';
import type { BindContext } from './bind-context.js';
import { bindQuery } from './bind-query.js';
import { bindExpr } from './expression/bind-expression.js';
import { bindCommon } from './expression/bind-function-call.js';
import { Scope } from './scope.js';

/** Relation names of the rewritten terms (not reachable from user SQL: they hold a NUL-free `*`). */
const ANCHOR = '*search anchor*';
const RECURSIVE = '*search recursive*';
/** Hidden columns carrying the working table's values out of the recursive term. */
const hidden = (name: string) => `*work ${name}*`;

function syntax(message: string): SqlError {
  return new SqlError(SQLSTATE.SyntaxError, message);
}

const col = (table: string, column: string): Expr => ({ kind: 'ColumnRef', table, column });
const rowOf = (table: string, columns: readonly string[]): Expr => ({ kind: 'Row', fields: columns.map((c) => col(table, c)) });
const concat = (left: Expr, right: Expr): Expr => ({ kind: 'Binary', op: '||', left, right });

/**
 * The item with its SEARCH / CYCLE clauses turned into columns of its query, after PostgreSQL's
 * checks (42601, 42701, 42804); `parentNames` gives the names of the non-recursive term's columns.
 */
export function rewriteSearchCycle(bind: BindContext, cte: CommonTableExpr, anchorNames: () => readonly string[]): CommonTableExpr {
  const query = cte.query as Query;
  if (!cte.recursive) throw syntax('WITH query is not recursive');
  if (query.kind !== 'SetOperation' || query.op !== 'UNION') throw syntax('with a SEARCH or CYCLE clause, the recursive query must be a UNION');
  if (query.left.kind !== 'Select' && query.left.kind !== 'Values') {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'with a SEARCH or CYCLE clause, the left side of the UNION must be a SELECT');
  }
  if (query.right.kind !== 'Select') throw syntax('with a SEARCH or CYCLE clause, the right side of the UNION must be a SELECT');
  const derived = anchorNames();
  const names = derived.map((n, i) => cte.columns?.[i] ?? n);
  const { search, cycle } = cte;
  checkColumns(names, search?.columns, 'search');
  checkColumns(names, cycle?.columns, 'cycle');
  if (search && names.includes(search.sequenceColumn)) {
    throw syntax(`search sequence column name "${search.sequenceColumn}" already used in WITH query column list`);
  }
  if (cycle) {
    if (names.includes(cycle.markColumn)) throw syntax(`cycle mark column name "${cycle.markColumn}" already used in WITH query column list`);
    if (names.includes(cycle.pathColumn)) throw syntax(`cycle path column name "${cycle.pathColumn}" already used in WITH query column list`);
    if (cycle.markColumn === cycle.pathColumn) throw syntax('cycle mark column name and cycle path column name are the same');
    bindCommon({ bind, scope: new Scope([]), clause: 'CYCLE' }, [markValue(cycle), markDefault(cycle)].map((e) => bindExpr(e, { bind, scope: new Scope([]), clause: 'CYCLE' })), 'CYCLE');
  }
  if (search && cycle) {
    if (search.sequenceColumn === cycle.markColumn) throw syntax('search sequence column name and cycle mark column name are the same');
    if (search.sequenceColumn === cycle.pathColumn) throw syntax('search sequence column name and cycle path column name are the same');
  }
  const extra: string[] = [
    ...(search ? [search.sequenceColumn] : []), ...(cycle ? [cycle.markColumn, cycle.pathColumn] : []),
  ];
  // The right SELECT's own WITH item of the same name would hide the reference.
  const shadowed = query.right.with?.some((c) => c.name === cte.name) ?? false;
  const self = shadowed ? undefined : selfReference(query.right.from, cte.name);
  if (self === undefined) {
    throw new SqlError(SQLSTATE.FeatureNotSupported,
      `with a SEARCH or CYCLE clause, the recursive reference to WITH query "${cte.name}" must be at the top level of its right-hand SELECT`);
  }

  const anchorItems: SelectItem[] = names.map((n) => ({ kind: 'SelectExpr', expr: col(ANCHOR, n), alias: n }));
  if (search) {
    const seq: Expr = search.breadthFirst
      ? { kind: 'Row', fields: [{ kind: 'Cast', operand: { kind: 'Literal', type: 'number', value: '0' }, target: { name: 'int8', modifiers: [], arrayDims: 0 } },
        ...search.columns.map((c) => col(ANCHOR, c))] }
      : { kind: 'Array', elements: [rowOf(ANCHOR, search.columns)] };
    anchorItems.push({ kind: 'SelectExpr', expr: seq, alias: search.sequenceColumn });
  }
  if (cycle) {
    anchorItems.push({ kind: 'SelectExpr', expr: markDefault(cycle), alias: cycle.markColumn });
    anchorItems.push({ kind: 'SelectExpr', expr: { kind: 'Array', elements: [rowOf(ANCHOR, cycle.columns)] }, alias: cycle.pathColumn });
  }
  const anchor: SelectQuery = wrap(query.left, ANCHOR, names, anchorItems);

  const carried = extra.map((name) => ({ kind: 'SelectExpr' as const, expr: col(self, name), alias: hidden(name) }));
  const inner: SelectQuery = { ...query.right, columns: [...withoutWorkStar(query.right, self, names), ...carried] };
  const recursiveItems: SelectItem[] = names.map((n) => ({ kind: 'SelectExpr', expr: col(RECURSIVE, n), alias: n }));
  if (search) {
    const seq: Expr = search.breadthFirst
      ? { kind: 'Row', fields: [
        { kind: 'Binary', op: '+', left: { kind: 'FieldSelect', operand: col(RECURSIVE, hidden(search.sequenceColumn)), field: 'f1' },
          right: { kind: 'Literal', type: 'number', value: '1' } },
        ...search.columns.map((c) => col(RECURSIVE, c))] }
      : concat(col(RECURSIVE, hidden(search.sequenceColumn)), rowOf(RECURSIVE, search.columns));
    recursiveItems.push({ kind: 'SelectExpr', expr: seq, alias: search.sequenceColumn });
  }
  let where: Expr | undefined;
  if (cycle) {
    const path = col(RECURSIVE, hidden(cycle.pathColumn));
    const seen: Expr = { kind: 'Quantified', op: '=', left: rowOf(RECURSIVE, cycle.columns), quantifier: 'ANY', right: path };
    recursiveItems.push({ kind: 'SelectExpr', expr: { kind: 'Case', whens: [{ when: seen, then: markValue(cycle) }], else: markDefault(cycle) }, alias: cycle.markColumn });
    recursiveItems.push({ kind: 'SelectExpr', expr: concat(path, rowOf(RECURSIVE, cycle.columns)), alias: cycle.pathColumn });
    // A row found on a cycle is kept, marked, but not followed.
    where = { kind: 'Binary', op: '<>', left: col(RECURSIVE, hidden(cycle.markColumn)), right: markValue(cycle) };
  }
  const recursive: SelectQuery = { ...wrap(inner, RECURSIVE, [...names, ...extra.map(hidden)], recursiveItems), ...(where ? { where } : {}) };
  return {
    name: cte.name, columns: [...names, ...extra], recursive: true,
    query: { ...query, left: anchor, right: recursive },
  };
}

/** The names of the non-recursive term's columns (bound once, without the item in scope). */
export function anchorColumnNames(bind: BindContext, cte: CommonTableExpr, parent: Parameters<typeof bindQuery>[2]): readonly string[] {
  const query = cte.query as Query;
  const left = query.kind === 'SetOperation' ? query.left : query;
  return bind.withoutCte(cte, () => bindQuery(bind, left, parent)).output.map((c) => c.name);
}

function checkColumns(names: readonly string[], columns: readonly string[] | undefined, what: 'search' | 'cycle'): void {
  const seen = new Set<string>();
  for (const c of columns ?? []) {
    if (!names.includes(c)) throw syntax(`${what} column "${c}" not in WITH query column list`);
    if (seen.has(c)) throw new SqlError(SQLSTATE.DuplicateColumn, `${what} column "${c}" specified more than once`);
    seen.add(c);
  }
}

function markValue(cycle: NonNullable<CommonTableExpr['cycle']>): Expr {
  return cycle.markValue ?? { kind: 'Literal', type: 'boolean', value: true };
}

function markDefault(cycle: NonNullable<CommonTableExpr['cycle']>): Expr {
  return cycle.markDefault ?? { kind: 'Literal', type: 'boolean', value: false };
}

/** `SELECT items FROM (query) AS alias(names)`. */
function wrap(query: Query, alias: string, names: readonly string[], items: readonly SelectItem[]): SelectQuery {
  return {
    kind: 'Select', distinct: false, columns: items, groupBy: [], orderBy: [],
    from: [{ kind: 'SubqueryRef', query, alias, columnAliases: names }],
  };
}

/**
 * The recursive term's select list with `*` over the item spelled out as its own columns: the
 * rewritten item's added columns are not the term's to see (PostgreSQL analyses the term
 * before it adds them).
 */
function withoutWorkStar(select: SelectQuery, self: string, names: readonly string[]): SelectItem[] {
  const own = names.map((n): SelectItem => ({ kind: 'SelectExpr', expr: col(self, n), alias: n }));
  return select.columns.flatMap((item): SelectItem[] => {
    if (item.kind !== 'SelectStar') return [item];
    if (item.table === self) return own;
    if (item.table !== undefined) return [item];
    return fromAliases(select.from).map((alias) => (alias === self ? own : [{ kind: 'SelectStar', table: alias } as SelectItem])).flat();
  });
}

/** The relation names a FROM list exposes, in order (a join without an alias exposes both sides'). */
function fromAliases(from: readonly FromItem[]): string[] {
  return from.flatMap((item): string[] => {
    switch (item.kind) {
      case 'TableRef': return [item.alias ?? item.name];
      case 'Join': return item.alias !== undefined ? [item.alias] : fromAliases([item.left, item.right]);
      default: return item.alias !== undefined ? [item.alias] : [];
    }
  });
}

/** The name the recursive term's FROM reads the item under (its alias), if it reads it there. */
function selfReference(from: readonly FromItem[], name: string): string | undefined {
  for (const item of from) {
    if (item.kind === 'TableRef' && item.schema === undefined && item.name === name) return item.alias ?? item.name;
    if (item.kind === 'Join') {
      const found = selfReference([item.left, item.right], name);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}
