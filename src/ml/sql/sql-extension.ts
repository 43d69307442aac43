/**
 * What an engine thread needs of ml/: the SQL extensions (CLIP statements, PRINT IMAGE and its
 * galleries) and the handle on the shared CLIP workers — without the modules only tools and the
 * CLIP workers load (sharp, ONNX Runtime, the sample-data and TEST-model writers), so an engine
 * thread starts quickly.
 */
export { clipExtension, printImageExtension, type ClipExtensionOptions } from './engine-extensions.js';
export { GALLERY_SERVICE, type GallerySink } from './print/index.js';
export { remotePoolRunners } from '../inference/pool/remote-pool-runner.js';
export type { PoolRunners } from '../inference/pool/pool-runner.js';
