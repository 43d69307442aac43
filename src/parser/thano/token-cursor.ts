/**
 * A cursor over the tokens of one ThanoSQL statement for the hand-written recursive-descent
 * parsers. Token offsets are absolute (into the whole query string), so errors carry
 * PostgreSQL's 1-based position directly; "end of input" is the end of the statement.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { isWord, matchingClose, type Token } from '../lexer.js';

/** A syntax error at `tok`, or at end of input (`inputEnd`, an absolute offset) when `tok` is undefined. */
export function syntaxErrorAt(tok: Token | undefined, inputEnd: number): SqlError {
  if (tok === undefined) {
    return new SqlError(SQLSTATE.SyntaxError, 'syntax error at end of input', { position: inputEnd + 1 });
  }
  return new SqlError(SQLSTATE.SyntaxError, `syntax error at or near "${tok.text}"`, { position: tok.start + 1 });
}

/** Reads tokens[pos..end) of one statement. */
export class TokenCursor {
  pos: number;

  constructor(
    readonly tokens: readonly Token[],
    /** Absolute offset where the statement's text ends (for "at end of input"). */
    readonly inputEnd: number,
    pos = 0,
    readonly end = tokens.length,
  ) {
    this.pos = pos;
  }

  peek(k = 0): Token | undefined {
    return this.pos + k < this.end ? this.tokens[this.pos + k] : undefined;
  }

  atEnd(): boolean {
    return this.pos >= this.end;
  }

  next(): Token {
    const t = this.peek();
    if (t === undefined) throw this.error();
    this.pos++;
    return t;
  }

  isWord(...kws: string[]): boolean {
    return isWord(this.peek(), ...kws);
  }

  acceptWord(...kws: string[]): boolean {
    if (!this.isWord(...kws)) return false;
    this.pos++;
    return true;
  }

  expectWord(...kws: string[]): string {
    if (!this.isWord(...kws)) throw this.error();
    return this.next().value.toUpperCase();
  }

  isPunct(p: string): boolean {
    const t = this.peek();
    return t !== undefined && (t.type === 'punct' || t.type === 'op') && t.text === p;
  }

  acceptPunct(p: string): boolean {
    if (!this.isPunct(p)) return false;
    this.pos++;
    return true;
  }

  expectPunct(p: string): void {
    if (!this.acceptPunct(p)) throw this.error();
  }

  /** An identifier: bare words fold to lower case, quoted ones keep their case. */
  ident(): string {
    const t = this.peek();
    if (t?.type === 'word') { this.pos++; return t.value.toLowerCase(); }
    if (t?.type === 'qident') { this.pos++; return t.value; }
    throw this.error();
  }

  /** `a` or `a.b`; returns the last part and the schema if present. */
  qualifiedName(): { schema?: string; name: string } {
    const first = this.ident();
    if (this.acceptPunct('.')) return { schema: first, name: this.ident() };
    return { name: first };
  }

  /** Fails unless every token was consumed. */
  expectEnd(): void {
    if (!this.atEnd()) throw this.error();
  }

  /** Index of the `)` matching the `(` at `open`, or -1. */
  matchParen(open: number): number {
    return matchingClose(this.tokens, open, this.end);
  }

  error(tok: Token | undefined = this.peek()): SqlError {
    return syntaxErrorAt(tok, this.inputEnd);
  }
}
