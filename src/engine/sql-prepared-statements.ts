/**
 * SQL-level PREPARE and EXECUTE as session statements. PREPARE stores a named statement in the
 * same namespace as the extended protocol's Parse (as PostgreSQL does: a Bind may use a name
 * made by PREPARE, EXECUTE one made by Parse); EXECUTE evaluates its arguments as one
 * `SELECT CAST(arg AS $n's type), …` and runs the stored statement with them, reporting that
 * statement's columns and command tag.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CommandResult, PreparedStatement, ReplanContext, RunContext } from '../execution/statement-api.js';
import type { ExecuteStatement, Expr, PrepareStatement, Statement, TypeRef } from '../parser/ast.js';
import { sqlType, TYPE_INFO, type ScalarTypeId, type SqlType } from '../types/sql-type.js';
import type { Row, Value } from '../types/value.js';

/** What PREPARE/EXECUTE need from the session. */
export interface PreparedStatementHost {
  /** PREPARE: plan `statement` and store it as `name` (42P05 if taken). */
  prepareNamed(name: string, statement: Statement, sql: string, declared: readonly SqlType[]): void;
  /** EXECUTE: the statement stored as `name` (26000 if none). */
  namedStatement(name: string): PreparedStatement;
  /** Plans a parameterless statement (EXECUTE's argument list). */
  prepareInternal(statement: Statement, sql: string): PreparedStatement;
}

/** A session statement as session-statements.ts makes them. */
export type SessionStatementLike = PreparedStatement & { readonly transactionControl: boolean };

/** `PREPARE name [(types)] AS statement`: planned when it runs, tag `PREPARE`. */
export function prepareSqlPrepare(stmt: PrepareStatement, sql: string, host: PreparedStatementHost): SessionStatementLike {
  const declared = stmt.paramTypes.map(resolveParamType);
  return {
    paramTypes: [], columns: null, mutates: false, transactionControl: false,
    // eslint-disable-next-line require-yield
    async *run(): AsyncGenerator<readonly Row[], CommandResult, void> {
      host.prepareNamed(stmt.name, stmt.statement, sql, declared);
      return { tag: 'PREPARE' };
    },
    explain: () => [],
  };
}

/** `EXECUTE name [(args)]`: the stored statement's columns, rows and tag. */
export function prepareSqlExecute(stmt: ExecuteStatement, sql: string, host: PreparedStatementHost): SessionStatementLike {
  const target = host.namedStatement(stmt.name);
  const expected = target.paramTypes.length;
  if (stmt.args.length !== expected) {
    throw new SqlError(SQLSTATE.SyntaxError, `wrong number of parameters for prepared statement "${stmt.name}"`,
      { detail: `Expected ${expected} parameters but got ${stmt.args.length}.` });
  }
  const args = expected > 0 ? host.prepareInternal(argumentQuery(stmt.args, target.paramTypes), sql) : undefined;
  return {
    paramTypes: [], get columns() { return target.columns; }, mutates: target.mutates, transactionControl: false,
    async *run(ctx: RunContext): AsyncGenerator<readonly Row[], CommandResult, void> {
      const params = args ? await firstRow(args, ctx) : [];
      return yield* target.run(ctx, params);
    },
    // The stored statement's snapshot and plan check happen when this EXECUTE's portal opens.
    ...(target.revalidate ? { revalidate: (c: ReplanContext) => target.revalidate!(c) } : {}),
    explain: () => target.explain(),
  };
}

/** A PREPARE parameter type: built-in types by typname (what the parser normalised to). */
function resolveParamType(ref: TypeRef): SqlType {
  const id = ref.name as ScalarTypeId;
  if (ref.schema !== undefined || !Object.hasOwn(TYPE_INFO, id)) {
    throw new SqlError(SQLSTATE.UndefinedObject, `type "${ref.schema ? `${ref.schema}.` : ''}${ref.name}" does not exist`);
  }
  return sqlType(id, { array: ref.arrayDims > 0 });
}

/** `SELECT CAST($arg1 AS t1), …`: PostgreSQL coerces each EXECUTE argument to its parameter's type. */
function argumentQuery(args: readonly Expr[], types: readonly SqlType[]): Statement {
  const target = (t: SqlType): TypeRef => ({ name: t.id === 'unknown' ? 'text' : t.id, modifiers: [], arrayDims: t.array ? 1 : 0 });
  return {
    kind: 'QueryStatement',
    query: {
      kind: 'Select', distinct: false, from: [], groupBy: [], orderBy: [],
      columns: args.map((expr, i) => ({ kind: 'SelectExpr', expr: { kind: 'Cast', operand: expr, target: target(types[i]!) } })),
    },
  };
}

async function firstRow(statement: PreparedStatement, ctx: RunContext): Promise<Value[]> {
  for await (const rows of statement.run(ctx, [])) if (rows.length > 0) return [...rows[0]!];
  throw new SqlError(SQLSTATE.InternalError, 'EXECUTE arguments produced no row');
}
