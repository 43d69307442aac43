/**
 * The executor's entry point for the engine: bind → optimize → (at run time) physical plan
 * and execution. Result columns and parameter types are known at prepare time (Describe);
 * `run` streams row batches and returns the command tag.
 */
import { SqlError, SQLSTATE, unreachable } from '../common/sql-error.js';
import { disabledRules, DISABLED_SETTING, optimizeCommand } from '../optimizer/index.js';
import { planStatement, ShapeUnknownError } from '../planner/index.js';
import type { PlanDependency } from '../planner/index.js';
import type { LogicalCommand, OutputColumn } from '../planner/logical/logical-plan.js';
import { renderCommand } from '../planner/logical/render-plan.js';
import type { Statement } from '../parser/ast.js';
import { T, type SqlType } from '../types/sql-type.js';
import type { Row, Value } from '../types/value.js';
import { runCreateTable, runCreateTableAs, runDropTable } from './commands/run-ddl.js';
import { runAlterTable } from './commands/alter-table/run-alter-table.js';
import { runInsert } from './commands/run-insert.js';
import { runCommentOn, runCreateIndex, runCreateView, runDropRelation } from './commands/run-schema-objects.js';
import { runRewrite } from './commands/run-rewrite.js';
import { runTruncate } from './commands/run-truncate.js';
import { runAlterSequence, runCreateSequence } from './commands/run-sequence.js';
import { runSchemaCommand } from './commands/run-schemas.js';
import { runUserTypeCommand } from './commands/run-user-types.js';
import { runCopyFrom } from './copy/run-copy-from.js';
import { runCopyTo } from './copy/run-copy-to.js';
import { runThanoCopy } from './copy/run-thano-copy.js';
import { createExecContext, type ExecContext } from './exec-context.js';
import { buildOperator } from './physical-planner.js';
import { checkSameResult, planIsCurrent } from './plan-validity.js';
import { asResourceError } from './resource-errors.js';
import type { CommandResult, PlanContext, PreparedStatement, ReplanContext, ResultColumn, RunContext } from './statement-api.js';

const EXPLAIN_COLUMN: ResultColumn = { name: 'QUERY PLAN', type: T.text, tableOid: 0, columnAttnum: 0 };

function toResultColumns(output: readonly OutputColumn[]): ResultColumn[] {
  return output.map((c) => ({ name: c.name, type: c.type, tableOid: c.tableOid, columnAttnum: c.attnum }));
}

function resultColumns(command: LogicalCommand): readonly ResultColumn[] | null {
  switch (command.kind) {
    case 'Query': return toResultColumns(command.plan.output);
    case 'Insert': case 'Update': case 'Delete': return command.returning ? toResultColumns(command.returning.output) : null;
    case 'Explain': return [EXPLAIN_COLUMN];
    default: return null;
  }
}

async function* runQuery(command: Extract<LogicalCommand, { kind: 'Query' }>, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  let count = 0;
  for await (const batch of buildOperator(command.plan).execute(ctx)) {
    count += batch.length;
    yield batch;
  }
  return { tag: `SELECT ${count}` };
}

async function* runCommand(command: LogicalCommand, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  switch (command.kind) {
    case 'Query': return yield* runQuery(command, ctx);
    case 'Insert': return yield* runInsert(command, ctx);
    case 'Update': case 'Delete': return yield* runRewrite(command, ctx);
    case 'CreateTable': return runCreateTable(command, ctx);
    case 'DropTable': return runDropTable(command, ctx);
    case 'AlterTable': return runAlterTable(command, ctx);
    case 'Truncate': return runTruncate(command, ctx);
    case 'CreateTableAs': return runCreateTableAs(command, ctx);
    case 'CreateIndex': return await runCreateIndex(command, ctx);
    case 'CreateView': return runCreateView(command, ctx);
    case 'DropRelation': return runDropRelation(command, ctx);
    case 'CommentOn': return runCommentOn(command, ctx);
    case 'CreateSequence': return runCreateSequence(command, ctx);
    case 'AlterSequence': return runAlterSequence(command, ctx);
    case 'CreateCompositeType': case 'CreateEnumType': case 'CreateDomain': case 'AlterUserType': case 'AlterDomain': case 'DropType':
      return await runUserTypeCommand(command, ctx);
    case 'CreateSchema': case 'RenameSchema': case 'DropSchema': return runSchemaCommand(command, ctx);
    case 'CopyFrom': return yield* runCopyFrom(command, ctx);
    case 'CopyTo': return yield* runCopyTo(command, ctx);
    case 'ThanoCopy': return yield* runThanoCopy(command, ctx);
    case 'Explain':
      if (command.analyze) {
        throw new SqlError(SQLSTATE.FeatureNotSupported, 'EXPLAIN ANALYZE is not supported yet');
      }
      yield renderCommand(command.inner).map((line) => [line]);
      return { tag: 'EXPLAIN' };
    default: return unreachable(command);
  }
}

