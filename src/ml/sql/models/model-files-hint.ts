/**
 * What to do about a model whose files are missing, as an error hint: the built-in model is
 * downloaded when the server is online; any other directory is filled by hand; and without
 * the internet, the generated TEST model (colours only, never CLIP) is the way to try things.
 */
import { dirname, join } from 'node:path';
import { DEFAULT_MODEL_REPO } from '../../inference/model/model-files.js';
import type { ModelRecord } from './model-record.js';

/** Where the offline path puts the TEST model, next to the built-in weights. */
const TEST_MODEL_DIR = 'test-clip';

/**
 * The offline way to try `model` (the built-in one): generate the TEST model beside its weights,
 * then rebind the model to it — with the server's own paths, for hints and the start-up banner.
 * @example offlineSteps(tutorialModel('/srv/models'))
 * // "npm run make-test-model -- /srv/models/test-clip, then BUILD MODEL tutorial_search_clip USING clipen OPTIONS(model_path='test-clip', overwrite=True)"
 */
export function offlineSteps(model: ModelRecord): string {
  return `npm run make-test-model -- ${join(dirname(model.path), TEST_MODEL_DIR)}, then ` +
    `BUILD MODEL ${model.name} USING ${model.base} OPTIONS(model_path='${TEST_MODEL_DIR}', overwrite=True)`;
}

/**
 * The hint for a 58P01 about `model`'s files.
 * @example modelFilesHint(tutorialModel('/srv/models'))
 * // "… offline: npm run make-test-model -- /srv/models/test-clip, then BUILD MODEL tutorial_search_clip …"
 */
export function modelFilesHint(model: ModelRecord): string {
  const byHand = `put a CLIP ONNX export (https://huggingface.co/${DEFAULT_MODEL_REPO}/tree/main, with its onnx/ folder) in ${model.path}`;
  if (!model.fetchable) {
    return `${byHand}; or, to try without real weights, generate the TEST model there (colours only, not CLIP): npm run make-test-model -- ${model.path}`;
  }
  return `the server downloads them on first use when it can reach the hub, or ${byHand}; ` +
    `offline, use the TEST model (colours only, not CLIP): ${offlineSteps(model)}`;
}
