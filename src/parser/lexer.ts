/**
 * The parser's one lexical scanner, PostgreSQL-flavoured: words, quoted identifiers, the string
 * forms ('…' without backslash escapes, E'…' with them, $tag$…$tag$, B'…', X'…', U&'…'),
 * numbers, `$n` parameters, operators and punctuation; comments (nested block comments) and
 * whitespace are skipped. PostgreSQL's own grammar (libpg-query) tokenizes plain SQL; this
 * scanner serves what happens around it: ThanoSQL's hand parsers, splitting a query string
 * that holds ThanoSQL statements, the nesting-depth guard, and finding source text spans
 * (CHECK expressions, view queries). Offsets are 0-based into the text given.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

export type TokenType = 'word' | 'qident' | 'string' | 'number' | 'param' | 'op' | 'punct';

/** One token; `value` is the decoded content (string body, identifier name, word as written). */
export interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** For strings: how it was quoted (`'`, `E`, `$`, `B`, `X`, `U`). */
  readonly quote?: string;
}

/** What `scan` reports: a token span, or an unterminated construct running to the end. */
export type ScanKind = TokenType | 'unterminated';

const OP_CHARS = new Set('+-*/<>=~!@#%^&|`?');
const PUNCT = new Set('(),;[]:.');

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
const isIdentChar = (c: number): boolean => isIdentStart(c) || isDigit(c) || c === 36;

/**
 * Scans `sql` and calls `visit(kind, start, end)` for each token, in order. Never throws: an
 * unterminated string, identifier or comment is reported once as `unterminated` and ends the scan.
 * `backslashStrings`: a plain '…' string takes backslash escapes (standard_conforming_strings off).
 * @example scan("a+'b'", (k, s, e) => …) // visits word [0,1), op [1,2), string [2,5)
 */
export function scan(sql: string, visit: (kind: ScanKind, start: number, end: number) => void,
  backslashStrings = false): void {
  const n = sql.length;
  let i = 0;
  while (i < n) {
    const c = sql.charCodeAt(i);
    const start = i;
    if (isSpace(c)) { i++; continue; }
    if (c === 45 /* - */ && sql.charCodeAt(i + 1) === 45) {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
      continue;
    }
    if (c === 47 /* / */ && sql.charCodeAt(i + 1) === 42 /* * */) {
      const end = blockCommentEnd(sql, i);
      if (end < 0) return visit('unterminated', start, n);
      i = end;
      continue;
    }
    const prefixed = stringPrefix(sql, i);
    if (prefixed > 0) {
      const end = quotedEnd(sql, i + prefixed, 39, (c === 69 || c === 101) && prefixed === 1);
      if (end < 0) return visit('unterminated', start, n);
      visit('string', start, (i = end));
      continue;
    }
    if (c === 39 /* ' */ || c === 34 /* " */) {
      const end = quotedEnd(sql, i, c, backslashStrings && c === 39);
      if (end < 0) return visit('unterminated', start, n);
      visit(c === 39 ? 'string' : 'qident', start, (i = end));
      continue;
    }
    if (c === 36 /* $ */) {
      const tag = dollarTag(sql, i);
      if (tag !== undefined) {
        const close = sql.indexOf(tag, i + tag.length);
        if (close < 0) return visit('unterminated', start, n);
        visit('string', start, (i = close + tag.length));
        continue;
      }
      if (isDigit(sql.charCodeAt(i + 1))) {
        i++;
        while (i < n && isDigit(sql.charCodeAt(i))) i++;
        visit('param', start, i);
        continue;
      }
    }
    if (isDigit(c) || (c === 46 /* . */ && isDigit(sql.charCodeAt(i + 1)))) {
      visit('number', start, (i = numberEnd(sql, i)));
      continue;
    }
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentChar(sql.charCodeAt(i))) i++;
      visit('word', start, i);
      continue;
    }
    if (c === 58 /* : */ && sql.charCodeAt(i + 1) === 58) {
      visit('op', start, (i += 2));
      continue;
    }
    const ch = sql[i]!;
    if (PUNCT.has(ch)) {
      visit('punct', start, ++i);
      continue;
    }
    if (OP_CHARS.has(ch)) {
      i++;
      while (i < n && OP_CHARS.has(sql[i]!) && !sql.startsWith('--', i) && !sql.startsWith('/*', i)) i++;
      visit('op', start, i);
      continue;
    }
    // Any other character is a token of its own; the grammar rejects it.
    visit('op', start, ++i);
  }
}

/** Length of a string prefix (E, B, X, U&) before `'` at `i`, or 0. A prefix glued to a word is part of it. */
function stringPrefix(sql: string, i: number): number {
  if (i > 0 && isIdentChar(sql.charCodeAt(i - 1))) return 0;
  const c = sql.charCodeAt(i) | 0x20;
  if ((c === 101 || c === 98 || c === 120) && sql.charCodeAt(i + 1) === 39) return 1;
  if (c === 117 && sql.charCodeAt(i + 1) === 38 && sql.charCodeAt(i + 2) === 39) return 2;
  return 0;
}

function blockCommentEnd(sql: string, from: number): number {
  let depth = 0;
  let i = from;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) { depth++; i += 2; } else if (sql.startsWith('*/', i)) {
      depth--; i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return -1;
}

