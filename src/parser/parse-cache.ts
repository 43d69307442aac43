/**
 * A memo of successful parses by query text. Parsing is a pure function of the text (the
 * session's standard_conforming_strings is applied to the text before it gets here), so a
 * driver or application sending the same statement text again — the common case: a pg Pool
 * re-running the same query, a view's body read at every bind — skips the WASM grammar and the
 * converters (~0.3–0.6 ms for a nested SEARCH). Binding and planning still run for every
 * statement against its own transaction; only the AST is shared.
 *
 * Cached trees are deep-frozen: sessions on the same thread share them, so a stage that wrote
 * into an AST node would leak into every later statement with that text; frozen, such a write
 * fails at once (a TypeError in strict-mode modules) instead.
 */
import { boundedCache } from '../common/bounded-cache.js';
import type { ParsedStatement } from './ast.js';

/** Distinct texts kept per thread; an application's working set of statements is small. */
const MAX_ENTRIES = 512;
/**
 * Longer texts are parsed every time: they are mostly one-off bulk INSERTs or generated
 * statements whose trees are large and never repeat.
 */
const MAX_CACHED_CHARS = 4096;

const cache = boundedCache<string, readonly ParsedStatement[]>(MAX_ENTRIES);

/**
 * The statements of `sql`, from the cache or from `parse` (whose result is then kept, frozen).
 * Errors are never cached: a failing text throws a fresh error each time.
 * @example
 * const a = cachedParse('SELECT 1', parseStatements);
 * cachedParse('SELECT 1', parseStatements) === a // true
 */
export function cachedParse(sql: string, parse: (sql: string) => readonly ParsedStatement[]): readonly ParsedStatement[] {
  if (sql.length > MAX_CACHED_CHARS) return parse(sql);
  let parsed = cache.get(sql);
  if (!parsed) cache.set(sql, parsed = deepFreeze(parse(sql)));
  return parsed;
}

/** Freezes `value` and everything reachable from it (typed arrays' elements cannot be frozen and are left alone). */
function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
