/**
 * The CLIP extension's public surface: the worker pool, model files and download, similarity,
 * PRINT IMAGE and the CLIP statements. (Sample data and the TEST model are tools/'s.)
 */
export { ClipPool, DEFAULT_IMAGE_BATCH, DEFAULT_TEXT_BATCH, type ClipPoolOptions, type EmbedOptions } from './inference/pool/clip-pool.js';
export {
  DEFAULT_MODEL_REPO, MODEL_VARIANTS, isModelVariant, modelFileList, onnxFileName, resolveModelFiles,
  type ClipModelFiles, type ModelVariant,
} from './inference/model/model-files.js';
export {
  DEFAULT_HUB_URL, fetchModel, offlineFromEnv, sha256File,
  type FetchModelOptions, type FetchModelResult, type FetchProgress,
} from './inference/model/fetch-model.js';
export type { ImageInput } from './inference/embed/preprocess.js';
export { cosineSimilarity, dotScores } from './inference/vector/similarity.js';
export { l2NormalizeRows } from './inference/embed/l2-normalize.js';
export {
  DEFAULT_IMAGE_COL, GALLERY_SERVICE, HTTP_URL_SETTING, IMAGE_URL_COLUMN, galleryUrl, imageUrl,
  registerPrintImage, relativeImagePath, type GalleryRow, type GallerySink, type PrintSource, type PrintedResult,
} from './sql/print/index.js';
export { openClipExtension, registerClipExtension, type ClipExtension } from './sql/register-clip-extension.js';
export type { ClipRuntimeOptions } from './sql/models/clip-runtime.js';
export { embeddingColumnName, similarityColumnName, TUTORIAL_MODEL, type ModelRecord } from './sql/models/model-record.js';
export { describeModels, type ModelSummary } from './sql/models/describe-models.js';
export { offlineSteps } from './sql/models/model-files-hint.js';
