/**
 * The CONVERT operator: reads its whole input (it must store a column before it may answer),
 * embeds each distinct image path once in the pool — batches of batch_size, progress and
 * cancellation seen after each — stores the column (convert-store.ts), then
 * returns the rows with the embedding appended. Unreadable images get NULL and one closing
 * WARNING; if none can be read the statement fails with 58P01 and writes nothing. The closing
 * NOTICE counts the images embedded and the table rows that received one; a table whose rows
 * match none of the query's paths gets a WARNING (its column would otherwise be NULL silently).
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { checkCancelled, type ExecContext } from '../../../execution/exec-context.js';
import { collectRows, inBatches, type PhysicalOperator } from '../../../execution/physical-operator.js';
import type { Row } from '../../../types/value.js';
import { clipRuntimeOf } from '../clip-services.js';
import type { ConvertPayload } from '../plan/clip-plan-nodes.js';
import { ConvertProgress } from './convert-progress.js';
import { convertTaskSize } from './convert-task-size.js';
import { storeEmbeddings, type StoredCount } from './convert-store.js';
import { checkImagePaths, imagePolicy } from './image-paths.js';
import { notice, noticeTestModel, warning } from './statement-notices.js';

/** Unreadable images named in the closing WARNING; the rest are counted. */
const NAMED_FAILURES = 5;
/** The summary's seconds are rounded to hundredths. */
const MS_PER_CENTISECOND = 10;

/** What the pool said about the model, for the column comment. */
interface ModelFacts {
  readonly dim: number;
  readonly isTestModel: boolean;
}

async function embedPaths(ctx: ExecContext, payload: ConvertPayload, paths: readonly string[],
): Promise<{ embeddings: Map<string, Float32Array | null>; progress: ConvertProgress; facts: ModelFacts }> {
  const runtime = clipRuntimeOf(ctx.run.extensions);
  const policy = imagePolicy(ctx.run.dataDir, runtime.options.allowAbsolutePaths === true);
  const files = checkImagePaths(paths, policy);
  const pool = await runtime.poolFor(payload.model, { signal: ctx.run.signal, notice: (m) => notice(ctx, m) });
  noticeTestModel(ctx, payload.model, pool);
  const taskSize = convertTaskSize(paths.length, payload.batchSize, pool.workers);
  const progress = new ConvertProgress(ctx, paths.length);
  progress.start(payload.model.name, taskSize, payload.wholeStatement && !payload.summary);
  const embeddings = new Map<string, Float32Array | null>();
  // One call for all images, so no worker waits for another between batches and each decodes its
  // next batch while the model runs; cancellation and progress are seen after every batch.
  checkCancelled(ctx);
  const rows = await pool.embedImages(files, {
    signal: ctx.run.signal, batchSize: taskSize, files: policy,
    onProgress: (done) => {
      checkCancelled(ctx);
      progress.update(done);
    },
  });
  rows.forEach((row, i) => embeddings.set(paths[i]!, row));
  return { embeddings, progress, facts: { dim: pool.dim, isTestModel: pool.isTestModel } };
}

/** The embedding column's comment, e.g. `512-d CLIP embedding of image_path by m (clipen fp32), CONVERT 2026-12-07 12:30 UTC`. */
function columnComment(payload: ConvertPayload, facts: ModelFacts): string {
  const { model } = payload;
  const kind = facts.isTestModel ? 'TEST-model (colours only, not CLIP)' : 'CLIP';
  const at = new Date().toISOString().slice(0, 16).replace('T', ' ');
  return `${facts.dim}-d ${kind} embedding of ${payload.imageColumn} by ${model.name} (${model.base} ${model.variant}), CONVERT ${at} UTC`;
}

/**
 * After storing: a table whose rows matched none of the query's image paths got nothing (it
 * may be another table than the query read); say so rather than leave a NULL column silently.
 */
function reportUnmatched(ctx: ExecContext, payload: ConvertPayload, stored: StoredCount): void {
  if (stored.rows > 0 || stored.tableRows === 0) return;
  warning(ctx, `CONVERT stored no embeddings in "${stored.table}": none of its ${stored.tableRows} rows has an image path the query returned`,
    `rows are matched by the value of column "${payload.imageColumn}"`,
    `convert the rows of "${stored.table}" itself: CONVERT USING ${payload.model.name} OPTIONS(table_name='${stored.table}') AS SELECT * FROM ${stored.table}`);
}

function reportUnreadable(ctx: ExecContext, paths: readonly string[], embeddings: ReadonlyMap<string, Float32Array | null>): void {
  const failed = paths.filter((p) => embeddings.get(p) === null);
  if (failed.length === 0) return;
  const named = failed.slice(0, NAMED_FAILURES).map((p) => `"${p}"`).join(', ');
  const more = failed.length > NAMED_FAILURES ? ` and ${failed.length - NAMED_FAILURES} more` : '';
  if (failed.length === paths.length) {
    throw new SqlError(SQLSTATE.UndefinedFile, `CONVERT could not read any of the ${paths.length} images: ${named}${more}`, {
      hint: 'image paths are resolved against the server\'s data directory; nothing was written',
    });
  }
  warning(ctx, `CONVERT could not read ${failed.length} of ${paths.length} images; their embeddings are NULL`,
    `unreadable: ${named}${more}`, 'check that the files exist under the data directory and are JPEG, PNG, WebP, GIF or TIFF');
}

export function convertOperator(payload: ConvertPayload, input: PhysicalOperator, columnIds: readonly number[]): PhysicalOperator {
  return {
    columnIds,
    async *execute(ctx) {
      const started = Date.now();
      // READ ONLY: refuse the store before embedding anything, not after (25006, as its writes would be).
      if (payload.tableName !== undefined && ctx.run.txn.readOnlyCommand !== undefined) {
        throw new SqlError(SQLSTATE.ReadOnlySqlTransaction, 'cannot execute CONVERT in a read-only transaction');
      }
      const rows = await collectRows(input, ctx);
      const paths = [...new Set(rows.map((r) => r[payload.imageIndex]).filter((p): p is string => typeof p === 'string'))];
      const { embeddings, progress, facts } = await embedPaths(ctx, payload, paths);
      reportUnreadable(ctx, paths, embeddings);
      const output = rows.map((row): Row => {
        const path = row[payload.imageIndex];
        const kept = payload.replacedIndex < 0 ? row.slice() : row.filter((_, i) => i !== payload.replacedIndex);
        kept.push(typeof path === 'string' ? embeddings.get(path) ?? null : null);
        return kept;
      });
      checkCancelled(ctx);
      const stored = payload.tableName !== undefined ? storeEmbeddings(ctx, payload, embeddings, output, columnComment(payload, facts)) : undefined;
      const embedded = [...embeddings.values()].filter((e) => e !== null).length;
      if (paths.length > 0) progress.finish(embedded, stored);
      if (stored) reportUnmatched(ctx, payload, stored);
      if (!payload.summary) return yield* inBatches(output);
      const seconds = Math.round((Date.now() - started) / MS_PER_CENTISECOND) / 100;
      yield [[payload.model.name, BigInt(output.length), BigInt(embedded), BigInt(paths.length - embedded),
        stored ? BigInt(stored.rows) : null, stored ? stored.table : null, seconds]];
    },
  };
}
