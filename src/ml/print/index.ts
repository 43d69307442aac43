/**
 * PRINT IMAGE's public surface: the registration the engine calls, the gallery store the HTTP
 * server reads, and the URL helpers both sides agree on.
 */
export { registerPrintImage } from './register-print-image.js';
export {
  DEFAULT_MAX_GALLERIES, DEFAULT_MAX_GALLERY_ROWS, GalleryStore,
  type GalleryEntry, type GalleryRow,
} from './gallery-store.js';
export { HTTP_URL_SETTING, galleryUrl, imageUrl, relativeImagePath } from './image-url.js';
export { DEFAULT_IMAGE_COL, IMAGE_URL_COLUMN } from './bind-print-image.js';
export { GALLERY_SERVICE } from './physical-print-image.js';
