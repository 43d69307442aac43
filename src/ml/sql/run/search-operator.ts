/**
 * The SEARCH IMAGE operator: embeds the search inputs once per run (texts or images, in the
 * pool), then streams its input, appending one similarity per input to every row, batch by
 * batch (never per row). Under `ORDER BY sim DESC LIMIT k` the optimizer's TopN sits right above
 * (through a projection), so only k rows are ever held.
 */
import { boundedCache, type BoundedCache } from '../../../common/bounded-cache.js';
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { batchTick, type ExecContext } from '../../../execution/exec-context.js';
import type { PhysicalOperator } from '../../../execution/physical-operator.js';
import type { Row, Value } from '../../../types/value.js';
import type { ClipPool } from '../../inference/pool/clip-pool.js';
import { clipRuntimeOf } from '../clip-services.js';
import type { SearchPayload } from '../plan/clip-plan-nodes.js';
import { checkImagePaths, imagePolicy } from './image-paths.js';
import { scoreBatch } from './score-batch.js';
import { notice, noticeNullScores, noticeTestModel } from './statement-notices.js';

/** Text embeddings kept per pool (a rebuilt model gets a new pool), least recently used dropped first. */
const TEXT_CACHE_ENTRIES = 256;
const textCache = new WeakMap<ClipPool, BoundedCache<string, Float32Array>>();

/**
 * Embeds texts, reusing earlier results of the same pool: a model is deterministic, and a
 * repeated SEARCH text then skips the worker round trip (the text tower, for real CLIP).
 */
async function embedTextsCached(texts: readonly string[], pool: ClipPool, signal: AbortSignal): Promise<Float32Array[]> {
  let cache = textCache.get(pool);
  if (!cache) textCache.set(pool, (cache = boundedCache(TEXT_CACHE_ENTRIES)));
  const found = new Map<string, Float32Array>();
  for (const text of texts) {
    const hit = cache.get(text);
    if (hit) found.set(text, hit);
  }
  const missing = [...new Set(texts.filter((t) => !found.has(t)))];
  if (missing.length > 0) {
    const embedded = await pool.embedTexts(missing, { signal });
    // A failed batch yields fewer rows: then behave exactly as without the cache.
    if (embedded.length !== missing.length) return pool.embedTexts(texts, { signal });
    missing.forEach((text, i) => {
      found.set(text, embedded[i]!);
      cache.set(text, embedded[i]!);
    });
  }
  return texts.map((t) => found.get(t)!);
}

/**
 * The texts or image paths a run searches for: the literals, or the bound parameter's value
 * (a text, or a text[] of the length the plan was made for).
 */
export function searchInputs(payload: SearchPayload, params: readonly Value[]): readonly string[] {
  if (!payload.param) return payload.inputs;
  const { index, list } = payload.param;
  const key = `${payload.inputKind}${list ? 's' : ''}=$${index + 1}`;
  const value = params[index];
  const values = list ? value : [value];
  if (!Array.isArray(values)) throw new SqlError(SQLSTATE.InvalidParameterValue, `SEARCH IMAGE ${key} needs a text[] value`);
  if (values.length !== payload.count) {
    throw new SqlError(SQLSTATE.InvalidParameterValue,
      `SEARCH IMAGE ${key} was planned for ${payload.count} ${payload.inputKind}s, got ${values.length}`,
      { hint: 'the statement\'s columns (one similarity per element) are fixed when it is prepared; prepare it again for another length' });
  }
  return values.map((v: Value) => {
    if (typeof v !== 'string') throw new SqlError(SQLSTATE.NullValueNotAllowed, `SEARCH IMAGE ${key}: a search ${payload.inputKind} must not be NULL`);
    return v;
  });
}

/** The search inputs as one q×dim row-major matrix of normalised embeddings. */
export async function embedInputs(payload: SearchPayload, pool: ClipPool, ctx: ExecContext): Promise<Float32Array> {
  const signal = ctx.run.signal;
  const inputs = searchInputs(payload, ctx.params);
  let rows: (Float32Array | null)[];
  if (payload.inputKind === 'text') {
    rows = await embedTextsCached(inputs, pool, signal);
  } else {
    const runtime = clipRuntimeOf(ctx.run.extensions);
    const policy = imagePolicy(ctx.run.dataDir, runtime.options.allowAbsolutePaths === true);
    rows = await pool.embedImages(checkImagePaths(inputs, policy), { signal, files: policy });
  }
  const queries = new Float32Array(rows.length * pool.dim);
  rows.forEach((row, i) => {
    if (row === null) {
      throw new SqlError(SQLSTATE.UndefinedFile, `could not read search image "${inputs[i]}"`, {
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
      const q = payload.count;
      for await (const batch of input.execute(ctx)) {
        await batchTick(ctx);
        const scores = await scoreBatch(batch, payload.embeddingIndex, column, queries, q, pool.dim, pool, ctx.run.signal);
        if (scores[0]!.includes(null)) noticeNullScores(ctx, payload.similarityColumns[0]!, column);
        yield batch.map((row, r): Row => {
          const out = row.slice();
          for (let qi = 0; qi < q; qi++) out.push(scores[qi]![r]!);
          return out;
        });
      }
    },
  };
}
