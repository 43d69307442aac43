/**
 * What an engine thread needs of ml/: the SQL extension (CLIP statements, PRINT IMAGE and its
 * galleries) and the handle on the shared CLIP workers — without the modules only tools and the
 * CLIP workers load (sharp, ONNX Runtime, the sample-data and TEST-model writers), so an engine
 * thread starts quickly.
 */
export { openClipExtension, type ClipExtension } from './sql/register-clip-extension.js';
export { GALLERY_SERVICE, registerPrintImage, type GallerySink } from './print/index.js';
export { remotePoolRunners } from './pool/remote-pool-runner.js';
export type { PoolRunners } from './pool/pool-runner.js';
