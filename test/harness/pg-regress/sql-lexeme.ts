/**
 * One lexeme of PostgreSQL SQL text, as psql's lexer sees it: enough to know where quoted
 * text, comments and dollar quotes start and end, which is all statement splitting and the
 * runner's small analyses (top-level ORDER BY, COPY's file name) need. Not a SQL tokenizer:
 * operators come back one character at a time.
 *
 * @example
 *   readLexeme("E'a\\'b' x", 0) // { kind: 'string', end: 7 }
 */

export type LexemeKind = 'space' | 'comment' | 'string' | 'ident' | 'word' | 'number' | 'param' | 'char';

export interface Lexeme {
  readonly kind: LexemeKind;
  /** Index just past the lexeme. */
  readonly end: number;
}

const SPACE = /[ \t\n\r\f\v]+/y;
const WORD = /[A-Za-z_\u0080-\uffff][A-Za-z_0-9$\u0080-\uffff]*/y;
const NUMBER = /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;
const PARAM = /\$\d+/y;
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z_0-9\u0080-\uffff]*)?\$/y;

function matchAt(re: RegExp, text: string, pos: number): number {
  re.lastIndex = pos;
  return re.test(text) ? re.lastIndex : -1;
}

/** End of a quoted run opened at `pos` by `quote`; a doubled quote stays inside. */
function endOfQuoted(text: string, pos: number, quote: string, backslashEscapes: boolean): number {
  let i = pos + 1;
  while (i < text.length) {
    const ch = text[i];
    if (backslashEscapes && ch === '\\') i += 2;
    else if (ch === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return text.length;
}

/** End of a (nested, as PostgreSQL allows) block comment opened at `pos`. */
function endOfBlockComment(text: string, pos: number): number {
  let depth = 0;
  let i = pos;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return text.length;
}

function endOfLine(text: string, pos: number): number {
  const nl = text.indexOf('\n', pos);
  return nl < 0 ? text.length : nl;
}

/** The lexeme starting at `pos` (which must be < text.length). */
export function readLexeme(text: string, pos: number): Lexeme {
  const ch = text[pos]!;
  const next = text[pos + 1];
  let end = matchAt(SPACE, text, pos);
  if (end > 0) return { kind: 'space', end };
  if (ch === '-' && next === '-') return { kind: 'comment', end: endOfLine(text, pos) };
  if (ch === '/' && next === '*') return { kind: 'comment', end: endOfBlockComment(text, pos) };
  if (ch === "'") return { kind: 'string', end: endOfQuoted(text, pos, "'", false) };
  if (ch === '"') return { kind: 'ident', end: endOfQuoted(text, pos, '"', false) };
  // Prefixed literals: E'…' (backslash escapes), B'…' X'…' N'…', U&'…' and U&"…".
  if ((ch === 'e' || ch === 'E') && next === "'") return { kind: 'string', end: endOfQuoted(text, pos + 1, "'", true) };
  if (/[bBxXnN]/.test(ch) && next === "'") return { kind: 'string', end: endOfQuoted(text, pos + 1, "'", false) };
  if ((ch === 'u' || ch === 'U') && next === '&' && (text[pos + 2] === "'" || text[pos + 2] === '"')) {
    const quote = text[pos + 2]!;
    return { kind: quote === "'" ? 'string' : 'ident', end: endOfQuoted(text, pos + 2, quote, false) };
  }
  if (ch === '$') {
    end = matchAt(DOLLAR_TAG, text, pos);
    if (end > 0) {
      const close = text.indexOf(text.slice(pos, end), end);
      return { kind: 'string', end: close < 0 ? text.length : close + (end - pos) };
    }
    end = matchAt(PARAM, text, pos);
    if (end > 0) return { kind: 'param', end };
  }
  end = matchAt(WORD, text, pos);
  if (end > 0) return { kind: 'word', end };
  end = matchAt(NUMBER, text, pos);
  if (end > 0) return { kind: 'number', end };
  return { kind: 'char', end: pos + 1 };
}

export interface Token {
  readonly kind: LexemeKind;
  readonly text: string;
  readonly start: number;
  /** Parenthesis depth the token sits at (0 = top level of the statement). */
  readonly depth: number;
}

/** Every token of `sql` except whitespace and comments, with its parenthesis depth. */
export function sqlTokens(sql: string): Token[] {
  const out: Token[] = [];
  let depth = 0;
  for (let pos = 0; pos < sql.length;) {
    const { kind, end } = readLexeme(sql, pos);
    const text = sql.slice(pos, end);
    if (text === ')') depth = Math.max(0, depth - 1);
    if (kind !== 'space' && kind !== 'comment') out.push({ kind, text, start: pos, depth });
    if (text === '(') depth++;
    pos = end;
  }
  return out;
}
