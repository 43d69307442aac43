/**
 * The URLs PRINT IMAGE hands out: images (shared with the `image_url(path)` SQL function, in
 * common/image-url-path.ts) and gallery pages.
 */
export { HTTP_URL_SETTING, imageUrl, relativeImagePath } from '../../../common/image-url-path.js';

/** `<base>/gallery/<id>`. */
export function galleryUrl(baseUrl: string, id: string): string {
  return `${baseUrl}/gallery/${encodeURIComponent(id)}`;
}
