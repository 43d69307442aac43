/**
 * The registered models and the state of their files, for the server's start-up banner: what a
 * user sees before the first statement (ready / test model / not downloaded / missing files).
 */
import type { Store } from '../../../storage/storage-api.js';
import type { ModelRecord } from './model-record.js';
import { ModelRegistry } from './model-registry.js';
import { modelState, type ModelState } from './model-state.js';

export interface ModelSummary {
  readonly model: ModelRecord;
  readonly state: ModelState;
}

export async function describeModels(store: Store, modelsDir: string): Promise<ModelSummary[]> {
  const registry = ModelRegistry.open(store, modelsDir);
  return Promise.all(registry.list().map(async (model) => ({ model, state: await modelState(model) })));
}
