/**
 * The catalog keeps expressions as SQL text (column defaults, CHECK constraints, partition key
 * expressions); this parses one back into our AST for binding.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { parse } from '../../parser/index.js';
import type { Expr } from '../../parser/ast.js';

/** `sql` as an expression; XX000 naming `what` if the stored text does not parse as one. */
export function parseStoredExpr(sql: string, what: string): Expr {
  const parsed = parse(`SELECT ${sql}`)[0]?.statement;
  const item = parsed?.kind === 'QueryStatement' && parsed.query.kind === 'Select' ? parsed.query.columns[0] : undefined;
  if (!item || item.kind !== 'SelectExpr') throw new SqlError(SQLSTATE.InternalError, `cannot parse ${what}`);
  return item.expr;
}
