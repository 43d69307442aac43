/**
 * LIKE / ILIKE with our own matcher, never a RegExp: a pattern is split at its `%` wildcards
 * into segments (literal characters and `_`), the first segment anchored at the start, the
 * last at the end, and each middle one found leftmost after the previous. Leftmost placement
 * of a middle segment is always safe (any later match leaves less text for the rest), so the
 * matcher never backtracks: O(text × pattern) at worst, where a backtracking RegExp took
 * exponential time (`repeat('a', 3000) LIKE '%a%a%a%a%b'`). Compiled patterns are cached.
 */
import { boundedCache } from '../../common/bounded-cache.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';

const CACHE_LIMIT = 256;
const cache = boundedCache<string, LikeMatcher>(CACHE_LIMIT);

/** `_`: any one character. */
const ANY = null;
type Token = string | typeof ANY;

/** Characters (code points) of a pattern segment between two `%`. */
interface Segment {
  readonly tokens: readonly Token[];
  /** The segment as a plain string when it has no `_` (then found with indexOf). */
  readonly literal?: string;
}

/** A compiled LIKE pattern: `segments.length - 1` is the number of `%` groups. */
export type LikeMatcher = (text: string) => boolean;

function segmentOf(tokens: Token[]): Segment {
  return tokens.includes(ANY) ? { tokens } : { tokens, literal: tokens.join('') };
}

/**
 * Splits a pattern at its unescaped `%`; `escape` '' disables escaping. A pattern ending in
 * the escape character is an error only if matching reaches it (PostgreSQL: `'a' LIKE 'b\'`
 * is false), so it is reported, not thrown, here.
 */
function parsePattern(pattern: string, escape: string): { segments: Segment[]; danglingEscape: boolean } {
  const segments: Segment[] = [];
  let tokens: Token[] = [];
  const chars = Array.from(pattern);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (escape !== '' && ch === escape) {
      const next = chars[++i];
      if (next === undefined) return { segments: [...segments, segmentOf(tokens)], danglingEscape: true };
      tokens.push(next);
    } else if (ch === '%') {
      segments.push(segmentOf(tokens));
      tokens = [];
    } else if (ch === '_') tokens.push(ANY);
    else tokens.push(ch);
  }
  segments.push(segmentOf(tokens));
  return { segments, danglingEscape: false };
}

/** Whether `segment` matches `text` (as characters) at character position `at`. */
function matchesAt(text: readonly string[], at: number, segment: Segment): boolean {
  const { tokens } = segment;
  if (at + tokens.length > text.length) return false;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t !== ANY && t !== text[at + k]) return false;
  }
  return true;
}

/** Leftmost position ≥ `from` where `segment` matches, or -1. */
function findFrom(text: readonly string[], from: number, segment: Segment): number {
  for (let at = from; at + segment.tokens.length <= text.length; at++) {
    if (matchesAt(text, at, segment)) return at;
  }
  return -1;
}

/** Matching over an array of characters (a text with astral characters, or a pattern with `_`). */
function matchChars(text: readonly string[], segments: readonly Segment[]): boolean {
  const first = segments[0]!;
  if (segments.length === 1) return text.length === first.tokens.length && matchesAt(text, 0, first);
  if (!matchesAt(text, 0, first)) return false;
  let at = first.tokens.length;
  const last = segments[segments.length - 1]!;
  const end = text.length - last.tokens.length;
  for (let s = 1; s < segments.length - 1; s++) {
    const segment = segments[s]!;
    const found = findFrom(text, at, segment);
    if (found < 0 || found + segment.tokens.length > end) return false;
    at = found + segment.tokens.length;
  }
  return end >= at && matchesAt(text, end, last);
}

/** Matching on the string itself when every segment is literal (no `_`): indexOf per segment. */
function matchLiterals(text: string, literals: readonly string[]): boolean {
  const first = literals[0]!;
  if (literals.length === 1) return text === first;
  if (!text.startsWith(first)) return false;
  let at = first.length;
  const last = literals[literals.length - 1]!;
  const end = text.length - last.length;
  for (let s = 1; s < literals.length - 1; s++) {
    const found = text.indexOf(literals[s]!, at);
    if (found < 0 || found + literals[s]!.length > end) return false;
    at = found + literals[s]!.length;
  }
  return end >= at && text.endsWith(last);
}

const SURROGATE = /[\uD800-\uDFFF]/;

function compile(pattern: string, caseInsensitive: boolean, escape: string): LikeMatcher {
  if (Array.from(escape).length > 1) {
    throw new SqlError(SQLSTATE.InvalidEscapeSequence, 'invalid escape string', {
      hint: 'Escape string must be empty or one character.',
    });
  }
  // ILIKE compares lower-cased text with the lower-cased pattern, as PostgreSQL does.
  const { segments, danglingEscape } = parsePattern(caseInsensitive ? pattern.toLowerCase() : pattern,
    caseInsensitive ? escape.toLowerCase() : escape);
  if (danglingEscape) {
    // PostgreSQL errors when matching reaches the escape with text left over: the pattern
    // before it matches a prefix of the text followed by at least one more character.
    const last = segments[segments.length - 1]!;
    const prefix = compileSegments([...segments.slice(0, -1), segmentOf([...last.tokens, ANY]), { tokens: [], literal: '' }],
      caseInsensitive);
    return (text) => {
      if (prefix(text)) throw new SqlError(SQLSTATE.InvalidEscapeSequence, 'LIKE pattern must not end with escape character');
      return false;
    };
  }
  return compileSegments(segments, caseInsensitive);
}

function compileSegments(segments: readonly Segment[], caseInsensitive: boolean): LikeMatcher {
  const fold = caseInsensitive ? (s: string) => s.toLowerCase() : (s: string) => s;
  if (segments.every((s) => s.literal !== undefined)) {
    const literals = segments.map((s) => s.literal!);
    return (text) => matchLiterals(fold(text), literals);
  }
  return (text) => {
    const folded = fold(text);
    // `_` is one character: index by code point only when the text has astral characters.
    const chars = SURROGATE.test(folded) ? Array.from(folded) : (folded as unknown as readonly string[]);
    return matchChars(chars, segments);
  };
}

/** The compiled matcher for a LIKE pattern; `escape` '' disables escaping (default `\`). */
export function likeMatcher(pattern: string, caseInsensitive: boolean, escape = '\\'): LikeMatcher {
  const cacheKey = `${caseInsensitive ? 'i' : 'c'}${escape}\u0000${pattern}`;
  let matcher = cache.get(cacheKey);
  if (!matcher) {
    matcher = compile(pattern, caseInsensitive, escape);
    cache.set(cacheKey, matcher);
  }
  return matcher;
}

/** `text LIKE pattern` (NULLs are handled by the caller). */
export function like(text: string, pattern: string, caseInsensitive: boolean, escape?: string): boolean {
  return likeMatcher(pattern, caseInsensitive, escape)(text);
}
