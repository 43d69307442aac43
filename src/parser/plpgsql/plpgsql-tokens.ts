/**
 * The token cursor the PL/pgSQL parser walks: the parser's SQL scanner (lexer.ts) over the
 * body, with `..` (FOR's range) split out of the numbers the SQL scanner would read
 * (`1..10` scans as `1`, `.`, `.10`), and helpers to cut embedded SQL out as source text.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { tokenize, type Token } from '../lexer.js';
import type { PlSql } from './plpgsql-ast.js';

/** `1..10`: splits a number glued to a `.` into the dot and the number, so `..` is two dots. */
function splitRangeDots(tokens: readonly Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const prev = out[out.length - 1];
    if (t.type === 'number' && t.text.startsWith('.') && prev?.type === 'punct' && prev.text === '.' && prev.end === t.start) {
      out.push({ type: 'punct', text: '.', value: '.', start: t.start, end: t.start + 1 });
      out.push({ ...t, text: t.text.slice(1), value: t.value.slice(1), start: t.start + 1 });
    } else if (t.type === 'number' && t.text.endsWith('.') && t.text.length > 1) {
      out.push({ ...t, text: t.text.slice(0, -1), value: t.value.slice(0, -1), end: t.end - 1 });
      out.push({ type: 'punct', text: '.', value: '.', start: t.end - 1, end: t.end });
    } else {
      out.push(t);
    }
  }
  return out;
}

export class PlTokens {
  readonly tokens: readonly Token[];
  pos = 0;

  constructor(readonly source: string) {
    this.tokens = splitRangeDots(tokenize(source));
  }

  peek(ahead = 0): Token | undefined {
    return this.tokens[this.pos + ahead];
  }

  /** True when the token `ahead` is one of the words (case-insensitive). */
  isWord(ahead: number, ...words: string[]): boolean {
    const t = this.peek(ahead);
    return t?.type === 'word' && words.includes(t.text.toLowerCase());
  }

  isPunct(ahead: number, text: string): boolean {
    const t = this.peek(ahead);
    return (t?.type === 'punct' || t?.type === 'op') && t.text === text;
  }

  /** `:=` (scanned as `:` then `=`) or `=`, at `ahead`; the number of tokens it takes (0: none). */
  assignOp(ahead: number): number {
    if (this.isPunct(ahead, ':') && this.isPunct(ahead + 1, '=') && this.peek(ahead)!.end === this.peek(ahead + 1)!.start) return 2;
    return this.isPunct(ahead, '=') ? 1 : 0;
  }

  next(): Token {
    const t = this.tokens[this.pos];
    if (!t) throw this.error();
    this.pos++;
    return t;
  }

  /** Consumes one of `words` or fails with a syntax error. */
  expectWord(...words: string[]): string {
    if (!this.isWord(0, ...words)) throw this.error();
    return this.next().text.toLowerCase();
  }

  expectPunct(text: string): void {
    if (!this.isPunct(0, text)) throw this.error();
    this.pos++;
  }

  acceptWord(...words: string[]): boolean {
    if (!this.isWord(0, ...words)) return false;
    this.pos++;
    return true;
  }

  /** An identifier (word or quoted), lower-cased unless quoted. */
  identifier(): string {
    const t = this.peek();
    if (t?.type === 'word') { this.pos++; return t.text.toLowerCase(); }
    if (t?.type === 'qident') { this.pos++; return t.value; }
    throw this.error();
  }

  /**
   * Reads SQL up to (not including) a depth-0 `;` or one of `stopWords`; fails on an empty
   * fragment or the end of the body.
   */
  sqlUntil(stopWords: readonly string[], stopPuncts: readonly string[] = [';']): PlSql {
    const first = this.pos;
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (!t) throw this.error();
      if (depth === 0 && ((t.type === 'punct' || t.type === 'op') && stopPuncts.includes(t.text))) break;
      if (depth === 0 && t.type === 'word' && stopWords.includes(t.text.toLowerCase())) break;
      if (t.type === 'punct' && (t.text === '(' || t.text === '[')) depth++;
      if (t.type === 'punct' && (t.text === ')' || t.text === ']')) depth--;
      this.pos++;
    }
    if (this.pos === first) throw this.error();
    return this.span(first, this.pos);
  }

  /** The source text of tokens [from, to). */
  span(from: number, to: number): PlSql {
    const start = this.tokens[from]!.start;
    return { text: this.source.slice(start, this.tokens[to - 1]!.end), offset: start };
  }

  /** PostgreSQL's `syntax error at or near "…"` (or `at end of input`) for the current token. */
  error(message?: string): SqlError {
    const t = this.peek();
    const near = t ? `at or near "${t.text}"` : 'at end of input';
    return new SqlError(SQLSTATE.SyntaxError, message ?? `syntax error ${near}`,
      { where: `PL/pgSQL line ${this.lineOf(t?.start ?? this.source.length)}` });
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < this.source.length; i++) if (this.source.charCodeAt(i) === 10) line++;
    return line;
  }
}
