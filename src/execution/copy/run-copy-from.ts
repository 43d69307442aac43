/**
 * COPY t [(cols)] FROM STDIN in text, CSV or binary format: streams CopyData through the matching
 * record reader, builds rows (line numbers in errors), appends them; tag `COPY n`. INSERT
 * triggers fire as for INSERT (row triggers per row, statement triggers around the COPY).
 */
import type { LogicalCopyFrom, RowChecks } from '../../planner/logical/logical-plan.js';
import type { StoredTable } from '../../storage/storage-api.js';
import type { PartitionedWrite } from '../../planner/logical/partition-plan.js';
import type { Row } from '../../types/value.js';
import { currentTable } from '../commands/table-rows.js';
import { ConstraintWriter } from '../constraints/constraint-writer.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import { PartitionedAppend } from '../partition/partitioned-append.js';
import { compileExpr } from '../expression/compile-expr.js';
import { layoutOf } from '../physical-operator.js';
import type { CommandResult } from '../statement-api.js';
import { runAfterRowQueue, TableTriggers, type AfterRowQueue } from '../triggers/table-triggers.js';
import { BinaryCopyReader } from './binary-copy-reader.js';
import { checkCopyHeader } from './check-copy-header.js';
import { CopyTextReader } from './copy-text-reader.js';
import { CopyRowBuilder } from './copy-row-builder.js';
import { CsvReader, type CopyRecord, type CopyRecordParser } from './csv-reader.js';
import { CopyColumnLoader, type CopyHandOver, type GroupSink } from './copy-column-loader.js';
import { ROW_GROUP_ROWS } from '../../storage/index.js';

/** Rows between cancellation checks / event-loop yields. */
const ROWS_PER_TICK = 1024;

export async function* runCopyFrom(plan: LogicalCopyFrom, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  if (plan.partitions) return yield* runPartitionedCopyFrom(plan, plan.partitions, ctx);
  const table = currentTable(ctx, plan.table);
  const builder = new CopyRowBuilder(table, plan.targets, plan.defaults);
  const appender = checkedAppender(table, plan.checks, ctx);
  const queue: AfterRowQueue = [];
  const triggers = TableTriggers.open(table, 'insert', ctx, queue);
  await triggers?.beforeStatement();
  // CSV or text into a table whose checks need no rows: plain records are loaded a column group at a time.
  const loader = triggers || plan.where || !appender.storeGroup ? undefined
    : CopyColumnLoader.open(plan, table, builder, ctx, ROW_GROUP_ROWS, appender.storeGroup);
  await copyRecords(plan, ctx, builder, withWhere(plan, ctx, triggers ? withRowTriggers(triggers, appender.store) : appender.store), loader);
  const count = await appender.finish();
  await runAfterRowQueue(queue);
  await triggers?.afterStatement();
  return { tag: `COPY ${count}` };
}

/** `append` behind INSERT row triggers: BEFORE ROW may change or skip the row, AFTER ROW is queued. */
function withRowTriggers(triggers: TableTriggers, append: (row: Row) => Promise<void> | undefined): (row: Row) => Promise<void> {
  return async (row: Row): Promise<void> => {
    const next = triggers.hasBeforeRow ? await triggers.beforeRow(row, null) : row;
    if (!next) return;
    await append(next);
    triggers.afterRow(next, null);
  };
}

/**
 * Appends rows to an existing table as COPY FROM does: UNIQUE, FOREIGN KEY and CHECK constraints
 * checked, a tick every ROWS_PER_TICK rows; `finish` publishes the rows and returns their count.
 * (ThanoSQL's `if_exists='append'` uses it too.)
 */
export function checkedAppender(table: StoredTable, rowChecks: RowChecks | undefined, ctx: ExecContext): {
  store(row: Row): Promise<void> | undefined;
  /** Appends a whole group of column vectors; undefined when a constraint must see each row. */
  storeGroup: GroupSink | undefined;
  finish(): Promise<number>;
} {
  const writer = ctx.run.txn.writer(table, table.columns);
  const constraints = ConstraintWriter.open(table, rowChecks, ctx, 'append');
  let count = 0;
  return {
    /** Appends a row; returns a promise only when it is time to tick or to check buffered CHECKs. */
    store: (row: Row): Promise<void> | undefined => {
      const checked = constraints.validateLater(row, ctx);
      constraints.keep(row);
      writer.append(row);
      if (++count % ROWS_PER_TICK === 0) return checked ? checked.then(() => batchTick(ctx)) : batchTick(ctx);
      return checked;
    },
    storeGroup: constraints.readsRows ? undefined : (vectors, rowCount) => {
      writer.appendGroup(vectors, rowCount);
      count += rowCount;
    },
    finish: async () => {
      await constraints.settle(ctx);
      ctx.run.txn.replaceTable({ ...table, rowGroups: [...table.rowGroups, ...writer.finish()] }, []);
      constraints.finish();
      return count;
    },
  };
}

