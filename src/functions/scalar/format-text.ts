/**
 * format(fmt, …): PostgreSQL's `%[position$][-][width]type` specifiers, with type s, I or L
 * and `%%`; the width may come from an argument (`*` or `*n$`), a negative one left-justifies.
 * Positions are 1-based; an unnumbered specifier takes the argument after the last one used.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { checkTextGrowth } from '../value-limits.js';
import { quoteIdent, quoteLiteral } from './string-functions.js';

/** An argument as text (NULL stays null); `index` is 0-based. */
export type FormatArgText = (index: number) => string | null;

const INT4_MAX = 2147483647;

function formatError(message: string, hint?: string): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, message, hint ? { hint } : {});
}

const unterminated = (): SqlError => formatError('unterminated format() type specifier', 'For a single "%" use "%%".');

/** A cursor over the format string that refuses to run off its end inside a specifier. */
class SpecReader {
  constructor(private readonly fmt: string, public at: number) {}
  /** The character at the cursor (a getter, so TypeScript does not narrow it across advance()). */
  get ch(): string {
    if (this.at >= this.fmt.length) throw unterminated();
    return this.fmt[this.at]!;
  }
  advance(): void {
    this.at++;
    if (this.at >= this.fmt.length) throw unterminated();
  }
  /** Digits at the cursor as a number, or undefined when there are none. */
  digits(): number | undefined {
    let n: number | undefined;
    while (this.ch >= '0' && this.ch <= '9') {
      n = (n ?? 0) * 10 + Number(this.ch);
      if (n > INT4_MAX) throw formatError('number is out of range');
      this.advance();
    }
    return n;
  }
}

interface Spec { argPos?: number; widthPos?: number; leftJustify: boolean; width: number; type: string }

function noArgumentZero(n: number): void {
  if (n === 0) throw formatError('format specifies argument 0, but arguments are numbered from 1');
}

function parseSpec(r: SpecReader): Spec {
  const spec: Spec = { leftJustify: false, width: 0, type: '' };
  const first = r.digits();
  if (first !== undefined) {
    if (r.ch !== '$') return { ...spec, width: first, type: r.ch };
    noArgumentZero(first);
    spec.argPos = first;
    r.advance();
  }
  while (r.ch === '-') { spec.leftJustify = true; r.advance(); }
  if (r.ch === '*') {
    r.advance();
    const n = r.digits();
    if (n !== undefined) {
      if ((r.ch as string) !== '$') throw formatError('width argument position must be ended by "$"');
      noArgumentZero(n);
      spec.widthPos = n;
      r.advance();
    } else spec.widthPos = 0;
  } else spec.width = r.digits() ?? 0;
  return { ...spec, type: r.ch };
}

function padded(text: string, width: number, left: boolean): string {
  // Every code point takes at most two UTF-16 units: a long text needs no count (and a
  // 300-million-character one must not be spread into an array only to learn that).
  if (text.length >= 2 * width) return text;
  const length = Array.from(text).length;
  if (length >= width) return text;
  const fill = ' '.repeat(width - length);
  return left ? text + fill : fill + text;
}

/** Formats `fmt` with `count` arguments read through `arg`. */
export function formatWithSpecifiers(fmt: string, count: number, arg: FormatArgText): string {
  let out = '';
  let last = -1;
  const take = (position: number | undefined): number => {
    last = position !== undefined && position > 0 ? position - 1 : last + 1;
    if (last >= count) throw formatError('too few arguments for format()');
    return last;
  };
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') { out += fmt[i]; continue; }
    if (i + 1 >= fmt.length) throw unterminated();
    if (fmt[i + 1] === '%') { out += '%'; i++; continue; }
    const reader = new SpecReader(fmt, i + 1);
    const spec = parseSpec(reader);
    if (!'sIL'.includes(spec.type)) {
      throw formatError(`unrecognized format() type specifier "${spec.type}"`, 'For a single "%" use "%%".');
    }
    let { width, leftJustify } = spec;
    if (spec.widthPos !== undefined) {
      const w = arg(take(spec.widthPos));
      width = w === null ? 0 : Number(w);
      if (width < 0) { leftJustify = true; width = -width; }
    }
    const value = arg(take(spec.argPos));
    let piece: string;
    if (spec.type === 's') piece = value ?? '';
    else if (spec.type === 'I') {
      if (value === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, 'null values cannot be formatted as an SQL identifier');
      piece = quoteIdent(value);
    } else piece = value === null ? 'NULL' : quoteLiteral(value);
    piece = padded(piece, width, leftJustify);
    checkTextGrowth(out.length, piece.length);
    out += piece;
    i = reader.at;
  }
  return out;
}

