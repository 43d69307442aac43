/**
 * PostgreSQL's well-formedness rules for WITH RECURSIVE (checked on the AST before binding, as
 * parse_cte.c does): the CTE reads itself at most once, only in the recursive term of its
 * top-level UNION, and not inside a subquery expression, the nullable side of an outer join,
 * INTERSECT ALL or the right of EXCEPT (42P19); WITH items reading each other in a cycle are
 * mutual recursion (0A000). Without these checks such queries would bind and iterate forever.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { CommonTableExpr, DataModifyingStatement, FromItem, Query } from '../../parser/ast.js';

type Context = 'ok' | 'non-recursive term' | 'subquery' | 'outer join' | 'INTERSECT' | 'EXCEPT';

const QUERY_KINDS = new Set(['Select', 'SetOperation', 'Values']);

class RecursionCheck {
  private references = 0;

  constructor(private readonly name: string) {}

  query(q: Query | DataModifyingStatement, context: Context): void {
    // An inner WITH item of the same name hides the CTE.
    if (q.kind !== 'Convert' && q.kind !== 'Search' && q.kind !== 'PrintImage' && q.with?.some((c) => c.name === this.name)) return;
    for (const cte of (q.kind === 'Convert' || q.kind === 'Search' || q.kind === 'PrintImage' ? [] : q.with) ?? []) this.query(cte.query, context);
    switch (q.kind) {
      case 'Select':
        for (const item of q.from) this.from(item, context);
        this.expressions([q.columns, q.where, q.groupBy, q.having, q.windows, q.distinct, q.orderBy, q.limit, q.offset], context);
        return;
      case 'SetOperation':
        if (q.op === 'UNION') {
          this.query(q.left, context);
          this.query(q.right, context);
        } else if (q.op === 'INTERSECT') {
          this.query(q.left, q.all ? 'INTERSECT' : context);
          this.query(q.right, q.all ? 'INTERSECT' : context);
        } else {
          this.query(q.left, q.all ? 'EXCEPT' : context);
          this.query(q.right, 'EXCEPT');
        }
        this.expressions([q.orderBy, q.limit, q.offset], context);
        return;
      case 'Values':
        this.expressions([q.rows, q.orderBy, q.limit, q.offset], context);
        return;
      default:
        this.expressions([q], context);
    }
  }

  private from(item: FromItem, context: Context): void {
    switch (item.kind) {
      case 'TableRef':
        if (item.schema === undefined && item.name === this.name) this.reference(context);
        return;
      case 'SubqueryRef': this.query(item.query, context); return;
      case 'FunctionRef': this.expressions([item.call], context); return;
      case 'Join': {
        const nullable = (side: 'left' | 'right') => item.type === 'FULL' || item.type === (side === 'left' ? 'RIGHT' : 'LEFT');
        this.from(item.left, nullable('left') ? 'outer join' : context);
        this.from(item.right, nullable('right') ? 'outer join' : context);
        this.expressions([item.on], context);
      }
    }
  }

  /** Any query nested in an expression is a subquery (sublink). */
  private expressions(roots: readonly unknown[], context: Context): void {
    const stack = [...roots];
    while (stack.length > 0) {
      const node = stack.pop();
      if (node === null || typeof node !== 'object') continue;
      if (Array.isArray(node)) { stack.push(...node); continue; }
      const kind = (node as { kind?: unknown }).kind;
      if (typeof kind === 'string' && QUERY_KINDS.has(kind)) {
        this.query(node as Query, context === 'non-recursive term' ? context : 'subquery');
        continue;
      }
      stack.push(...Object.values(node));
    }
  }

  private reference(context: Context): void {
    if (context !== 'ok') this.fail(`must not appear within ${context === 'non-recursive term' ? 'its non-recursive term' : context === 'subquery' ? 'a subquery' : context === 'outer join' ? 'an outer join' : context}`);
    if (++this.references > 1) this.fail('must not appear more than once');
  }

  private fail(what: string): never {
    throw new SqlError(SQLSTATE.InvalidRecursion, `recursive reference to query "${this.name}" ${what}`);
  }
}

/** Throws when a WITH RECURSIVE item that reads itself is not well formed. */
export function checkRecursiveCte(cte: CommonTableExpr): void {
  const q = cte.query;
  if (namesRead(q, new Set([cte.name])).size === 0) return;
  if (q.kind === 'Insert' || q.kind === 'Update' || q.kind === 'Delete') {
    throw new SqlError(SQLSTATE.InvalidRecursion, `recursive query "${cte.name}" must not contain data-modifying statements`);
  }
  if (q.kind !== 'SetOperation' || q.op !== 'UNION') {
    {
      throw new SqlError(SQLSTATE.InvalidRecursion,
        `recursive query "${cte.name}" does not have the form non-recursive-term UNION [ALL] recursive-term`);
    }
    return;
  }
  const check = new RecursionCheck(cte.name);
  check.query(q.left, 'non-recursive term');
  check.query(q.right, 'ok');
}

/** Names of `names` a query reads as plain table references, anywhere in it (an inner WITH item of the same name hides one). */
function namesRead(query: Query | DataModifyingStatement, names: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  const stack: [unknown, ReadonlySet<string>][] = [[query, names]];
  while (stack.length > 0) {
    const [node, visible] = stack.pop()!;
    if (node === null || typeof node !== 'object' || visible.size === 0) continue;
    if (Array.isArray(node)) { for (const item of node) stack.push([item, visible]); continue; }
    const ref = node as Partial<{ kind: string; schema: string; name: string; with: readonly CommonTableExpr[] }>;
    if (ref.kind === 'TableRef' && ref.schema === undefined && ref.name !== undefined && visible.has(ref.name)) found.add(ref.name);
    let inner = visible;
    // A query's or a data-modifying statement's own WITH scopes its names.
    if (ref.kind !== undefined && Array.isArray(ref.with)) {
      inner = new Set([...visible].filter((n) => !ref.with!.some((c) => c.name === n)));
      for (const cte of ref.with) stack.push([cte.query, cte.recursive ? inner : visible]);
    }
    for (const [field, value] of Object.entries(node)) if (field !== 'with') stack.push([value, inner]);
  }
  return found;
}

/** 0A000 when the items of one WITH RECURSIVE list read each other in a cycle. */
export function checkMutualRecursion(ctes: readonly CommonTableExpr[]): void {
  if (!ctes.some((c) => c.recursive)) return;
  const names = new Set(ctes.map((c) => c.name));
  const reads = new Map(ctes.map((c) => [c.name, [...namesRead(c.query, names)].filter((n) => n !== c.name)]));
  for (const start of names) {
    const seen = new Set<string>();
    const stack = [...reads.get(start)!];
    while (stack.length > 0) {
      const name = stack.pop()!;
      if (name === start) throw new SqlError(SQLSTATE.FeatureNotSupported, 'mutual recursion between WITH items is not implemented');
      if (seen.has(name)) continue;
      seen.add(name);
      stack.push(...reads.get(name)!);
    }
  }
}
