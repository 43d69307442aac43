/**
 * The executor's entry point for the engine: a logical command becomes a physical one (a
 * query's operator tree is built here, once per run) that streams row batches and returns the
 * command tag. DML, DDL and COPY run through their executors in `commands/` and `copy/`.
 */
import { SqlError, SQLSTATE, unreachable } from '../common/sql-error.js';
import type { LogicalCommand } from '../planner/logical/logical-plan.js';
import { renderCommand } from '../planner/logical/render-plan.js';
import type { Row } from '../types/value.js';
import { runCreateTable, runCreateTableAs, runDropTable } from './commands/run-ddl.js';
import { runAlterTable } from './commands/alter-table/run-alter-table.js';
import { runInsert } from './commands/run-insert.js';
import { runCommentOn, runCreateIndex, runCreateView, runDropRelation } from './commands/run-schema-objects.js';
import { runDelete } from './commands/run-delete.js';
import { runTruncate } from './commands/run-truncate.js';
import { runUpdate } from './commands/run-update.js';
import { runAlterSequence, runCreateSequence } from './commands/run-sequence.js';
import { runUserTypeCommand } from './commands/run-user-types.js';
import { runSchemaCommand } from './commands/run-schemas.js';
import { runCreateFunction, runDropFunction, runRenameFunction } from './commands/run-function-ddl.js';
import { runCreateOperator, runDropOperator } from './commands/run-operator-ddl.js';
import { runCreateTrigger, runDropTrigger, runRenameTrigger } from './commands/run-triggers.js';
import { runCopyFrom } from './copy/run-copy-from.js';
import { runCopyTo } from './copy/run-copy-to.js';
import { runThanoCopy } from './copy/run-thano-copy.js';
import { checkCancelled, type ExecContext } from './exec-context.js';
import type { ColumnValues, PhysicalOperator } from './physical-operator.js';
import { buildOperator } from './physical-planner.js';
import { asResourceError } from './resource-errors.js';
import { runWithModifyingCtes } from './run-modifying-ctes.js';
import type { CommandResult } from './statement-api.js';

/**
 * A command ready to run: streams its rows' batches, returns the command tag. A query whose top
 * operator holds column batches (plain columns of an unfiltered scan) also offers `columns`,
 * the same run as column-major batches, for a consumer that encodes them without rows.
 */
export interface PhysicalCommand {
  (ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void>;
  readonly columns?: (ctx: ExecContext) => AsyncGenerator<ColumnValues, CommandResult, void>;
}

async function* runQuery(operator: PhysicalOperator, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  let count = 0;
  for await (const batch of operator.execute(ctx)) {
    count += batch.length;
    yield batch;
  }
  return { tag: `SELECT ${count}` };
}

async function* runQueryColumns(
  executeColumns: NonNullable<PhysicalOperator['executeColumns']>, ctx: ExecContext,
): AsyncGenerator<ColumnValues, CommandResult, void> {
  let count = 0;
  // Text columns as their stored UTF-8 bytes: the consumer encodes DataRows from them.
  for await (const batch of executeColumns(ctx, { textSlices: true })) {
    count += batch.rowCount;
    yield batch;
  }
  return { tag: `SELECT ${count}` };
}

async function* runExplain(lines: readonly string[]): AsyncGenerator<Row[], CommandResult, void> {
  yield lines.map((line) => [line]);
  return { tag: 'EXPLAIN' };
}

/** The commands that run through an executor of their own (not an operator tree). */
type ExecutorCommand = Exclude<LogicalCommand, { kind: 'Query' | 'Explain' }>;

async function* runCommand(command: ExecutorCommand, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  switch (command.kind) {
    case 'Insert': return yield* runInsert(command, ctx);
    case 'Update': return yield* runUpdate(command, ctx);
    case 'Delete': return yield* runDelete(command, ctx);
    case 'CreateTable': return runCreateTable(command, ctx);
    case 'DropTable': return runDropTable(command, ctx);
    case 'AlterTable': return runAlterTable(command, ctx);
    case 'Truncate': return await runTruncate(command, ctx);
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
    case 'CreateFunction': return runCreateFunction(command, ctx);
    case 'DropFunction': return runDropFunction(command, ctx);
    case 'RenameFunction': return runRenameFunction(command, ctx);
    case 'CreateOperator': return runCreateOperator(command, ctx);
    case 'DropOperator': return runDropOperator(command, ctx);
    case 'CallProcedure':
      // The procedure's statements run in order; their rows (a SELECT in the body) are dropped.
      for (const inner of command.commands) {
        const run = planPhysical(inner)(ctx);
        while (!(await run.next()).done) checkCancelled(ctx);
      }
      return { tag: 'CALL' };
    case 'CreateTrigger': return runCreateTrigger(command, ctx);
    case 'DropTrigger': return runDropTrigger(command, ctx);
    case 'RenameTrigger': return runRenameTrigger(command, ctx);
    case 'CopyFrom': return yield* runCopyFrom(command, ctx);
    case 'CopyTo': return yield* runCopyTo(command, ctx);
    case 'ThanoCopy': return yield* runThanoCopy(command, ctx);
    default: return unreachable(command);
  }
}

/** Passes a run's batches through, turning JavaScript resource failures into SqlErrors. */
async function* withResourceErrors<B>(run: AsyncGenerator<B, CommandResult, void>): AsyncGenerator<B, CommandResult, void> {
  try {
    return yield* run;
  } catch (err) {
    throw asResourceError(err);
  }
}

/**
 * Plans a command physically: a query's operator tree (one node per logical node,
 * physical-planner.ts), EXPLAIN's text, or the executor of a DML/DDL/COPY command.
 * @example
 * const physical = planPhysical(optimized);
 * for await (const batch of physical(execContext)) send(batch);
 */
export function planPhysical(command: LogicalCommand): PhysicalCommand {
  if ((command.kind === 'Query' || command.kind === 'Insert' || command.kind === 'Update' || command.kind === 'Delete') && command.modifyingCtes) {
    const statement = planPhysical({ ...command, modifyingCtes: undefined });
    const ctes = command.modifyingCtes;
    return (ctx) => withResourceErrors(runWithModifyingCtes(ctes, (cte) => planPhysical(cte.command), statement, ctx));
  }
  switch (command.kind) {
    case 'Query': {
      let operator: PhysicalOperator;
      try {
        operator = buildOperator(command.plan);
      } catch (err) {
        throw asResourceError(err);
      }
      const locks = command.locks ?? [];
      const claim = (ctx: ExecContext) => { for (const id of locks) ctx.run.txn.claimRowGroups(id); };
      const rows = (ctx: ExecContext) => {
        claim(ctx);
        return withResourceErrors(runQuery(operator, ctx));
      };
      const executeColumns = operator.executeColumns;
      if (!executeColumns) return rows;
      return Object.assign(rows, {
        columns: (ctx: ExecContext) => {
          claim(ctx);
          return withResourceErrors(runQueryColumns(executeColumns, ctx));
        },
      });
    }
    case 'Explain': {
      if (command.analyze) {
        throw new SqlError(SQLSTATE.FeatureNotSupported, 'EXPLAIN ANALYZE is not supported yet');
      }
      let lines: readonly string[];
      try {
        lines = renderCommand(command.inner);
      } catch (err) {
        throw asResourceError(err);
      }
      return () => runExplain(lines);
    }
    default: return (ctx) => withResourceErrors(runCommand(command, ctx));
  }
}
