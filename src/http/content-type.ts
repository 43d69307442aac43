/**
 * The image types the HTTP server serves, by file extension. Anything else under the data
 * directory (the LMDB store, CSVs, model files) is answered 404: the endpoint is for images.
 */
import { extname } from 'node:path';

const IMAGE_TYPES: ReadonlyMap<string, string> = new Map([
  ['.jpg', 'image/jpeg'], ['.jpeg', 'image/jpeg'], ['.png', 'image/png'],
  ['.webp', 'image/webp'], ['.gif', 'image/gif'],
]);

/** The Content-Type for an image file name, or undefined when it is not a served image type. */
export function imageContentType(fileName: string): string | undefined {
  return IMAGE_TYPES.get(extname(fileName).toLowerCase());
}
