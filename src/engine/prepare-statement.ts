/**
 * The statement driver: the one place that runs a statement's phases in order — bind
 * (planner/), optimize (optimizer/), physical plan (execution/), then execution — each under its
 * timer (phase-timings.ts). Result columns and parameter types are known at prepare time
 * (Describe); `run` plans physically and streams row batches, returning the command tag.
 */
import { disabledRules, DISABLED_SETTING, optimizeCommand } from '../optimizer/index.js';
import { planStatement, ShapeUnknownError } from '../planner/index.js';
import type { PlanDependency } from '../planner/index.js';
import type { LogicalCommand, OutputColumn } from '../planner/logical/logical-plan.js';
import { renderCommand } from '../planner/logical/render-plan.js';
import { withRowLocation } from '../planner/logical/with-row-location.js';
import type { Statement } from '../parser/ast.js';
import { T, type SqlType } from '../types/sql-type.js';
import type { Row, Value } from '../types/value.js';
import { createExecContext, type ExecContext } from '../execution/exec-context.js';
import { planPhysical } from '../execution/physical-command.js';
import { checkSameResult, planIsCurrent } from '../execution/plan-validity.js';
import { asResourceError } from '../execution/resource-errors.js';
import { PhaseTimings } from './phase-timings.js';
import type { ColumnValues, CommandResult, PreparedStatement, ResultColumn, RunContext } from '../execution/statement-api.js';
import type { PlanContext, ReplanContext } from '../planner/plan-context.js';
import type { ExtensionRegistry } from './extension-registry.js';

/**
 * What preparing a statement needs: the planner's context, with the database's whole extension
 * registry (the driver hands its optimizer half to the optimizer).
 */
export type StatementContext = Omit<PlanContext, 'extensions'> & { readonly extensions?: ExtensionRegistry };

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

/** One binding of a statement: the optimized command and what its binding depended on. */
interface Planned {
  readonly command: LogicalCommand;
  readonly paramTypes: readonly SqlType[];
  readonly columns: readonly ResultColumn[] | null;
  readonly dependencies: readonly PlanDependency[];
  readonly shapeParams: ReadonlyMap<number, number>;
}

/** Binds and optimizes; JavaScript resource failures (deep nesting) become SqlErrors. */
function plan(statement: Statement, ctx: StatementContext, timings: PhaseTimings): Planned {
  try {
    const bound = timings.time('bind', () => planStatement(statement, ctx));
    const disabled = disabledRules(ctx.setting(DISABLED_SETTING));
    const command = timings.time('optimize', () => optimizeCommand(bound.command, disabled, ctx.extensions));
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
export function prepareStatement(statement: Statement, ctx: StatementContext): PreparedStatement {
  const timings = new PhaseTimings();
  let current: Planned;
  try {
    current = plan(statement, ctx, timings);
  } catch (err) {
    if (err instanceof ShapeUnknownError) return planAtBind(statement, ctx, err);
    throw err;
  }
  const paramTypes = current.paramTypes;
  // Re-planning uses the registry the statement was prepared with: a statement belongs to one database.
  const revalidate = (replan: ReplanContext) => {
    if (planIsCurrent(current.dependencies, replan)) return;
    const next = plan(statement, {
      txn: replan.txn, setting: (n) => replan.setting(n), ...(ctx.extensions ? { extensions: ctx.extensions } : {}), declaredParamTypes: paramTypes, sql: ctx.sql, ...(ctx.paramValues ? { paramValues: ctx.paramValues } : {}) }, timings);
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
      revalidate({ txn: exec.snapshot, setting: (n) => run.setting(n), ...(ctx.extensions ? { extensions: ctx.extensions } : {}) });
      return runPlanned(current.command, exec, timings);
    },
    runBatches(run: RunContext, params: readonly Value[]) {
      const exec = createExecContext(run, params);
      revalidate({ txn: exec.snapshot, setting: (n) => run.setting(n), ...(ctx.extensions ? { extensions: ctx.extensions } : {}) });
      return runPlanned(current.command, exec, timings, true);
    },
    timings: timings.entries(),
    explain: () => renderCommand(current.command),
    located() {
      const command = current.command;
      if (command.kind !== 'Query' || command.modifyingCtes) return undefined;
      const located = withRowLocation(command.plan);
      if (!located) return undefined;
      const locatedCommand: LogicalCommand = { ...command, plan: located.plan };
      return {
        tableId: located.tableId,
        run: (run: RunContext, params: readonly Value[]) => runPlanned(locatedCommand, createExecContext(run, params), timings),
      };
    },
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
function planAtBind(statement: Statement, ctx: StatementContext, unknown: ShapeUnknownError): PreparedStatement {
  return {
    paramTypes: unknown.paramTypes,
    columns: null,
    mutates: false,
    async *run() { throw unknown.error; },
    explain: () => { throw unknown.error; },
    specialize: (params) => prepareStatement(statement, { ...ctx, declaredParamTypes: unknown.paramTypes, paramValues: params }),
  };
}

/**
 * Plans the command physically when its run starts (errors surface at the first fetch) and runs
 * it; with `columnBatches`, as column batches where the physical command offers them.
 */
function runPlanned(command: LogicalCommand, exec: ExecContext, timings: PhaseTimings): AsyncGenerator<Row[], CommandResult, void>;
function runPlanned(command: LogicalCommand, exec: ExecContext, timings: PhaseTimings, columnBatches: true): AsyncGenerator<Row[] | ColumnValues, CommandResult, void>;
async function* runPlanned(command: LogicalCommand, exec: ExecContext, timings: PhaseTimings, columnBatches = false): AsyncGenerator<Row[] | ColumnValues, CommandResult, void> {
  const physical = timings.time('physical plan', () => planPhysical(command));
  return yield* (columnBatches && physical.columns ? physical.columns(exec) : physical(exec));
}

/** True when each shape-deciding parameter holds a list of the length the plan was made for. */
function fitsShape(shapeParams: ReadonlyMap<number, number>, params: readonly Value[]): boolean {
  for (const [index, length] of shapeParams) {
    const value = params[index];
    if (!Array.isArray(value) || value.length !== length) return false;
  }
  return true;
}
