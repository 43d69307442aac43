/**
 * PostgreSQL's JSON lexer (src/common/jsonapi.c), token for token: the same token boundaries,
 * so an error names the same token ("Token "1f2" is invalid.") and its CONTEXT line shows the
 * same excerpt ("JSON data, line 3: …"). json and jsonb input, json functions and jsonb_in all
 * read through it.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

export const enum JsonToken {
  Invalid, ObjectStart, ObjectEnd, ArrayStart, ArrayEnd, Comma, Colon, String, Number, True, False, Null, End,
}

/** PostgreSQL's JsonParseErrorType members that carry a message here. */
export type JsonErrorKind =
  | 'escaping-invalid' | 'escaping-required' | 'expected-end' | 'expected-array-first' | 'expected-array-next'
  | 'expected-colon' | 'expected-json' | 'expected-more' | 'expected-object-first' | 'expected-object-next'
  | 'expected-string' | 'invalid-token' | 'code-point-zero' | 'unicode-escape-format' | 'high-surrogate'
  | 'low-surrogate';

/** Where the parser was when the next token did not fit (report_parse_error's contexts). */
export type JsonParseContext = 'end' | 'value' | 'string' | 'array-start' | 'array-next' | 'object-start' | 'object-label' | 'object-next';

const EXPECTED: Readonly<Record<JsonParseContext, JsonErrorKind>> = {
  end: 'expected-end', value: 'expected-json', string: 'expected-string', 'array-start': 'expected-array-first',
  'array-next': 'expected-array-next', 'object-start': 'expected-object-first', 'object-label': 'expected-colon',
  'object-next': 'expected-object-next',
};

/** The CONTEXT excerpt is cut to fewer than this many bytes before the error (report_json_context). */
const CONTEXT_BYTES = 50;
const HIGH_SURROGATE_MIN = 0xd800;
const LOW_SURROGATE_MIN = 0xdc00;
const SURROGATE_END = 0xe000;
const SURROGATE_BASE = 0x10000;

/** JSON_ALPHANUMERIC_CHAR: letters, digits, `_` and any non-ASCII character. */
function isAlnum(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c >= 0x80;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

function utf8Length(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= HIGH_SURROGATE_MIN && c < LOW_SURROGATE_MIN ? 2 : c >= LOW_SURROGATE_MIN && c < SURROGATE_END ? 2 : 3;
  }
  return n;
}

/**
 * One pass over JSON text. `decode` (PostgreSQL's need_escapes) builds each string's value and
 * checks its \u escapes (jsonb and the json functions); json_in only validates their form.
 */
export class JsonLexer {
  token: JsonToken = JsonToken.Invalid;
  /** The current token's first character, or -1 at the end of input. */
  tokenStart = -1;
  tokenEnd = 0;
  /** The de-escaped value of the current string token (when decoding). */
  stringValue = '';
  private lineNumber = 1;
  private lineStart = 0;

  constructor(readonly text: string, readonly decode: boolean) {}

  /** The current token's source text (numbers and keywords as written). */
  lexeme(): string {
    return this.text.slice(this.tokenStart, this.tokenEnd);
  }

