/**
 * The HTTP folder's public surface: the gallery/image server main.ts starts beside the wire server.
 */
export { GalleryServer, type GalleryServerOptions } from './gallery-server.js';
export { startGalleryServer, type RunningGallery, type StartGalleryOptions } from './start-gallery-server.js';
export { httpBaseUrl } from './base-url.js';
