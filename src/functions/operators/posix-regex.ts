/**
 * PostgreSQL regular expressions (ARE, a superset of POSIX ERE) translated to JavaScript
 * RegExp: bracket classes like [[:alpha:]], the word-boundary escapes \m \M \y \Y, \A and
 * \Z, and leading embedded options `(?i)`, `(?c)`, `(?n)`, `(?x)`, `(?q)`. `.` matches
 * newlines, as in PostgreSQL's default (non newline-sensitive) mode. Compiled patterns are
 * cached.
 *
 * Linear time: V8 runs a RegExp on its backtracking engine and, with the process flag set
 * below, switches to its linear-time engine once a match backtracks too much — so
 * `repeat('a', 34) || '!' ~ '^(a+)+$'` takes milliseconds, not minutes. That engine accepts
 * no `i` flag, no look-around and no back-reference, so the translation avoids them where it
 * can: case-insensitive patterns are case-expanded (regex-case-fold.ts) and `\m` / `\M` next
 * to a word character become `\b`. Patterns that need back-references or look-ahead
 * constraints stay on the backtracking engine (decision and figures in functions/README.md).
 */
import { setFlagsFromString } from 'node:v8';
import { boundedCache } from '../../common/bounded-cache.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { classChar, foldClassChar, foldLiteral, foldRange } from './regex-case-fold.js';

// Process-wide (worker threads included); must precede the first RegExp compiled by a query.
setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');

const CACHE_LIMIT = 256;
const cache = boundedCache<string, RegExp>(CACHE_LIMIT);

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z',
  space: '\\s', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', word: '\\w', blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f', print: '\\x20-\\x7e', graph: '\\x21-\\x7e',
};

const ESCAPES: Readonly<Record<string, string>> = {
  m: '\\b(?=\\w)', M: '\\b(?<=\\w)', y: '\\b', Y: '\\B', A: '^', Z: '$',
};

const SPECIAL = /[\\^$.*+?()[\]{}|/]/;
const WORD_CHAR = /^\w$/;

function invalid(reason: string): SqlError {
  return new SqlError(SQLSTATE.InvalidRegularExpression, `invalid regular expression: ${reason}`);
}

/** Translation state: the case mode and what the result needs from the engine. */
interface Translation {
  readonly fold: boolean;
  /** A range too wide to case-expand was met: the RegExp needs the `i` flag after all. */
  needsIgnoreCase: boolean;
}

/** One bracket member as RegExp class text; `[a-c]` under folding gains `A-C`. */
function bracketMember(pattern: string, i: number, t: Translation): [string, number] {
  const ch = pattern[i]!;
  if (ch === '[' && pattern[i + 1] === ':') {
    const end = pattern.indexOf(':]', i + 2);
    const cls = end > 0 ? POSIX_CLASSES[pattern.slice(i + 2, end)] : undefined;
    if (cls === undefined) throw invalid('invalid character class');
    // [:upper:] / [:lower:] under folding match both cases, as in PostgreSQL.
    const folded = t.fold && (cls === 'A-Z' || cls === 'a-z') ? 'a-zA-Z' : cls;
    return [folded, end + 1];
  }
  if (ch === '\\') return [pattern.slice(i, i + 2), i + 1];
  const isRange = pattern[i + 1] === '-' && pattern[i + 2] !== undefined && pattern[i + 2] !== ']';
  if (isRange) {
    const to = pattern[i + 2]!;
    let out = `${classChar(ch)}-${classChar(to)}`;
    if (t.fold) {
      const extra = foldRange(ch.charCodeAt(0), to.charCodeAt(0));
      if (extra === undefined) t.needsIgnoreCase = true;
      else out += extra;
    }
    return [out, i + 2];
  }
  return [classChar(ch) + (t.fold ? foldClassChar(ch) : ''), i];
}

function translateBracket(pattern: string, start: number, t: Translation): [string, number] {
  let i = start + 1;
  let out = '[';
  if (pattern[i] === '^') { out += '^'; i++; }
  if (pattern[i] === ']') { out += '\\]'; i++; }
  for (; i < pattern.length; i++) {
    if (pattern[i] === ']') return [`${out}]`, i];
    const [member, end] = bracketMember(pattern, i, t);
    out += member;
    i = end;
  }
  throw invalid('brackets [] not balanced');
}

/** Whether the atom starting at `i` surely matches one word character (for `\m` → `\b`). */
function wordAtomAhead(body: string, i: number): boolean {
  let end = i;
  if (body[i] === '\\' && /[wd]/.test(body[i + 1] ?? '')) end = i + 2;
  else if (body[i] !== undefined && WORD_CHAR.test(body[i]!)) end = i + 1;
  else return false;
  const next = body[end];
  return next !== '*' && next !== '?' && !(next === '{' && body[end + 1] === '0');
}

/** Embedded options `(?…)` at the start of a pattern (PostgreSQL's ARE "director"). */
function leadingOptions(pattern: string): { options: string; body: string } {
  const embedded = /^\(\?([a-z]+)\)/.exec(pattern);
  if (!embedded) return { options: '', body: pattern };
  return { options: embedded[1]!, body: pattern.slice(embedded[0].length) };
}

