/**
 * The CLIP extension's public surface: the worker pool, model files and download, similarity and
 * top-k, the built-in sample data and the TEST model generator. Other folders import only this file.
 */
export { ClipPool, DEFAULT_IMAGE_BATCH, DEFAULT_TEXT_BATCH, type ClipPoolOptions, type EmbedOptions } from './pool.js';
export {
  DEFAULT_MODEL_REPO, MODEL_VARIANTS, isModelVariant, modelFileList, onnxFileName, resolveModelFiles,
  type ClipModelFiles, type ModelVariant,
} from './model-files.js';
export {
  DEFAULT_HUB_URL, fetchModel, offlineFromEnv, sha256File,
  type FetchModelOptions, type FetchModelResult, type FetchProgress,
} from './fetch-model.js';
export type { ImageInput } from './preprocess.js';
export { cosineSimilarity, dotScores } from './similarity.js';
export { topK, type Scored } from './top-k.js';
export { l2NormalizeRows } from './l2-normalize.js';
export {
  DEFAULT_SAMPLE_COUNT, SAMPLE_COLUMNS, SAMPLE_CSV, SAMPLE_DIR, ensureSampleData, makeSampleData,
  type SampleDataResult,
} from './sample/ensure-sample-data.js';
export { writeTestModel, type TestModelOptions } from './test-model/write-test-model.js';
export {
  DEFAULT_IMAGE_COL, GALLERY_SERVICE, HTTP_URL_SETTING, IMAGE_URL_COLUMN, galleryUrl, imageUrl,
  registerPrintImage, relativeImagePath, type GalleryRow, type GallerySink, type PrintSource, type PrintedResult,
} from './print/index.js';
export { openClipExtension, registerClipExtension, type ClipExtension } from './sql/register-clip-extension.js';
export type { ClipRuntimeOptions } from './models/clip-runtime.js';
export { embeddingColumnName, similarityColumnName, TUTORIAL_MODEL, type ModelRecord } from './models/model-record.js';
export { describeModels, type ModelSummary } from './models/describe-models.js';
