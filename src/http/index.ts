/**
 * The HTTP folder's public surface: the gallery/image server main.ts starts beside the wire
 * server, and the gallery store PRINT IMAGE writes to (through common/'s GallerySink interface).
 */
export { GalleryServer, type GalleryServerOptions } from './gallery-server.js';
export { startGalleryServer, type RunningGallery, type StartGalleryOptions } from './start-gallery-server.js';
export { httpBaseUrl } from './base-url.js';
export { DEFAULT_MAX_GALLERIES, DEFAULT_MAX_GALLERY_ROWS, GalleryStore, type GalleryEntry } from './gallery-store.js';
export type { GalleryModel } from './gallery-model.js';
export { GallerySearch, type GallerySearchConnection, type GallerySearchRequest } from './gallery-search.js';
