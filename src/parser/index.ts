/**
 * The parser's entry point: a query string in, our AST out (see ast.ts and README.md).
 * Repeated texts come from a per-thread cache (parse-cache.ts). Every failure is a SqlError — 42601 syntax errors with PostgreSQL's message and position
 * into the whole query string, 0A000 for what this server does not implement, 54001 for
 * statements nested too deeply — never anything else.
 */
import { SqlError, toSqlError } from '../common/sql-error.js';
import type { ParsedStatement } from './ast.js';
import { cachedParse } from './parse-cache.js';
import { parseStatements } from './parse-statements.js';

export type * from './ast.js';
export { splitStatements, type StatementText } from './split-statements.js';

/**
 * Parse every statement of `sql`.
 * @example
 * parse('BEGIN; SELECT 1') // → [{ statement: { kind: 'Transaction', action: 'BEGIN' }, text: 'BEGIN', offset: 0 }, …]
 * parse('') // → []
 * @throws SqlError — never anything else.
 */
export function parse(sql: string): readonly ParsedStatement[] {
  try {
    return cachedParse(sql, parseStatements);
  } catch (err) {
    if (err instanceof SqlError) throw inCodePoints(err, sql);
    // A tree the grammar accepted but too deep for the converter's recursion becomes 54001 here.
    throw toSqlError(err);
  }
}

/** PostgreSQL counts error positions in characters; JavaScript offsets count UTF-16 units. */
function inCodePoints(err: SqlError, sql: string): SqlError {
  const position = err.fields.position;
  if (position === undefined || !/[\ud800-\udbff]/.test(sql)) return err;
  return err.with({ position: [...sql.slice(0, position - 1)].length + 1 });
}
