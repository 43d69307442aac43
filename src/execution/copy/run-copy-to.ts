/** COPY t|(query) TO STDOUT: streams rows to the client as CopyData; tag `COPY n`. */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { LogicalCopyTo } from '../../planner/logical/logical-plan.js';
import type { Row } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { buildOperator } from '../physical-planner.js';
import type { CommandResult } from '../statement-api.js';
import { copyLineFormat } from './copy-format.js';

export async function* runCopyTo(plan: LogicalCopyTo, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  if (plan.options.format === 'binary') throw new SqlError(SQLSTATE.FeatureNotSupported, 'COPY BINARY is not supported');
  const output = plan.input.output;
  const format = copyLineFormat(plan.options, output.map((c) => c.type), ctx.textOptions);
  const channel = ctx.run.copyOut(output.length, 'text');
  const encoder = new TextEncoder();
  let count = 0;
  if (plan.options.header) await channel.write(encoder.encode(format.header(output.map((c) => c.name))));
  for await (const batch of buildOperator(plan.input).execute(ctx)) {
    await channel.write(encoder.encode(batch.map((row) => format.line(row)).join('')));
    count += batch.length;
  }
  channel.end();
  return { tag: `COPY ${count}` };
}