/** Passes a run's batches through, turning JavaScript resource failures into SqlErrors. */
async function* withResourceErrors(run: AsyncGenerator<Row[], CommandResult, void>): AsyncGenerator<Row[], CommandResult, void> {
  try {
    return yield* run;
  } catch (err) {
    throw asResourceError(err);
  }
}

/** One binding of a statement: the optimized command and what its binding depended on. */
interface Planned {
  readonly command: LogicalCommand;
  readonly paramTypes: readonly SqlType[];
  readonly columns: readonly ResultColumn[] | null;
  readonly dependencies: readonly PlanDependency[];
  readonly shapeParams: ReadonlyMap<number, number>;
}

/** Binds and optimizes; JavaScript resource failures (deep nesting) become SqlErrors. */
function plan(statement: Statement, ctx: PlanContext): Planned {
  try {
    const bound = planStatement(statement, ctx);
    const command = optimizeCommand(bound.command, disabledRules(ctx.setting(DISABLED_SETTING)));
    return {
      command, paramTypes: bound.paramTypes, columns: resultColumns(command), dependencies: bound.dependencies, shapeParams: bound.shapeParams,
    };
  } catch (err) {
    throw asResourceError(err);
  }
}

/**
 * Prepares a statement that reads or writes tables or computes values. The plan names tables
 * (never their rows) and is checked before each run (plan-validity.ts): after DDL on a table it
 * read, the statement is bound again with the parameter types it was prepared with.
 * @example
 * const prepared = prepareStatement(parse('SELECT 1 AS one')[0].statement, planContext);
 * prepared.columns // [{ name: 'one', type: int4, … }]
 */
export function prepareStatement(statement: Statement, ctx: PlanContext): PreparedStatement {
  let current: Planned;
  try {
    current = plan(statement, ctx);
  } catch (err) {
    if (err instanceof ShapeUnknownError) return planAtBind(statement, ctx, err);
    throw err;
  }
  const paramTypes = current.paramTypes;
  const revalidate = (replan: ReplanContext) => {
    if (planIsCurrent(current.dependencies, replan)) return;
    const next = plan(statement, { ...replan, declaredParamTypes: paramTypes, sql: ctx.sql, ...(ctx.paramValues ? { paramValues: ctx.paramValues } : {}) });
    checkSameResult(current.columns, next.columns);
    current = next;
  };
  return {
    paramTypes,
    get columns() { return current.columns; },
    mutates: current.command.kind !== 'Query' && current.command.kind !== 'Explain' && current.command.kind !== 'CopyTo',
    revalidate,
    run(run: RunContext, params: readonly Value[]) {
      const exec = createExecContext(run, params);
      revalidate({ txn: exec.snapshot, setting: (n) => run.setting(n), ...(run.extensions ? { extensions: run.extensions } : {}) });
      return withResourceErrors(runCommand(current.command, exec));
    },
    explain: () => renderCommand(current.command),
    specialize(params: readonly Value[]) {
      if (fitsShape(current.shapeParams, params)) return this;
      return prepareStatement(statement, { ...ctx, declaredParamTypes: paramTypes, paramValues: params });
    },
  };
}

/**
 * A statement that binds only once a parameter's value is known (ShapeUnknownError): its
 * parameter types are known, its columns are not (Describe of the statement says NoData); a
 * Bind plans it for the values, and the portal describes the real columns.
 */
function planAtBind(statement: Statement, ctx: PlanContext, unknown: ShapeUnknownError): PreparedStatement {
  return {
    paramTypes: unknown.paramTypes,
    columns: null,
    mutates: false,
    async *run() { throw unknown.error; },
    explain: () => { throw unknown.error; },
    specialize: (params) => prepareStatement(statement, { ...ctx, declaredParamTypes: unknown.paramTypes, paramValues: params }),
  };
}

/** True when each shape-deciding parameter holds a list of the length the plan was made for. */
function fitsShape(shapeParams: ReadonlyMap<number, number>, params: readonly Value[]): boolean {
  for (const [index, length] of shapeParams) {
    const value = params[index];
    if (!Array.isArray(value) || value.length !== length) return false;
  }
  return true;
}
