/**
 * ThanoSQL `COPY t [OPTIONS(overwrite=True)] FROM "file.csv"`: opens the file through the data
 * directory's one path check (common/data-path.ts), streams it once to infer column types from the header and values,
 * creates (or, with overwrite, replaces) the table and streams it again to load it — or, with
 * `if_exists='append'`, streams it once into the existing table — all in
 * the statement's transaction, so a bad row leaves nothing behind. Tag `COPY n`.
 */
import type { FileHandle } from 'node:fs/promises';
import { openDataFile } from '../../common/data-path.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { LogicalThanoCopy } from '../../planner/logical/logical-plan.js';
import type { StoredColumn, StoredTable } from '../../storage/storage-api.js';
import type { Row } from '../../types/value.js';
import { currentTable } from '../commands/table-rows.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';
import { CopyRowBuilder } from './copy-row-builder.js';
import { CsvReader, type CopyRecord } from './csv-reader.js';
import { checkedAppender } from './run-copy-from.js';
import { TypeInferrer } from './infer-types.js';

const ROWS_PER_TICK = 1024;

/** The file's records, one array per chunk read (from the start of the already opened file). */
async function* recordChunks(handle: FileHandle): AsyncGenerator<readonly CopyRecord[]> {
  const parser = new CsvReader();
  for await (const chunk of handle.createReadStream({ start: 0, autoClose: false })) yield parser.push(chunk as Buffer);
  yield parser.end();
}

export async function* runThanoCopy(plan: LogicalThanoCopy, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  // Opened once and read twice (infer, load) through the same handle: what was checked is what is read.
  const file = await openDataFile({ dataDir: ctx.run.dataDir, allowOutside: ctx.run.allowAbsolutePaths }, plan.path);
  try {
    return yield* copyFile(plan, ctx, file.handle);
  } finally {
    await file.handle.close();
  }
}

async function* copyFile(plan: LogicalThanoCopy, ctx: ExecContext, file: FileHandle): AsyncGenerator<Row[], CommandResult, void> {
  const txn = ctx.run.txn;
  // Bound against an existing table: it is still there under a valid plan (else currentTable says why).
  if (plan.append) return { tag: `COPY ${await appendFile(plan, plan.append, ctx, file)}` };
  const existing = txn.getTable(plan.table);
  if (existing) {
    if (!plan.overwrite) {
      throw new SqlError(SQLSTATE.DuplicateTable, `relation "${plan.table}" already exists`,
        { hint: `COPY ${plan.table} OPTIONS(overwrite=True) FROM '…' (or if_exists='replace') replaces it` });
    }
    txn.dropTable(existing);
  }
  let inferrer: TypeInferrer | undefined;
  for await (const chunkRecords of recordChunks(file)) {
    for (const record of chunkRecords) {
      if (!inferrer) inferrer = new TypeInferrer(record);
      else inferrer.observe(record);
    }
    await batchTick(ctx);
  }
  if (!inferrer) throw new SqlError(SQLSTATE.BadCopyFileFormat, `file "${plan.path}" is empty: a header line is required`);
  const table = txn.createTable(plan.table, inferrer.result().map((c) => ({ name: c.name, type: c.type, notNull: false })));
  const builder = new CopyRowBuilder(table, table.columns, new Map());
  const writer = txn.writer(table, table.columns);
  let count = 0;
  let header = true;
  // Records are handled a chunk at a time, synchronously: no promise per row (the table is new,
  // so no column has a default).
  for await (const chunkRecords of recordChunks(file)) {
    for (const record of chunkRecords) {
      if (header) {
        header = false;
        continue;
      }
      writer.append(builder.buildSync(record, ctx));
      if (++count % ROWS_PER_TICK === 0) await batchTick(ctx);
    }
  }
  txn.replaceTable({ ...table, rowGroups: writer.finish() }, []);
  return { tag: `COPY ${count}` };
}

/** The table's columns the header names, in the file's order (exact name first, then any case). */
function headerTargets(table: StoredTable, header: readonly (string | null)[], path: string): StoredColumn[] {
  return header.map((name) => {
    const column = table.columns.find((c) => c.name === name)
      ?? table.columns.find((c) => c.name.toLowerCase() === (name ?? '').toLowerCase());
    if (!column) {
      throw new SqlError(SQLSTATE.UndefinedColumn, `column "${name ?? ''}" of file "${path}" does not exist in table "${table.name}"`, {
        hint: `if_exists='append' fills the columns its CSV header names; ${table.name} has ${table.columns.map((c) => c.name).join(', ')}`,
      });
    }
    return column;
  });
}

/**
 * `if_exists='append'`: the file's rows into the existing table — the header's columns parsed as
 * the table's types, the other columns' defaults, constraints checked — in one pass.
 */
async function appendFile(plan: LogicalThanoCopy, append: NonNullable<LogicalThanoCopy['append']>, ctx: ExecContext, file: FileHandle): Promise<number> {
  const table = currentTable(ctx, append.table);
  const appender = checkedAppender(table, append.checks, ctx);
  let builder: CopyRowBuilder | undefined;
  for await (const chunkRecords of recordChunks(file)) {
    for (const record of chunkRecords) {
      if (!builder) {
        const targets = headerTargets(table, record.fields, plan.path);
        const ids = new Set(targets.map((c) => c.id));
        builder = new CopyRowBuilder(table, targets, new Map([...append.defaults].filter(([id]) => !ids.has(id))));
        continue;
      }
      const row = builder.hasDefaults ? await builder.build(record, ctx) : builder.buildSync(record, ctx);
      await appender.store(row);
    }
  }
  if (!builder) throw new SqlError(SQLSTATE.BadCopyFileFormat, `file "${plan.path}" is empty: a header line is required`);
  return appender.finish();
}
