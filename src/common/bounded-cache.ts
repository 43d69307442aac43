/**
 * The one kind of in-process cache: at most `max` entries, the least recently used dropped first
 * (lru-cache). For memo tables of pure results — parsed LIKE / regex patterns, to_char formats,
 * jsonpaths, function bodies, SEARCH text embeddings, time zones and their offsets — where a
 * miss only costs recomputing.
 */
import { LRUCache } from 'lru-cache';

/** A bounded least-recently-used map (`get` refreshes, `set` may evict). */
export type BoundedCache<K extends {}, V extends {}> = LRUCache<K, V>;

/**
 * @example
 * const cache = boundedCache<string, RegExp>(256);
 * let re = cache.get(pattern);
 * if (!re) cache.set(pattern, (re = new RegExp(pattern)));
 */
export function boundedCache<K extends {}, V extends {}>(max: number): BoundedCache<K, V> {
  return new LRUCache<K, V>({ max });
}
