/**
 * to_number(text, format) as PostgreSQL 15 reads it in the C locale: the format's nodes
 * (number-format.ts, shared with to_char) are walked over the input one at a time — a digit
 * keyword takes a digit (or the decimal point, or a leading sign), `,` and G take a comma if
 * one is there, MI / PL / SG a sign, L and TH skip non-digit characters, any other character
 * of the format skips one of the input — and the digits read become a numeric of precision
 * (digit keywords + digits read after the point) and that scale, divided by 10^n for V.
 * Like PostgreSQL it is lenient: input left over when the format ends is ignored.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import { parseNumeric } from '../../types/numeric-codec.js';
import { numericMul } from '../numeric-math.js';
import { numericPower } from '../numeric-transcendental.js';
import { applyTypmod } from '../typmod.js';
import { parseNumberFormat, type FormatNode, type NumberLayout } from './number-format.js';

/** PostgreSQL stores typmods with a 4-byte header offset (VARHDRSZ). */
const VARHDRSZ = 4;
/** Characters L and TH never skip (PostgreSQL's NUM_eat_non_data_chars). */
const DATA_CHARS = '0123456789.,+-';

/** The reading state (PostgreSQL's NUMProc, to_number side). */
class NumberReader {
  pos = 0;
  sign: ' ' | '+' | '-' = ' ';
  digits = '';
  readPre = 0;
  readPost = 0;
  readDec = false;

  constructor(private readonly input: string, private readonly layout: NumberLayout) {}

  get done(): boolean {
    return this.pos >= this.input.length;
  }

  private at(offset = 0): string {
    return this.input[this.pos + offset] ?? '';
  }

  /** A digit keyword (9, 0) or the decimal point (., D). Leaves `pos` on the last character used. */
  numberPart(key: string): void {
    if (this.done) return;
    if (this.at() === ' ') this.pos++;
    if (this.done) return;
    const n = this.layout;
    if (this.sign === ' ' && (key === '9' || key === '0') && this.readPre + this.readPost === 0) {
      if (n.lsign === 'pre') {
        if (this.at() === '-' || this.at() === '+') { this.sign = this.at() as '+' | '-'; this.pos++; }
      } else if (this.at() === '-' || (n.bracket && this.at() === '<')) {
        this.sign = '-';
        this.pos++;
      } else if (this.at() === '+') {
        this.sign = '+';
        this.pos++;
      }
    }
    if (this.done) return;
    let read = false;
    const c = this.at();
    if (c >= '0' && c <= '9') {
      if (this.readDec && this.readPost === n.post) return;
      this.digits += c;
      if (this.readDec) this.readPost++;
      else this.readPre++;
      read = true;
    } else if (n.decimal && !this.readDec && c === '.') {
      this.digits += '.';
      this.readDec = true;
      read = true;
    }
    if (this.done || this.sign !== ' ' || this.readPre + this.readPost === 0) return;
    // A sign right after the digits: S after them, or MI / PL / SG read as part of the number.
    if (n.lsign !== 'none' && read && this.pos + 1 < this.input.length && !/[0-9]/.test(this.at(1))) {
      const next = this.at(1);
      if (next === '-' || next === '+') {
        this.pos++;
        this.sign = next;
      }
    } else if (!read && n.lsign === 'none' && (n.plus || n.minus) && (c === '-' || c === '+')) {
      this.sign = c;
    }
  }

  /** L and TH: skip up to `count` characters that cannot belong to the number. */
  skipNonData(count: number): void {
    for (let i = 0; i < count && !this.done && !DATA_CHARS.includes(this.at()); i++) this.pos++;
  }

  /** One format node; true when the character under `pos` was used (the caller steps past it). */
  step(node: FormatNode): boolean {
    if ('text' in node) {
      this.pos++;
      return false;
    }
    const fill = this.layout.fill;
    switch (node.key) {
      case '9': case '0': case '.': case 'D': this.numberPart(node.key); return true;
      case ',': case 'G': return !fill && this.at() === ',';
      case 'L': this.skipNonData(1); return false;
      case 'TH': case 'th':
        if (!this.layout.decimal) this.skipNonData(2);
        return false;
      case 'MI': case 'PL': case 'SG': {
        const wanted = node.key === 'MI' ? this.at() === '-' : node.key === 'PL' ? this.at() === '+' : this.at() === '-' || this.at() === '+';
        if (wanted) this.sign = this.at() as '+' | '-';
        else this.skipNonData(1);
        return wanted;
      }
      default: return false;
    }
  }
}

/** to_number(text, format); NULL for an empty format, as PostgreSQL. */
export function toNumber(input: string, format: string): Decimal | null {
  if (format.length === 0) return null;
  const { nodes, layout } = parseNumberFormat(format);
  if (layout.eeee) throw new SqlError(SQLSTATE.FeatureNotSupported, '"EEEE" not supported for input');
  if (layout.roman) throw new SqlError(SQLSTATE.FeatureNotSupported, '"RN" not supported for input');
  const reader = new NumberReader(input, layout);
  for (const node of nodes) {
    if (reader.done) break;
    if (reader.step(node)) reader.pos++;
  }
  const digits = reader.digits.endsWith('.') ? reader.digits.slice(0, -1) : reader.digits;
  const text = `${reader.sign === ' ' ? '' : reader.sign}${digits}`;
  let value: Decimal;
  try {
    value = parseNumeric(text);
  } catch {
    throw new SqlError(SQLSTATE.InvalidTextRepresentation, `invalid input syntax for type numeric: "${reader.sign}${digits}"`);
  }
  const scale = reader.readPost;
  const precision = layout.pre + layout.multi + scale;
  const typmod = ((precision << 16) | scale) + VARHDRSZ;
  const fitted = applyTypmod(value, { ...T.numeric, typmod }, true) as Decimal;
  // PostgreSQL multiplies by power(10, -n), whose scale (at least 16) the result keeps.
  return layout.multiply ? numericMul(fitted, numericPower(new Decimal(10), new Decimal(-layout.multi))) : fitted;
}
