/**
 * A cursor over a token array for the hand-written recursive-descent parsers. Positions in
 * errors are 1-based offsets into the statement text; `parse()` shifts them to the whole
 * query string.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { isWord, type Token } from './lexer.js';

/** A syntax error at `tok`, or at end of input when `tok` is undefined. */
export function syntaxErrorAt(tok: Token | undefined, textLength: number): SqlError {
  if (tok === undefined) {
    return new SqlError(SQLSTATE.SyntaxError, 'syntax error at end of input', { position: textLength + 1 });
  }
  return new SqlError(SQLSTATE.SyntaxError, `syntax error at or near "${tok.text}"`, { position: tok.start + 1 });
}

/** Reads tokens[pos..end) of one statement. */
export class TokenCursor {
  pos: number;

  constructor(
    readonly tokens: readonly Token[],
    readonly text: string,
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
    let depth = 0;
    for (let i = open; i < this.end; i++) {
      const t = this.tokens[i]!;
      if (t.type !== 'punct') continue;
      if (t.text === '(' || t.text === '[') depth++;
      else if (t.text === ')' || t.text === ']') {
        depth--;
        if (depth === 0) return i;
      }
    }
    return -1;
  }

  error(tok: Token | undefined = this.peek()): SqlError {
    return syntaxErrorAt(tok, this.text.length);
  }
}