/**
 * COPY into a partitioned table or a partition: rows are buffered and handed to the partition
 * router (or the partition constraint) a batch at a time; only partitions that get rows change.
 * The target's INSERT triggers fire as in runCopyFrom, and each leaf's own row triggers for the
 * rows routed to it (partitioned-append.ts).
 */
async function* runPartitionedCopyFrom(plan: LogicalCopyFrom, write: PartitionedWrite, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  const table = currentTable(ctx, plan.table);
  const builder = new CopyRowBuilder(table, plan.targets, plan.defaults);
  const queue: AfterRowQueue = [];
  const triggers = TableTriggers.open(table, 'insert', ctx, queue);
  const sink = new PartitionedAppend(table, write, plan.checks, ctx, queue);
  await triggers?.beforeStatement();
  let pending: Row[] = [];
  let count = 0;
  const flush = async () => {
    const given = triggers?.hasBeforeRow ? await triggers.beforeInsertRows(pending) : pending;
    pending = [];
    const { rows } = await sink.append(given, ctx);
    if (triggers?.hasAfterRow) for (const row of rows) triggers.afterRow(row, null);
    count += rows.length;
    await batchTick(ctx);
  };
  await copyRecords(plan, ctx, builder, withWhere(plan, ctx, (row) => {
    pending.push(row);
    return pending.length >= ROWS_PER_TICK ? flush() : undefined;
  }));
  await flush();
  sink.finish(ctx);
  await runAfterRowQueue(queue);
  await triggers?.afterStatement();
  return { tag: `COPY ${count}` };
}

/** `append` behind COPY … WHERE: each row waits for its condition (rare; plain COPY keeps its sync path). */
function withWhere(plan: LogicalCopyFrom, ctx: ExecContext, append: (row: Row) => Promise<void> | undefined): (row: Row) => Promise<void> | undefined {
  if (!plan.where) return append;
  const where = compileExpr(plan.where.expr, layoutOf(plan.where.rowColumns.map((c) => c.id)));
  return async (row: Row): Promise<void> => {
    if ((await where([row], ctx))[0] === true) await append(row);
  };
}

/** Reads the records of COPY FROM STDIN in its format and hands each built row to `append`. */
async function copyRecords(plan: LogicalCopyFrom, ctx: ExecContext, builder: CopyRowBuilder,
  append: (row: Row) => Promise<void> | undefined, loader?: CopyColumnLoader): Promise<void> {
  if (plan.options.format !== 'binary') return copyTextRecords(plan, ctx, builder, append, loader);
  const reader = new BinaryCopyReader();
  for await (const chunk of ctx.run.copyIn(plan.targets.length, 'binary')) {
    for (const record of reader.push(chunk)) await append(await builder.buildBinary(record, ctx));
  }
  reader.end();
}

/**
 * Text and CSV records through the row path; with a column `loader`, the loader takes the input
 * first and the row path only what it hands over (from its first record that is not plain).
 */
async function copyTextRecords(plan: LogicalCopyFrom, ctx: ExecContext, builder: CopyRowBuilder,
  append: (row: Row) => Promise<void> | undefined, loader: CopyColumnLoader | undefined): Promise<void> {
  const options = plan.options;
  const parserFrom = (firstLine: number): CopyRecordParser => (options.format === 'csv'
    ? new CsvReader({
      ...(options.delimiter ? { delimiter: options.delimiter } : {}), ...(options.quote ? { quote: options.quote } : {}),
      ...(options.escape ? { escape: options.escape } : {}), nullString: options.null ?? '', endMarker: true,
      ...(plan.forceNotNull ? { forceNotNull: new Set(plan.forceNotNull) } : {}), ...(plan.forceNull ? { forceNull: new Set(plan.forceNull) } : {}),
      firstLine,
    })
    : new CopyTextReader({
      ...(options.delimiter ? { delimiter: options.delimiter } : {}), ...(options.null !== undefined ? { nullString: options.null } : {}),
      firstLine,
    }));
  let skipHeader = options.header !== false;
  const table = plan.table.name;
  const take = async (records: readonly CopyRecord[]) => {
    for (const record of records) {
      if (skipHeader) {
        skipHeader = false;
        if (options.header === 'match') {
          checkCopyHeader(record, plan.targets.map((c) => c.name), options.null ?? (options.format === 'csv' ? '' : '\\N'), table);
        }
        continue;
      }
      // Without defaults a row needs no await; append() awaits only every ROWS_PER_TICK rows.
      const row = builder.hasDefaults ? await builder.build(record, ctx) : builder.buildSync(record, ctx);
      const tick = append(row);
      if (tick) await tick;
    }
  };
  let parser = loader ? undefined : parserFrom(1);
  const handOver = async (over: CopyHandOver | undefined) => {
    if (!over) return;
    skipHeader = loader!.headerPending;
    parser = parserFrom(over.line);
    await take(parser.push(over.rest));
  };
  for await (const chunk of ctx.run.copyIn(plan.targets.length, 'text')) {
    if (parser) await take(parser.push(chunk));
    else {
      await handOver(loader!.push(chunk));
      await batchTick(ctx);
    }
  }
  if (!parser) await handOver(loader!.end());
  if (parser) await take(parser.end());
}
