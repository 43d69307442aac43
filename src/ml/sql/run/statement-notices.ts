/**
 * Notices the CLIP operators send: the TEST-model warning (once per statement run, even when a
 * statement nests several CLIP operators), NULL similarities (once per run) and plain NOTICE/WARNING
 * helpers.
 */
import { SQLSTATE } from '../../../common/sql-error.js';
import type { ExecContext } from '../../../execution/exec-context.js';
import type { ClipPool } from '../../inference/pool/clip-pool.js';
import type { ModelRecord } from '../models/model-record.js';

/**
 * Runs that were already told. Keyed by the run's subquery cache: the one object every nested
 * ExecContext of a statement run shares, and that dies with it.
 */
const toldTestModel = new WeakSet<object>();
const toldNullScores = new WeakSet<object>();

export function notice(ctx: ExecContext, message: string, detail?: string): void {
  ctx.run.notice({ severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, message, ...(detail ? { detail } : {}) });
}

export function warning(ctx: ExecContext, message: string, detail?: string, hint?: string): void {
  ctx.run.notice({ severity: 'WARNING', code: SQLSTATE.Warning, message, ...(detail ? { detail } : {}), ...(hint ? { hint } : {}) });
}

/** Says so when `pool` runs the generated colour TEST model rather than CLIP. */
export function noticeTestModel(ctx: ExecContext, model: ModelRecord, pool: ClipPool): void {
  if (!pool.isTestModel || toldTestModel.has(ctx.subqueryCache)) return;
  toldTestModel.add(ctx.subqueryCache);
  notice(ctx, `model "${model.name}" is the TEST model (colours only), not CLIP`,
    `${model.path} holds the generated colour TEST model; its scores rank images by colour words`);
}

/**
 * Says so (once per statement run) when a SEARCH scored rows without an embedding: their
 * similarity is NULL, and `ORDER BY … DESC` lists NULLs first — SQL's rule, kept, but named.
 */
export function noticeNullScores(ctx: ExecContext, similarityColumn: string, embeddingColumn: string): void {
  if (toldNullScores.has(ctx.subqueryCache)) return;
  toldNullScores.add(ctx.subqueryCache);
  ctx.run.notice({
    severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion,
    message: `SEARCH gave NULL similarities: some rows have no embedding in "${embeddingColumn}"`,
    detail: 'an image CONVERT could not read, or a row added after the last CONVERT',
    hint: `ORDER BY ${similarityColumn} DESC lists NULLs first (SQL's rule); write ORDER BY ${similarityColumn} DESC NULLS LAST to rank them last`,
  });
}
