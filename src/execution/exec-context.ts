/**
 * What operators and compiled expressions see while a statement runs: the session's
 * RunContext, the snapshot the statement reads, parameter values, the statement time, the rows of enclosing queries (for
 * correlated subqueries) and a per-run cache of uncorrelated subquery results.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CatalogReader } from '../catalog/catalog-transaction.js';
import { createCatalogLookup, regNames } from '../catalog/system/index.js';
import type { CastOptions } from '../functions/casts.js';
import type { EvalContext } from '../functions/function-types.js';
import type { PlannedTable } from '../planner/logical/planned-table.js';
import type { StoredTable } from '../storage/storage-api.js';
import { textOptionsFromSettings } from '../types/text-codec.js';
import type { Row, Value } from '../types/value.js';
import { budgetFromSetting, MemoryReservation, STATEMENT_MEM_SETTING, type MemoryBudget } from './memory-budget.js';
import { createSequenceAccess } from './sequence-access.js';
import type { RunContext } from './statement-api.js';

/** Batches processed between yields to the event loop (keeps the server responsive). */
const BATCHES_PER_YIELD = 4;
const MICROS_PER_MILLI = 1000;

/** A row of an enclosing query, for correlated column references. */
export interface OuterRow {
  readonly layout: ReadonlyMap<number, number>;
  readonly row: Row;
  readonly parent?: OuterRow;
}

export interface ExecContext extends EvalContext {
  readonly run: RunContext;
  /**
   * What the statement's queries read: the transaction as it was when the run (or its portal)
   * started, so a statement never sees its own writes and a cursor keeps its snapshot.
   */
  readonly snapshot: CatalogReader;
  readonly params: readonly Value[];
  readonly textOptions: CastOptions;
  readonly outer?: OuterRow;
  /** Results of uncorrelated subqueries, computed once per statement run. */
  readonly subqueryCache: Map<object, readonly Value[][]>;
  /** Shared across nested contexts: batches seen since the last yield. */
  readonly ticker: { batches: number };
  /** WITH RECURSIVE working tables by id: the rows of the previous iteration. */
  readonly workTables: Map<number, readonly Row[]>;
  /** The statement's memory budget (statement_mem), shared by every operator. */
  readonly memory: MemoryBudget;
  /**
   * Set while a statement with data-modifying WITH items runs (run-modifying-ctes.ts): its
   * writes see only the snapshot's rows, and `rewritten` holds the tables an UPDATE or DELETE
   * of it has already rewritten.
   */
  readonly modifyingWith?: { readonly rewritten: Set<number> };
}

export function createExecContext(run: RunContext, params: readonly Value[]): ExecContext {
  const catalog = createCatalogLookup(() => run.txn);
  let names: ReturnType<typeof regNames> | undefined;
  const regName: ReturnType<typeof regNames> = (type, oid) => (names ??= regNames(run.txn))(type, oid);
  const textOptions = textOptionsFromSettings((name) => run.setting(name));
  const statementTime = Date.now() * MICROS_PER_MILLI;
  const ctx: ExecContext = {
    run, params, catalog, snapshot: run.snapshot ?? run.txn.snapshot(),
    checkInterrupts: () => checkCancelled(ctx),
    statementTime,
    transactionTime: textOptions.now ?? statementTime,
    setting: (name) => run.setting(name),
    ...(run.setSetting ? { setSetting: (name: string, value: string | undefined, local: boolean) => run.setSetting!(name, value, local) } : {}),
    sequences: createSequenceAccess(run),
    transactionId: () => run.txn.transactionId(),
    assignedTransactionId: () => run.txn.assignedTransactionId(),
    notice: (notice) => run.notice(notice),
    dataDir: run.dataDir,
    ...(run.server ? { server: run.server } : {}),
    ...(run.routines ? { routines: run.routines } : {}),
    textOptions: { ...textOptions, catalog, regName: (type, oid) => regName(type, oid) },
    subqueryCache: new Map(),
    ticker: { batches: 0 },
    workTables: new Map(),
    memory: budgetFromSetting(run.setting(STATEMENT_MEM_SETTING)),
  };
  return ctx;
}

/** A reservation against the statement's budget for one materialising operator. */
export function reserveMemory(ctx: ExecContext, operator: string): MemoryReservation {
  return new MemoryReservation(ctx.memory, operator);
}

/**
 * The rows of a planned table as the statement's snapshot holds them (looked up by id: a plan
 * never carries rows). 42P01 if the snapshot has no such table.
 */
export function snapshotTable(ctx: ExecContext, planned: PlannedTable): StoredTable {
  const table = ctx.snapshot.getTableById(planned.id);
  if (!table) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${planned.name}" does not exist`);
  return table;
}

/** A context for a correlated subquery evaluated for `row`. */
export function withOuterRow(ctx: ExecContext, layout: ReadonlyMap<number, number>, row: Row): ExecContext {
  return { ...ctx, outer: { layout, row, ...(ctx.outer ? { parent: ctx.outer } : {}) } };
}

/** Throws 57014 if the statement was cancelled or ran past statement_timeout. */
export function checkCancelled(ctx: ExecContext): void {
  ctx.run.checkInterrupts?.();
  const { signal } = ctx.run;
  if (signal.aborted) {
    throw signal.reason instanceof SqlError ? signal.reason : new SqlError(SQLSTATE.QueryCanceled, 'canceling statement due to user request');
  }
}

/** Called by leaf operators once per batch: checks cancellation and now and then yields. */
export async function batchTick(ctx: ExecContext): Promise<void> {
  checkCancelled(ctx);
  if (++ctx.ticker.batches >= BATCHES_PER_YIELD) {
    ctx.ticker.batches = 0;
    await yieldToEventLoop();
    checkCancelled(ctx);
  }
}
