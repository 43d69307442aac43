/**
 * Runs BUILD / LIST / DELETE MODEL: registry changes and one row per model touched. BUILD checks
 * the directory holds a loadable CLIP export (58P01 naming the missing files) before it registers.
 */
import { checkCancelled } from '../../execution/exec-context.js';
import type { PhysicalOperator } from '../../execution/physical-operator.js';
import type { Row } from '../../types/value.js';
import { resolveModelFiles } from '../model-files.js';
import type { ModelRecord } from '../models/model-record.js';
import { modelState } from '../models/model-state.js';
import { clipRuntimeOf } from './clip-services.js';
import type { ModelCommandPayload } from './clip-plan-nodes.js';

async function modelRow(model: ModelRecord): Promise<Row> {
  return [model.name, model.base, model.path, model.variant, await modelState(model)];
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
          if (!payload.model.fetchable) await resolveModelFiles(payload.model.path, payload.model.variant);
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
