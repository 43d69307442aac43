/**
 * Runs one embedded SQL statement of a PL/pgSQL body through the engine: parsed and prepared
 * once per text and parameter types (the session's plan cache; a prepared statement re-plans
 * itself when a table it read changed, as every cached plan does), run with the variables'
 * values in the caller's transaction, each statement reading a fresh snapshot of it.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { BoundedCache } from '../../common/bounded-cache.js';
import type { PreparedStatement, ResultColumn, RunContext } from '../../execution/statement-api.js';
import { parse } from '../../parser/index.js';
import type { Statement } from '../../parser/ast.js';
import type { SqlType } from '../../types/sql-type.js';
import type { Row } from '../../types/value.js';
import type { BoundSql } from './substitute-variables.js';

/** What the interpreter needs from the session. */
export interface PlHost {
  /** Prepares a statement of a body, its parameters typed as given (the session's own rules apply). */
  prepare(statement: Statement, sql: string, paramTypes: readonly SqlType[]): PreparedStatement;
  /** Prepared statements of PL/pgSQL bodies, by text and parameter types. */
  readonly plans: BoundedCache<string, PreparedStatement>;
}

export interface SqlResult {
  readonly columns: readonly ResultColumn[];
  readonly rows: readonly Row[];
  /** Rows processed (ROW_COUNT): the number in the command tag. */
  readonly rowCount: number;
  readonly tag: string;
}

const TAG_COUNT = /(\d+)$/;

function planKey(bound: BoundSql): string {
  return `${bound.sql}\u0000${JSON.stringify(bound.types)}`;
}

/** The prepared form of `bound` (from the cache when its text and types were seen). */
export function preparedFor(host: PlHost, bound: BoundSql): PreparedStatement {
  const key = planKey(bound);
  let prepared = host.plans.get(key);
  if (!prepared) {
    const parsed = parse(bound.sql);
    if (parsed.length !== 1) {
      throw new SqlError(SQLSTATE.SyntaxError, parsed.length === 0 ? 'empty query' : 'cannot insert multiple commands into a prepared statement');
    }
    prepared = host.prepare(parsed[0]!.statement, bound.sql, bound.types);
    host.plans.set(key, prepared);
  }
  return prepared;
}

/** The run context of a statement inside a body: the caller's, reading the transaction as it is now. */
export function innerRun(run: RunContext): RunContext {
  const { snapshot: _caller, ...rest } = run;
  return { ...rest, get txn() { return run.txn; } };
}

/** Runs `bound`, collecting at most `maxRows` rows (all by default). */
export async function runSql(host: PlHost, run: RunContext, bound: BoundSql, maxRows = Infinity): Promise<SqlResult> {
  const prepared = preparedFor(host, bound);
  const rows: Row[] = [];
  const gen = prepared.run(innerRun(run), bound.values);
  let tag = '';
  for (;;) {
    const step = await gen.next();
    if (step.done) { tag = step.value.tag; break; }
    for (const row of step.value) if (rows.length < maxRows) rows.push(row as Row);
  }
  const count = TAG_COUNT.exec(tag);
  return { columns: prepared.columns ?? [], rows, rowCount: count ? Number(count[1]) : rows.length, tag };
}
