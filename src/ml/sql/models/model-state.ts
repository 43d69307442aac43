/**
 * What LIST MODEL says about a model's files: 'ready', 'test model' (the generated colour model,
 * never real CLIP), 'not downloaded' (built-in weights fetched on first use) or 'missing files'.
 */
import { resolveModelFiles } from '../../inference/model/model-files.js';
import type { ModelRecord } from './model-record.js';

export type ModelState = 'ready' | 'test model' | 'not downloaded' | 'missing files';

export async function modelState(model: ModelRecord): Promise<ModelState> {
  return (await modelFacts(model)).state;
}

/** The state and, when the files are there, the embedding width (config.json's projection_dim). */
export async function modelFacts(model: ModelRecord): Promise<{ state: ModelState; dimension: number | null }> {
  try {
    const files = await resolveModelFiles(model.path, model.variant);
    return { state: files.isTestModel ? 'test model' : 'ready', dimension: files.embedDim };
  } catch {
    return { state: model.fetchable ? 'not downloaded' : 'missing files', dimension: null };
  }
}
