/**
 * What LIST MODEL says about a model's files: 'ready', 'test model' (the generated colour model,
 * never real CLIP), 'not downloaded' (built-in weights fetched on first use) or 'missing files'.
 */
import { resolveModelFiles } from '../model-files.js';
import type { ModelRecord } from './model-record.js';

export type ModelState = 'ready' | 'test model' | 'not downloaded' | 'missing files';

export async function modelState(model: ModelRecord): Promise<ModelState> {
  try {
    const files = await resolveModelFiles(model.path, model.variant);
    return files.isTestModel ? 'test model' : 'ready';
  } catch {
    return model.fetchable ? 'not downloaded' : 'missing files';
  }
}
