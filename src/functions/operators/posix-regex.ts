/**
 * PostgreSQL regular expressions (ARE, a superset of POSIX ERE) translated to JavaScript
 * RegExp: bracket classes like [[:alpha:]], the word-boundary escapes \m \M \y \Y, \A and
 * \Z, and leading embedded options `(?i)`. `.` matches newlines, as in PostgreSQL's default
 * (non newline-sensitive) mode. Compiled patterns are cached.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';

const CACHE_LIMIT = 256;
const cache = new Map<string, RegExp>();

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z',
  space: '\\s', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', word: '\\w', blank: ' \\t',
  cntrl: '\\x00-\\x1f\\x7f', print: '\\x20-\\x7e', graph: '\\x21-\\x7e',
};

const ESCAPES: Readonly<Record<string, string>> = {
  m: '\\b(?=\\w)', M: '\\b(?<=\\w)', y: '\\b', Y: '\\B', A: '^', Z: '$',
};

function translateBracket(pattern: string, start: number): [string, number] {
  let i = start + 1;
  let out = '[';
  if (pattern[i] === '^') { out += '^'; i++; }
  if (pattern[i] === ']') { out += '\\]'; i++; }
  for (; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === ']') return [`${out}]`, i];
    if (ch === '[' && pattern[i + 1] === ':') {
      const end = pattern.indexOf(':]', i + 2);
      const name = end > 0 ? pattern.slice(i + 2, end) : '';
      const cls = POSIX_CLASSES[name];
      if (!cls) throw invalid('invalid character class');
      out += cls;
      i = end + 1;
    } else if (ch === '\\') {
      out += pattern.slice(i, i + 2);
      i++;
    } else if (ch === '[') out += '\\[';
    else out += ch;
  }
  throw invalid('brackets [] not balanced');
}

function invalid(reason: string): SqlError {
  return new SqlError(SQLSTATE.InvalidRegularExpression, `invalid regular expression: ${reason}`);
}

/** Translates an ARE pattern to a JavaScript source string plus flags found inline. */
export function translateRegex(pattern: string): { source: string; flags: string } {
  let flags = '';
  let body = pattern;
  const embedded = /^\(\?([a-z]+)\)/.exec(body);
  if (embedded) {
    flags = embedded[1]!;
    body = body.slice(embedded[0].length);
  }
  let source = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '[') {
      const [cls, end] = translateBracket(body, i);
      source += cls;
      i = end;
    } else if (ch === '\\') {
      const next = body[i + 1];
      if (next === undefined) throw invalid('invalid escape \\ sequence');
      source += ESCAPES[next] ?? `\\${next}`;
      i++;
    } else source += ch;
  }
  return { source, flags };
}

/** A compiled RegExp for a PostgreSQL pattern; `extraFlags` may add 'i' and 'g'. */
export function compileRegex(pattern: string, caseInsensitive: boolean, extraFlags = ''): RegExp {
  const key = `${caseInsensitive ? 'i' : 'c'}${extraFlags}\u0000${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const { source, flags } = translateRegex(pattern);
  let jsFlags = flags.includes('n') ? 'm' : 's';
  if (caseInsensitive || flags.includes('i') || extraFlags.includes('i')) jsFlags += 'i';
  if (extraFlags.includes('g')) jsFlags += 'g';
  let regexp: RegExp;
  try {
    regexp = new RegExp(source, jsFlags);
  } catch (err) {
    throw invalid((err as Error).message);
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, regexp);
  return regexp;
}

/** `text ~ pattern` / `~*`. */
export function regexMatches(text: string, pattern: string, caseInsensitive: boolean): boolean {
  const regexp = compileRegex(pattern, caseInsensitive);
  regexp.lastIndex = 0;
  return regexp.test(text);
}

/** PostgreSQL replacement text (`\1`, `\&`) as a JavaScript replacement string. */
export function translateReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i]!;
    if (ch === '$') out += '$$';
    else if (ch === '\\' && i + 1 < replacement.length) {
      const next = replacement[++i]!;
      if (/[1-9]/.test(next)) out += `$${next}`;
      else if (next === '&') out += '$&';
      else out += next;
    } else out += ch;
  }
  return out;
}