/** End (exclusive) of the quoted run opening at `from`, doubling the quote to escape it; -1 if unterminated. */
function quotedEnd(sql: string, from: number, quote: number, backslash: boolean): number {
  let i = from + 1;
  while (i < sql.length) {
    const c = sql.charCodeAt(i);
    if (backslash && c === 92) { i += 2; continue; }
    if (c === quote) {
      if (sql.charCodeAt(i + 1) === quote) { i += 2; continue; }
      return i + 1;
    }
    i++;
  }
  return -1;
}

/** `$tag$` / `$$` at `i` (not glued to a preceding word), or undefined. */
function dollarTag(sql: string, i: number): string | undefined {
  if (i > 0 && isIdentChar(sql.charCodeAt(i - 1))) return undefined;
  let j = i + 1;
  if (j < sql.length && isIdentStart(sql.charCodeAt(j)) && !isDigit(sql.charCodeAt(j))) {
    while (j < sql.length && isIdentChar(sql.charCodeAt(j)) && sql.charCodeAt(j) !== 36) j++;
  }
  return sql.charCodeAt(j) === 36 ? sql.slice(i, j + 1) : undefined;
}

function numberEnd(sql: string, from: number): number {
  let i = from;
  while (isDigit(sql.charCodeAt(i))) i++;
  if (sql.charCodeAt(i) === 46 && sql.charCodeAt(i + 1) !== 46) {
    i++;
    while (isDigit(sql.charCodeAt(i))) i++;
  }
  const e = sql.charCodeAt(i) | 0x20;
  if (e === 101) {
    const sign = sql.charCodeAt(i + 1) === 43 || sql.charCodeAt(i + 1) === 45 ? 1 : 0;
    if (isDigit(sql.charCodeAt(i + 1 + sign))) {
      i += 1 + sign;
      while (isDigit(sql.charCodeAt(i))) i++;
    }
  }
  return i;
}

/**
 * All tokens of `sql`, decoded. Throws SqlError 42601 on an unterminated string, identifier
 * or comment (PostgreSQL's messages), with a 1-based position shifted by `base`.
 */
export function tokenize(sql: string, base = 0): Token[] {
  const tokens: Token[] = [];
  scan(sql, (kind, start, end) => {
    if (kind === 'unterminated') throw unterminated(sql, start, base);
    tokens.push(decode(sql, kind, start, end, base));
  });
  return tokens;
}

function unterminated(sql: string, start: number, base: number): SqlError {
  const c = sql[start]!;
  const what = c === '"' ? 'quoted identifier' : c === '$' ? 'dollar-quoted string' : c === '/' ? '/* comment' : 'quoted string';
  const near = c === '$' ? sql.slice(start, sql.indexOf('$', start + 1) + 1) : c === '/' ? '/*' : sql.slice(start);
  return new SqlError(SQLSTATE.SyntaxError, `unterminated ${what} at or near "${near}"`, { position: base + start + 1 });
}

function decode(sql: string, type: TokenType, start: number, end: number, base: number): Token {
  const text = sql.slice(start, end);
  const at = { start: base + start, end: base + end };
  if (type === 'qident') return { type, text, value: text.slice(1, -1).replace(/""/g, '"'), ...at, quote: '"' };
  if (type === 'param') return { type, text, value: text.slice(1), ...at };
  if (type !== 'string') return { type, text, value: text, ...at };
  if (text[0] === '$') {
    const tagLength = text.indexOf('$', 1) + 1;
    return { type, text, value: text.slice(tagLength, text.length - tagLength), ...at, quote: '$' };
  }
  const prefix = text[0] === "'" ? '' : text.slice(0, text.indexOf("'")).toUpperCase();
  const body = text.slice(prefix.length + 1, -1);
  const value = prefix === 'E' ? unescapeE(body) : body.replace(/''/g, "'");
  return { type, text, value, ...at, quote: prefix === '' ? "'" : prefix[0]! };
}

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** The body of an E'…' string with its backslash escapes applied. */
function unescapeE(body: string): string {
  return body.replace(/''/g, "'").replace(/\\(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|.)/gs, (_, e: string) => {
    if (/^x/.test(e)) return String.fromCharCode(parseInt(e.slice(1), 16));
    if (/^[uU]./.test(e)) return String.fromCodePoint(parseInt(e.slice(1), 16));
    if (/^[0-7]/.test(e)) return String.fromCharCode(parseInt(e, 8));
    return ESCAPES[e] ?? e;
  });
}

/** True when `t` is the bare word `kw` (case-insensitive). */
export function isWord(t: Token | undefined, ...kws: string[]): boolean {
  return t !== undefined && t.type === 'word' && kws.includes(t.value.toUpperCase());
}

/** Index of the token closing the bracket opened at `open` (`(`/`[`), or -1. */
export function matchingClose(tokens: readonly Token[], open: number, end = tokens.length): number {
  let depth = 0;
  for (let i = open; i < end; i++) {
    const t = tokens[i]!;
    if (t.type !== 'punct') continue;
    if (t.text === '(' || t.text === '[') depth++;
    else if (t.text === ')' || t.text === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}
