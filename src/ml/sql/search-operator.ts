/**
 * The SEARCH IMAGE operator: embeds the search inputs once per run (texts or images, in the
 * pool), then streams its input, appending one similarity per input to every row, batch by
 * batch (never per row). Under `ORDER BY sim DESC LIMIT k` the optimizer's TopN sits right above
 * (through a projection), so only k rows are ever held.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { batchTick, type ExecContext } from '../../execution/exec-context.js';
import type { PhysicalOperator } from '../../execution/physical-operator.js';
import type { Row } from '../../types/value.js';
import type { ClipPool } from '../pool.js';
import { clipRuntimeOf } from './clip-services.js';
import type { SearchPayload } from './clip-plan-nodes.js';
import { resolveImagePath } from './image-paths.js';
import { scoreBatch } from './score-batch.js';
import { notice, noticeTestModel } from './statement-notices.js';

/** The search inputs as one q×dim row-major matrix of normalised embeddings. */
async function embedInputs(payload: SearchPayload, pool: ClipPool, ctx: ExecContext): Promise<Float32Array> {
  const signal = ctx.run.signal;
  let rows: (Float32Array | null)[];
  if (payload.inputKind === 'text') {
    rows = await pool.embedTexts(payload.inputs, { signal });
  } else {
    const runtime = clipRuntimeOf(ctx.run.extensions);
    const paths = payload.inputs.map((p) => resolveImagePath(p, ctx.run.dataDir, runtime.options.allowAbsolutePaths === true));
    rows = await pool.embedImages(paths, { signal });
  }
  const queries = new Float32Array(rows.length * pool.dim);
  rows.forEach((row, i) => {
    if (row === null) {
      throw new SqlError(SQLSTATE.UndefinedFile, `could not read search image "${payload.inputs[i]}"`, {
        hint: 'image paths are relative to the data directory; the file must be a JPEG, PNG, WebP, GIF or TIFF',
      });
    }
    queries.set(row, i * pool.dim);
  });
  return queries;
}

export function searchOperator(payload: SearchPayload, input: PhysicalOperator, columnIds: readonly number[]): PhysicalOperator {
  const column = payload.embeddingColumn;
  return {
    columnIds,
    async *execute(ctx) {
      const runtime = clipRuntimeOf(ctx.run.extensions);
      const pool = await runtime.poolFor(payload.model, { signal: ctx.run.signal, notice: (m) => notice(ctx, m) });
      noticeTestModel(ctx, payload.model, pool);
      const queries = await embedInputs(payload, pool, ctx);
      const q = payload.inputs.length;
      for await (const batch of input.execute(ctx)) {
        await batchTick(ctx);
        const scores = await scoreBatch(batch, payload.embeddingIndex, column, queries, q, pool.dim, pool, ctx.run.signal);
        yield batch.map((row, r): Row => {
          const out = row.slice();
          for (let qi = 0; qi < q; qi++) out.push(scores[qi]![r]!);
          return out;
        });
      }
    },
  };
}
