/**
 * SQL-level PREPARE and EXECUTE as session statements. PREPARE stores a named statement in the
 * same namespace as the extended protocol's Parse (as PostgreSQL does: a Bind may use a name
 * made by PREPARE, EXECUTE one made by Parse); EXECUTE evaluates its arguments as one
 * `SELECT CAST(arg AS $n's type), …` and runs the stored statement with them, reporting that
 * statement's columns and command tag.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CommandResult, PreparedStatement, RunContext } from '../execution/statement-api.js';
import type { ReplanContext } from '../planner/plan-context.js';
import type { CreateTableAsExecute, ExecuteStatement, Explain, Expr, PrepareStatement, Statement, TypeRef } from '../parser/ast.js';
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
  /** The statement `name` was prepared from (undefined for an empty one). */
  namedStatementSource(name: string): Statement | undefined;
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
  const expected = checkArgumentCount(stmt, target);
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

/**
 * `CREATE TABLE t AS EXECUTE name (args)`: CREATE TABLE AS over the prepared query with each `$n`
 * replaced by its argument cast to the parameter's type (42809 when it is not a query).
 */
export function prepareCreateTableAsExecute(stmt: CreateTableAsExecute, sql: string, host: PreparedStatementHost): SessionStatementLike {
  const created = host.prepareInternal(createTableAsQuery(stmt, host), sql);
  return {
    paramTypes: [], columns: null, mutates: true, transactionControl: false,
    run: (ctx, params) => created.run(ctx, params),
    ...(created.revalidate ? { revalidate: (c: ReplanContext) => created.revalidate!(c) } : {}),
    explain: () => created.explain(),
  };
}

/**
 * `EXPLAIN [ANALYZE] EXECUTE name (args)` and `EXPLAIN … CREATE TABLE t AS EXECUTE name (args)`:
 * the stored statement explained with each `$n` replaced by its argument cast to the
 * parameter's type, as PostgreSQL plans it for those values.
 */
export function prepareExplainExecute(stmt: Explain, sql: string, host: PreparedStatementHost): SessionStatementLike | undefined {
  const inner = stmt.statement;
  if (inner.kind !== 'Execute' && inner.kind !== 'CreateTableAsExecute') return undefined;
  let explained: Statement;
  if (inner.kind === 'Execute') {
    const { source, args } = withArgumentsOf(inner, host);
    if (!source) throw new SqlError(SQLSTATE.WrongObjectType, `prepared statement "${inner.name}" is empty`);
    explained = withArguments(source, args);
  } else {
    explained = createTableAsQuery(inner, host);
  }
  const prepared = host.prepareInternal({ ...stmt, statement: explained }, sql);
  return {
    paramTypes: [], columns: prepared.columns, mutates: prepared.mutates, transactionControl: false,
    run: (ctx, params) => prepared.run(ctx, params),
    ...(prepared.revalidate ? { revalidate: (c: ReplanContext) => prepared.revalidate!(c) } : {}),
    explain: () => prepared.explain(),
  };
}

/** CREATE TABLE AS over the prepared query with its arguments in place (42809 when it is not a query). */
function createTableAsQuery(stmt: CreateTableAsExecute, host: PreparedStatementHost): Statement {
  const { source, args } = withArgumentsOf(stmt.execute, host);
  if (source?.kind !== 'QueryStatement') throw new SqlError(SQLSTATE.WrongObjectType, 'prepared statement is not a SELECT');
  return { kind: 'CreateTableAs', ...stmt.target, query: withArguments(source.query, args), fromExecute: true };
}

/** The statement EXECUTE names and its arguments, each cast to its parameter's type (42601 on a wrong count). */
function withArgumentsOf(execute: ExecuteStatement, host: PreparedStatementHost): { source: Statement | undefined; args: Expr[] } {
  const target = host.namedStatement(execute.name);
  checkArgumentCount(execute, target);
  const args = execute.args.map((arg, i): Expr => ({ kind: 'Cast', operand: arg, target: typeRefOf(target.paramTypes[i]!) }));
  return { source: host.namedStatementSource(execute.name), args };
}

/** 42601 unless EXECUTE gives as many arguments as the statement has parameters; returns that count. */
function checkArgumentCount(stmt: ExecuteStatement, target: PreparedStatement): number {
  const expected = target.paramTypes.length;
  if (stmt.args.length !== expected) {
    throw new SqlError(SQLSTATE.SyntaxError, `wrong number of parameters for prepared statement "${stmt.name}"`,
      { detail: `Expected ${expected} parameters but got ${stmt.args.length}.` });
  }
  return expected;
}

/** `node` (plain AST data) with every `$n` replaced by `args[n - 1]`. */
function withArguments<T>(node: T, args: readonly Expr[]): T {
  if (Array.isArray(node)) return node.map((item: unknown) => withArguments(item, args)) as T;
  if (node === null || typeof node !== 'object') return node;
  const record = node as Record<string, unknown>;
  if (record.kind === 'Param' && typeof record.index === 'number') return args[record.index - 1] as T;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, withArguments(v, args)])) as T;
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
  return {
    kind: 'QueryStatement',
    query: {
      kind: 'Select', distinct: false, from: [], groupBy: [], orderBy: [],
      columns: args.map((expr, i) => ({ kind: 'SelectExpr', expr: { kind: 'Cast', operand: expr, target: typeRefOf(types[i]!) } })),
    },
  };
}

/** The type to cast an argument to (an unknown parameter takes text, as PostgreSQL resolves it). */
function typeRefOf(t: SqlType): TypeRef {
  return { name: t.id === 'unknown' ? 'text' : t.id, modifiers: [], arrayDims: t.array ? 1 : 0 };
}

async function firstRow(statement: PreparedStatement, ctx: RunContext): Promise<Value[]> {
  for await (const rows of statement.run(ctx, [])) if (rows.length > 0) return [...rows[0]!];
  throw new SqlError(SQLSTATE.InternalError, 'EXECUTE arguments produced no row');
}