/** Drops white space and `#` comments outside brackets (the `x` option). */
function expandedSyntax(body: string): string {
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\') { out += body.slice(i, i + 2); i++; }
    else if (ch === '[') {
      const end = body.indexOf(']', i + 2);
      const stop = end < 0 ? body.length : end + 1;
      out += body.slice(i, stop);
      i = stop - 1;
    } else if (ch === '#') {
      while (i < body.length && body[i] !== '\n') i++;
    } else if (!/\s/.test(ch)) out += ch;
  }
  return out;
}

/** The last option letter of `i` / `c` wins, as in PostgreSQL. */
function caseInsensitiveOption(options: string, fallback: boolean): boolean {
  const last = Math.max(options.lastIndexOf('i'), options.lastIndexOf('c'));
  return last < 0 ? fallback : options[last] === 'i';
}

/** The translated body, with what the RegExp needs. */
function translateBody(body: string, t: Translation): string {
  let source = '';
  // Whether the last atom surely ended with a word character (for `\M` → `\b`).
  let wordBehind = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '[') {
      const [cls, end] = translateBracket(body, i, t);
      source += cls;
      i = end;
      wordBehind = false;
    } else if (ch === '\\') {
      const next = body[i + 1];
      if (next === undefined) throw invalid('invalid escape \\ sequence');
      i++;
      if (next === 'm' && wordAtomAhead(body, i + 1)) source += '\\b';
      else if (next === 'M' && wordBehind) source += '\\b';
      else if (ESCAPES[next] !== undefined) source += ESCAPES[next];
      else if (/[a-zA-Z0-9]/.test(next)) source += `\\${next}`;
      else source += t.fold ? foldLiteral(next, `\\${next}`) : `\\${next}`;
      wordBehind = next === 'w' || next === 'd';
    } else if (ch === '*' || ch === '?') {
      source += ch;
      wordBehind = false;
    } else if (ch === '{') {
      // A bound {m}, {m,} or {m,n} keeps "ends with a word character" only when m ≥ 1.
      const end = body.indexOf('}', i);
      const stop = end < 0 ? body.length : end + 1;
      source += body.slice(i, stop);
      if (body[i + 1] === '0') wordBehind = false;
      i = stop - 1;
    } else if (SPECIAL.test(ch)) {
      source += ch === '/' ? '\\/' : ch;
      if (ch !== '+') wordBehind = false;
    } else {
      source += t.fold ? foldLiteral(ch, ch) : ch;
      wordBehind = WORD_CHAR.test(ch);
    }
  }
  return source;
}

/**
 * Translates an ARE pattern to a JavaScript source string plus the flags it needs.
 * `functionOptions` are a regexp function's flag letters; the pattern's own embedded
 * options come after them, so they win.
 */
export function translateRegex(pattern: string, caseInsensitive = false, functionOptions = ''): { source: string; flags: string } {
  const embedded = leadingOptions(pattern);
  const options = functionOptions + embedded.options;
  const raw = embedded.body;
  const fold = caseInsensitiveOption(options, caseInsensitive);
  const newlineSensitive = Math.max(options.lastIndexOf('n'), options.lastIndexOf('m')) > options.lastIndexOf('s');
  let flags = newlineSensitive ? 'm' : 's';
  if (options.includes('q')) {
    const literal = Array.from(raw, (ch) => (SPECIAL.test(ch) ? `\\${ch}` : ch)).join('');
    return { source: literal, flags: fold ? `${flags}i` : flags };
  }
  const body = options.includes('x') ? expandedSyntax(raw) : raw;
  const t: Translation = { fold, needsIgnoreCase: false };
  const source = translateBody(body, t);
  // Back-references compare captured text; only the `i` flag folds that comparison.
  if (t.needsIgnoreCase || (fold && /\\[1-9]/.test(body))) flags += 'i';
  return { source, flags };
}

/**
 * A compiled RegExp for a PostgreSQL pattern. `options` are PostgreSQL flag letters (`i`, `c`,
 * `n`, `s`, `x`, `q`) applied before the pattern's embedded ones; `global` adds JS's `g`.
 */
export function compileRegex(pattern: string, caseInsensitive: boolean, options = '', global = false): RegExp {
  const key = `${caseInsensitive ? 'i' : 'c'}${options}${global ? 'g' : ''}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const { source, flags } = translateRegex(pattern, caseInsensitive, options);
  const jsFlags = flags + (global ? 'g' : '');
  let regexp: RegExp;
  try {
    regexp = new RegExp(source, jsFlags);
  } catch (err) {
    throw invalid((err as Error).message);
  }
  cache.set(key, regexp);
  return regexp;
}

/** `text ~ pattern` / `~*`. */
export function regexMatches(text: string, pattern: string, caseInsensitive: boolean): boolean {
  const regexp = compileRegex(pattern, caseInsensitive);
  regexp.lastIndex = 0;
  return regexp.test(text);
}

/**
 * PostgreSQL's replacement text for one match (regexp.c's replace_text_regexp): `\1`–`\9` a
 * capture (empty when the pattern has fewer), `\&` the match, `\\` one backslash; any other
 * backslash, and a trailing one, stays as written (`X\Y` is `X\Y`).
 */
export function expandReplacement(replacement: string, group: (n: number) => string | undefined): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i]!;
    if (ch !== '\\' || i + 1 === replacement.length) {
      out += ch;
      continue;
    }
    const next = replacement[i + 1]!;
    if (next >= '1' && next <= '9') out += group(Number(next)) ?? '';
    else if (next === '&') out += group(0) ?? '';
    else if (next === '\\') out += '\\';
    else {
      out += '\\';
      continue;
    }
    i++;
  }
  return out;
}
