/**
 * ThanoSQL `COPY t [OPTIONS(overwrite=True)] FROM "file.csv"`: resolves the path inside the
 * data directory, streams the file once to infer column types from the header and values,
 * creates (or, with overwrite, replaces) the table and streams it again to load it — all in
 * the statement's transaction, so a bad row leaves nothing behind. Tag `COPY n`.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { isInsideDir } from '../../common/path-inside.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { LogicalThanoCopy } from '../../planner/logical/logical-plan.js';
import type { Row } from '../../types/value.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';
import { CopyRowBuilder } from './copy-row-builder.js';
import { CsvReader, type CopyRecord } from './csv-reader.js';
import { TypeInferrer } from './infer-types.js';

const ROWS_PER_TICK = 1024;

/** The file COPY may read, or 42501 when the path leaves the data directory. */
export function resolveCopyPath(path: string, dataDir: string, allowAbsolute: boolean): string {
  const outside = isAbsolute(path) || !isInsideDir(dataDir, path);
  if (outside && !allowAbsolute) {
    throw new SqlError(SQLSTATE.InsufficientPrivilege, `could not open file "${path}": path must be inside the data directory`, {
      hint: `Use a path relative to the data directory, or start the server with absolute paths allowed.`,
    });
  }
  return resolve(dataDir, path);
}

/** The file's records, one array per chunk read. */
async function* recordChunks(file: string): AsyncGenerator<readonly CopyRecord[]> {
  const parser = new CsvReader();
  for await (const chunk of createReadStream(file)) yield parser.push(chunk as Buffer);
  yield parser.end();
}

export async function* runThanoCopy(plan: LogicalThanoCopy, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  const file = resolveCopyPath(plan.path, ctx.run.dataDir, ctx.run.allowAbsolutePaths);
  const info = await stat(file).catch(() => undefined);
  if (!info || !info.isFile()) {
    throw new SqlError(SQLSTATE.UndefinedFile, `could not open file "${plan.path}" for reading: No such file or directory`);
  }
  const txn = ctx.run.txn;
  const existing = txn.getTable(plan.table);
  if (existing) {
    if (!plan.overwrite) {
      throw new SqlError(SQLSTATE.DuplicateTable, `relation "${plan.table}" already exists`,
        { hint: `COPY ${plan.table} OPTIONS(overwrite=True) FROM '…' replaces it` });
    }
    txn.dropTable(existing);
  }
  let inferrer: TypeInferrer | undefined;
  for await (const chunkRecords of recordChunks(file)) {
    for (const record of chunkRecords) {
      if (!inferrer) inferrer = new TypeInferrer(record);
      else inferrer.observe(record);
    }
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