  /** Advances to the next token. */
  next(): void {
    const text = this.text;
    let s = this.tokenEnd;
    for (; s < text.length; s++) {
      const c = text.charCodeAt(s);
      if (c === 0x0a) {
        this.lineNumber++;
        this.lineStart = s + 1;
      } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) break;
    }
    if (s >= text.length) {
      this.tokenStart = -1;
      this.tokenEnd = s;
      this.token = JsonToken.End;
      return;
    }
    this.tokenStart = s;
    const c = text.charCodeAt(s);
    switch (c) {
      case 0x7b: this.single(s, JsonToken.ObjectStart); return;
      case 0x7d: this.single(s, JsonToken.ObjectEnd); return;
      case 0x5b: this.single(s, JsonToken.ArrayStart); return;
      case 0x5d: this.single(s, JsonToken.ArrayEnd); return;
      case 0x2c: this.single(s, JsonToken.Comma); return;
      case 0x3a: this.single(s, JsonToken.Colon); return;
      case 0x22: this.lexString(s); this.token = JsonToken.String; return;
      case 0x2d: this.lexNumber(s + 1); this.token = JsonToken.Number; return;
      default: break;
    }
    if (isDigit(c)) {
      this.lexNumber(s);
      this.token = JsonToken.Number;
      return;
    }
    // Only true, false and null remain; scan the whole word so the error names all of it.
    let p = s;
    while (p < text.length && isAlnum(text.charCodeAt(p))) p++;
    if (p === s) {
      this.tokenEnd = s + 1;
      throw this.error('invalid-token');
    }
    this.tokenEnd = p;
    const word = text.slice(s, p);
    if (word === 'true') this.token = JsonToken.True;
    else if (word === 'false') this.token = JsonToken.False;
    else if (word === 'null') this.token = JsonToken.Null;
    else throw this.error('invalid-token');
  }

  private single(s: number, token: JsonToken): void {
    this.tokenEnd = s + 1;
    this.token = token;
  }

  /** json_lex_number: `s` is after any leading minus sign. */
  private lexNumber(start: number): void {
    const text = this.text;
    const n = text.length;
    let s = start;
    let bad = false;
    if (s < n && text.charCodeAt(s) === 0x30) s++;
    else if (s < n && isDigit(text.charCodeAt(s))) while (s < n && isDigit(text.charCodeAt(s))) s++;
    else bad = true;
    if (s < n && text.charCodeAt(s) === 0x2e) {
      s++;
      if (s >= n || !isDigit(text.charCodeAt(s))) bad = true;
      else while (s < n && isDigit(text.charCodeAt(s))) s++;
    }
    if (s < n && (text.charCodeAt(s) === 0x65 || text.charCodeAt(s) === 0x45)) {
      s++;
      if (s < n && (text.charCodeAt(s) === 0x2b || text.charCodeAt(s) === 0x2d)) s++;
      if (s >= n || !isDigit(text.charCodeAt(s))) bad = true;
      else while (s < n && isDigit(text.charCodeAt(s))) s++;
    }
    // Trailing letters belong to the token (for the error message).
    for (; s < n && isAlnum(text.charCodeAt(s)); s++) bad = true;
    this.tokenEnd = s;
    if (bad) throw this.error('invalid-token');
  }

  /** json_lex_string: the token runs from the opening quote to the closing one. */
  private lexString(start: number): void {
    const text = this.text;
    const n = text.length;
    const decode = this.decode;
    let out = '';
    let runStart = start + 1;
    let high = -1;
    let s = start;
    for (;;) {
      s++;
      if (s >= n) {
        this.tokenEnd = s;
        throw this.error('invalid-token');
      }
      const c = text.charCodeAt(s);
      if (c === 0x22) break;
      if (c < 0x20) {
        this.tokenEnd = s;
        throw this.error('escaping-required');
      }
      if (c !== 0x5c) {
        if (decode && high !== -1) throw this.failAt(s, 'low-surrogate');
        continue;
      }
      if (decode) out += text.slice(runStart, s);
      s++;
      if (s >= n) {
        this.tokenEnd = s;
        throw this.error('invalid-token');
      }
      const e = text.charCodeAt(s);
      if (e === 0x75) {
        let ch = 0;
        for (let i = 1; i <= 4; i++) {
          s++;
          if (s >= n) {
            this.tokenEnd = s;
            throw this.error('invalid-token');
          }
          const h = hexValue(text.charCodeAt(s));
          if (h < 0) {
            this.tokenEnd = s + 1;
            throw this.error('unicode-escape-format');
          }
          ch = ch * 16 + h;
        }
        if (decode) {
          if (ch >= HIGH_SURROGATE_MIN && ch < LOW_SURROGATE_MIN) {
            if (high !== -1) throw this.failAt(s, 'high-surrogate');
            high = ch;
          } else if (ch >= LOW_SURROGATE_MIN && ch < SURROGATE_END) {
            if (high === -1) throw this.failAt(s, 'low-surrogate');
            out += String.fromCodePoint(SURROGATE_BASE + ((high - HIGH_SURROGATE_MIN) << 10) + (ch - LOW_SURROGATE_MIN));
            high = -1;
          } else {
            if (high !== -1) throw this.failAt(s, 'low-surrogate');
            if (ch === 0) throw this.failAt(s, 'code-point-zero');
            out += String.fromCharCode(ch);
          }
        }
      } else {
        const simple = ESCAPED[e];
        if (decode && high !== -1) throw this.failAt(s, 'low-surrogate');
        if (simple === undefined) {
          this.tokenStart = s;
          this.tokenEnd = s + 1;
          throw this.error('escaping-invalid');
        }
        if (decode) out += simple;
      }
      runStart = s + 1;
    }
    if (decode) {
      if (high !== -1) throw this.failAt(s, 'low-surrogate');
      this.stringValue = out + text.slice(runStart, s);
    }
    this.tokenEnd = s + 1;
  }

  /** An error whose excerpt ends after the character at `s` (PostgreSQL's FAIL_AT_CHAR_END). */
  private failAt(s: number, kind: JsonErrorKind): SqlError {
    const c = this.text.charCodeAt(s);
    this.tokenEnd = s + (c >= HIGH_SURROGATE_MIN && c < LOW_SURROGATE_MIN ? 2 : 1);
    return this.error(kind);
  }

  /** The error for a token that does not fit `context` (report_parse_error). */
  unexpected(context: JsonParseContext): SqlError {
    return this.error(this.token === JsonToken.End ? 'expected-more' : EXPECTED[context]);
  }

  /** json_ereport_error: 22P02 (or 22P05 for \u0000) with PostgreSQL's DETAIL and CONTEXT. */
  error(kind: JsonErrorKind): SqlError {
    const untranslatable = kind === 'code-point-zero';
    return new SqlError(untranslatable ? SQLSTATE.UntranslatableCharacter : SQLSTATE.InvalidTextRepresentation,
      untranslatable ? 'unsupported Unicode escape sequence' : 'invalid input syntax for type json',
      { detail: this.detail(kind), where: this.context() });
  }

  private detail(kind: JsonErrorKind): string {
    const token = this.tokenStart < 0 ? '' : this.text.slice(this.tokenStart, this.tokenEnd);
    switch (kind) {
      case 'escaping-invalid': return `Escape sequence "\\${token}" is invalid.`;
      case 'escaping-required':
        return `Character with value 0x${this.text.charCodeAt(this.tokenEnd).toString(16).padStart(2, '0')} must be escaped.`;
      case 'expected-end': return `Expected end of input, but found "${token}".`;
      case 'expected-array-first': return `Expected array element or "]", but found "${token}".`;
      case 'expected-array-next': return `Expected "," or "]", but found "${token}".`;
      case 'expected-colon': return `Expected ":", but found "${token}".`;
      case 'expected-json': return `Expected JSON value, but found "${token}".`;
      case 'expected-more': return 'The input string ended unexpectedly.';
      case 'expected-object-first': return `Expected string or "}", but found "${token}".`;
      case 'expected-object-next': return `Expected "," or "}", but found "${token}".`;
      case 'expected-string': return `Expected string, but found "${token}".`;
      case 'invalid-token': return `Token "${token}" is invalid.`;
      case 'code-point-zero': return '\\u0000 cannot be converted to text.';
      case 'unicode-escape-format': return '"\\u" must be followed by four hexadecimal digits.';
      case 'high-surrogate': return 'Unicode high surrogate must not follow a high surrogate.';
      case 'low-surrogate': return 'Unicode low surrogate must follow a high surrogate.';
    }
  }

  /** report_json_context: the line so far, cut to the last 50 bytes before the error. */
  private context(): string {
    const text = this.text;
    const end = Math.min(this.tokenEnd, text.length);
    let start = this.lineStart;
    let bytes = utf8Length(text, start, end);
    while (start < end && bytes >= CONTEXT_BYTES) {
      const c = text.charCodeAt(start);
      const width = c >= HIGH_SURROGATE_MIN && c < LOW_SURROGATE_MIN ? 2 : 1;
      bytes -= utf8Length(text, start, start + width);
      start += width;
    }
    if (utf8Length(text, this.lineStart, start) <= 3) start = this.lineStart;
    const prefix = start > this.lineStart ? '...' : '';
    const next = text.charCodeAt(end);
    const suffix = this.token !== JsonToken.End && end < text.length && next !== 0x0a && next !== 0x0d ? '...' : '';
    return `JSON data, line ${this.lineNumber}: ${prefix}${text.slice(start, end)}${suffix}`;
  }
}

const ESCAPED: Readonly<Record<number, string>> = {
  0x22: '"', 0x5c: '\\', 0x2f: '/', 0x62: '\b', 0x66: '\f', 0x6e: '\n', 0x72: '\r', 0x74: '\t',
};
