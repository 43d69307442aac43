/**
 * PRINT IMAGE's public surface: the registration the engine calls, the sink interface its
 * galleries go to (http/ implements it), and the URL helpers both sides agree on.
 */
export { registerPrintImage } from './register-print-image.js';
export type { GalleryRow, GallerySink, PrintSource, PrintedResult } from '../../../common/gallery-sink.js';
export { HTTP_URL_SETTING, galleryUrl, imageUrl, relativeImagePath } from './image-url.js';
export { DEFAULT_IMAGE_COL, IMAGE_URL_COLUMN } from './bind-print-image.js';
export { GALLERY_SERVICE } from './physical-print-image.js';
