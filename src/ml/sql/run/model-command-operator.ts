/**
 * Runs BUILD / LIST / DELETE MODEL: registry changes and one row per model touched. BUILD checks
 * the directory holds a loadable CLIP export (58P01 naming the missing files) before it registers.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { checkCancelled } from '../../../execution/exec-context.js';
import type { PhysicalOperator } from '../../../execution/physical-operator.js';
import type { Row } from '../../../types/value.js';
import { resolveModelFiles } from '../../inference/model/model-files.js';
import type { ModelRecord } from '../models/model-record.js';
import { modelFilesHint } from '../models/model-files-hint.js';
import { modelFacts } from '../models/model-state.js';
import { clipRuntimeOf } from '../clip-services.js';
import type { ModelCommandPayload } from '../plan/clip-plan-nodes.js';

/** One row of MODEL_COLUMNS. */
async function modelRow(model: ModelRecord): Promise<Row> {
  const { state, dimension } = await modelFacts(model);
  return [model.name, model.base, model.path, model.variant, state, dimension];
}

/** A user directory must hold the export now; the 58P01 says how to fill it (no download: only the built-in model has one). */
async function checkModelFiles(model: ModelRecord): Promise<void> {
  try {
    await resolveModelFiles(model.path, model.variant);
  } catch (err) {
    if (err instanceof SqlError && err.code === SQLSTATE.UndefinedFile) throw err.with({ hint: modelFilesHint(model) });
    throw err;
  }
}

export function modelCommandOperator(payload: ModelCommandPayload, columnIds: readonly number[]): PhysicalOperator {
  return {
    columnIds,
    async *execute(ctx) {
      checkCancelled(ctx);
      const runtime = clipRuntimeOf(ctx.run.extensions);
      switch (payload.action) {
        case 'list': {
          const rows = await Promise.all(runtime.registry.list().map(modelRow));
          if (rows.length > 0) yield rows;
          return;
        }
        case 'build': {
          // Built-in weights may still be downloaded on first use; a user's directory must be complete now.
          if (!payload.model.fetchable) await checkModelFiles(payload.model);
          checkCancelled(ctx);
          const model: ModelRecord = { ...payload.model, builtAt: Date.now() };
          runtime.registry.put(model, payload.overwrite);
          await runtime.forget(model);
          yield [await modelRow(model)];
          return;
        }
        case 'delete':
          yield [await modelRow(runtime.registry.delete(payload.name))];
      }
    },
  };
}
