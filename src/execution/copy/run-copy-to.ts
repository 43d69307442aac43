/** COPY t|(query) TO STDOUT [(FORMAT text|csv|binary)]: streams rows to the client, one CopyData each; tag `COPY n`. */
import type { LogicalCopyTo } from '../../planner/logical/logical-plan.js';
import type { Row } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { buildOperator } from '../physical-planner.js';
import type { CommandResult } from '../statement-api.js';
import { binaryCopyHeader, binaryCopyTrailer, binaryCopyTuple } from './binary-copy-format.js';
import { copyLineFormat } from './copy-format.js';

export async function* runCopyTo(plan: LogicalCopyTo, ctx: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  const output = plan.input.output;
  const types = output.map((c) => c.type);
  const binary = plan.options.format === 'binary';
  const channel = ctx.run.copyOut(output.length, binary ? 'binary' : 'text');
  const encoder = new TextEncoder();
  const format = binary ? undefined : copyLineFormat(plan.options, types, ctx.textOptions, new Set(plan.forceQuote));
  // PostgreSQL sends the binary header in front of the first tuple (or of the trailer), not alone.
  let header: Uint8Array | undefined = binary ? binaryCopyHeader() : undefined;
  const send = (bytes: Uint8Array) => {
    const chunk = header ? Buffer.concat([header, bytes]) : bytes;
    header = undefined;
    return channel.write(chunk);
  };
  let count = 0;
  if (format && plan.options.header) await send(encoder.encode(format.header(output.map((c) => c.name))));
  for await (const batch of buildOperator(plan.input).execute(ctx)) {
    // One CopyData per row, as PostgreSQL sends: psycopg 3's Copy.rows() parses each message as a row.
    for (const row of batch) await send(format ? encoder.encode(format.line(row)) : binaryCopyTuple(row, types));
    count += batch.length;
  }
  if (binary) await send(binaryCopyTrailer());
  channel.end();
  return { tag: `COPY ${count}` };
}
