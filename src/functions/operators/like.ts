/**
 * LIKE / ILIKE: translates a SQL pattern (`%`, `_`, escape character, default `\`) into an
 * anchored RegExp, cached per pattern. `%%` is simply two `%` wildcards.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';

const CACHE_LIMIT = 256;
const cache = new Map<string, RegExp>();

function escapeRegExp(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

/** The RegExp for a LIKE pattern; `escape` '' disables escaping. */
export function likeToRegExp(pattern: string, caseInsensitive: boolean, escape = '\\'): RegExp {
  const cacheKey = `${caseInsensitive ? 'i' : 'c'}${escape}\u0000${pattern}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  if (escape.length > 1) {
    throw new SqlError(SQLSTATE.InvalidEscapeSequence, 'invalid escape string', {
      hint: 'Escape string must be empty or one character.',
    });
  }
  let source = '';
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (escape !== '' && ch === escape) {
      const next = chars[++i];
      if (next === undefined) {
        throw new SqlError(SQLSTATE.InvalidEscapeSequence, 'LIKE pattern must not end with escape character');
      }
      source += escapeRegExp(next);
    } else if (ch === '%') source += '[\\s\\S]*';
    else if (ch === '_') source += '[\\s\\S]';
    else source += escapeRegExp(ch);
  }
  const regexp = new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u');
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(cacheKey, regexp);
  return regexp;
}

/** `text LIKE pattern` (NULLs are handled by the caller). */
export function like(text: string, pattern: string, caseInsensitive: boolean, escape?: string): boolean {
  return likeToRegExp(pattern, caseInsensitive, escape).test(text);
}
