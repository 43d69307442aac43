/**
 * The parser's entry point: a query string in, our AST out (see ast.ts and README.md).
 * Every failure is a SqlError (42601 syntax, 0A000 unsupported) with a position into the
 * whole query string.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { ParsedStatement } from './ast.js';
import { parseStatementText } from './parse-statement.js';
import { splitStatements } from './split-statements.js';

export type * from './ast.js';
export { splitStatements, type StatementText } from './split-statements.js';

/**
 * Split `sql` on top-level semicolons and parse each statement.
 * @example
 * parse('BEGIN; SELECT 1') // → [{ statement: { kind: 'Transaction', action: 'BEGIN' }, text: 'BEGIN', offset: 0 }, …]
 * parse('') // → []
 * @throws SqlError — never anything else.
 */
export function parse(sql: string): ParsedStatement[] {
  return splitStatements(sql).map(({ text, offset }) => ({ statement: parseOne(text, offset), text, offset }));
}

function parseOne(text: string, offset: number): ParsedStatement['statement'] {
  try {
    return parseStatementText(text);
  } catch (err) {
    if (err instanceof SqlError) {
      const p = err.fields.position;
      return rethrow(err.with({ position: (p ?? 1) + offset }));
    }
    // A shape of node-sql-parser's AST we did not expect: report as unsupported, not a crash.
    const msg = err instanceof Error ? err.message : String(err);
    return rethrow(new SqlError(SQLSTATE.FeatureNotSupported, `unsupported syntax (${msg})`, { position: offset + 1 }));
  }
}

function rethrow(err: SqlError): never {
  throw err;
}
