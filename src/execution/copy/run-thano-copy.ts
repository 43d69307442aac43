/**
 * ThanoSQL `COPY t [OPTIONS(overwrite=True)] FROM "file.csv"`: opens the file through the data
 * directory's one path check (common/data-path.ts), streams it once to infer column types from the header and values,
 * creates (or, with overwrite, replaces) the table and streams it again to load it — all in
 * the statement's transaction, so a bad row leaves nothing behind. Tag `COPY n`.
 */
import type { FileHandle } from 'node:fs/promises';
import { openDataFile } from '../../common/data-path.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { LogicalThanoCopy } from '../../planner/logical/logical-plan.js';
import type { Row } from '../../types/value.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';
import { CopyRowBuilder } from './copy-row-builder.js';
import { CsvReader, type CopyRecord } from './csv-reader.js';
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
