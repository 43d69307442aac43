/**
 * A user SQL function's body, parsed from the catalog's text (cached by text: a body is parsed
 * once, however many calls bind it), and the query whose result is the function's: the last
 * statement. Bodies of several statements, or ending in something other than a query, can
 * only run for their effects, which inlining cannot do: 0A000.
 */
import { boundedCache } from '../../../common/bounded-cache.js';
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { parse } from '../../../parser/index.js';
import type { Query, SelectQuery, Statement } from '../../../parser/ast.js';
import type { StoredFunction } from '../../../types/stored-table.js';

/** Parsed bodies kept (distinct texts; the least recently used is dropped past this). */
const MAX_CACHED_BODIES = 500;
const parsed = boundedCache<string, readonly Statement[]>(MAX_CACHED_BODIES);

/** The body's statements. */
export function bodyStatements(body: string): readonly Statement[] {
  let statements = parsed.get(body);
  if (!statements) {
    statements = parse(body).map((p) => p.statement);
    parsed.set(body, statements);
  }
  return statements;
}

/**
 * 0A000 for a function in a language this server stores but does not run (plpgsql: CREATE
 * and DROP work, so scripts that define such functions go on; calling one is refused).
 */
export function assertRunnable(fn: StoredFunction): void {
  if (fn.language !== 'sql') {
    throw new SqlError(SQLSTATE.FeatureNotSupported,
      `calling ${fn.procedure ? 'procedure' : 'function'} "${fn.name}" is not supported: LANGUAGE ${fn.language} is not supported`);
  }
}

/** The query a function's call evaluates (its body's only statement). */
export function bodyQuery(fn: StoredFunction): Query {
  assertRunnable(fn);
  const statements = bodyStatements(fn.body);
  const last = statements[statements.length - 1];
  if (statements.length !== 1 || last?.kind !== 'QueryStatement') {
    throw new SqlError(SQLSTATE.FeatureNotSupported,
      `calling SQL function "${fn.name}" whose body is not a single SELECT is not supported`);
  }
  return last.query;
}

/** `SELECT expr` with nothing else: the call can be replaced by the expression. */
export function inlinableExpression(query: Query): SelectQuery | undefined {
  if (query.kind !== 'Select') return undefined;
  const q = query;
  const plain = q.from.length === 0 && !q.where && q.groupBy.length === 0 && !q.having && q.orderBy.length === 0
    && !q.limit && !q.offset && q.distinct === false && !q.with && !q.windows && q.columns.length === 1
    && q.columns[0]!.kind === 'SelectExpr';
  return plain ? q : undefined;
}

/** The query limited to its first row, as a scalar SQL function returns it. */
export function firstRowOnly(query: Query): Query {
  if (query.kind === 'Convert' || query.kind === 'Search' || query.kind === 'PrintImage' || query.limit) return query;
  return { ...query, limit: { kind: 'Literal', type: 'number', value: '1' } };
}
