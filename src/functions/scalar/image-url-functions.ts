/**
 * `image_url(path text) → text`: the URL at which the server's HTTP endpoint serves an image
 * path, so a BI tool (Metabase's and Superset's "Image URL" column type) or a notebook shows
 * pictures from any SELECT or view. NULL when the HTTP server is off (`thanosql.http_url` empty)
 * or the path leaves the data directory, which the endpoint would refuse anyway.
 */
import { HTTP_URL_SETTING, imageUrl, relativeImagePath } from '../../common/image-url-path.js';
import { T } from '../../types/sql-type.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

/**
 * @example
 * // thanosql.http_url = 'http://127.0.0.1:5434'
 * imageUrlOf('tutorial_data/a b.jpg', ctx) // 'http://127.0.0.1:5434/images/tutorial_data/a%20b.jpg'
 */
function imageUrlOf(path: string, ctx: EvalContext): string | null {
  const base = ctx.setting(HTTP_URL_SETTING)?.trim();
  if (!base || ctx.dataDir === undefined) return null;
  const inside = relativeImagePath(ctx.dataDir, path);
  return inside === null ? null : imageUrl(base, inside);
}

export const imageUrlFunctions: readonly ScalarFunction[] = [
  // Stable, not immutable: the result follows a setting, so it must not be folded into a cached plan.
  { name: 'image_url', overloads: [scalar([T.text], T.text, ([path], ctx) => imageUrlOf(path as string, ctx), { volatility: 'stable' })] },
];
