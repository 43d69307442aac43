/**
 * COPY t [(cols)] FROM STDIN in text or CSV format: streams CopyData through the matching
 * record reader, builds rows (line numbers in errors), appends them; tag `COPY n`.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { LogicalCopyFrom } from '../../planner/logical/logical-plan.js';
import type { Row } from '../../types/value.js';
import { currentTable } from '../commands/table-rows.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';
import { CopyTextReader } from './copy-text-reader.js';
import { CopyRowBuilder } from './copy-row-builder.js';
import { CsvReader, readCopyRecords, type CopyRecordParser } from './csv-reader.js';

/** Rows between cancellation checks / event-loop yields. */
const ROWS_PER_TICK = 1024;

export async function* runCopyFrom(plan: LogicalCopyFrom, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  const options = plan.options;
  if (options.format === 'binary') throw new SqlError(SQLSTATE.FeatureNotSupported, 'COPY BINARY is not supported');
  const table = currentTable(ctx, plan.table);
  const parser: CopyRecordParser = options.format === 'csv'
    ? new CsvReader({
      ...(options.delimiter ? { delimiter: options.delimiter } : {}), ...(options.quote ? { quote: options.quote } : {}),
      ...(options.escape ? { escape: options.escape } : {}), nullString: options.null ?? '', endMarker: true,
    })
    : new CopyTextReader({ ...(options.delimiter ? { delimiter: options.delimiter } : {}), ...(options.null !== undefined ? { nullString: options.null } : {}) });
  const builder = new CopyRowBuilder(table, plan.targets, plan.defaults);
  const writer = ctx.run.txn.writer(table, table.columns);
  let count = 0;
  let skipHeader = options.header;
  for await (const record of readCopyRecords(ctx.run.copyIn(plan.targets.length, 'text'), parser)) {
    if (skipHeader) {
      skipHeader = false;
      continue;
    }
    writer.append(await builder.build(record, ctx));
    if (++count % ROWS_PER_TICK === 0) await batchTick(ctx);
  }
  ctx.run.txn.replaceTable({ ...table, rowGroups: [...table.rowGroups, ...writer.finish()] }, []);
  return { tag: `COPY ${count}` };
}
