/**
 * numeric in text and binary form. decimal.js drops trailing zeros (`new Decimal('1.50')`
 * prints 1.5), but PostgreSQL keeps each value's display scale (dscale). Convention: a Decimal
 * may carry its dscale as an own property `dscale` (set with `withScale`); `scaleOf` falls back
 * to the column's typmod, then to the digits the value actually has.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { numericTypmodScale } from './numeric-typmod.js';
import type { SqlType } from './sql-type.js';

type ScaledDecimal = Decimal & { dscale?: number };

/** PostgreSQL's numeric binary sign words. */
const NUMERIC_POS = 0x0000;
const NUMERIC_NEG = 0x4000;
const NUMERIC_NAN = 0xc000;
const NUMERIC_PINF = 0xd000;
const NUMERIC_NINF = 0xf000;
/** numeric stores base-10000 digits: 4 decimal digits each. */
const DEC_DIGITS = 4;
const NBASE = 10000;
/** typmod = ((precision << 16) | scale) + VARHDRSZ. */
const VARHDRSZ = 4;

/** Marks `d` with a display scale; returns `d` (a fresh Decimal is expected). */
export function withScale(d: Decimal, scale: number): Decimal {
  (d as ScaledDecimal).dscale = scale;
  return d;
}

/** The display scale: the value's own dscale, else numeric(p,s)'s s, else its digits. */
export function scaleOf(d: Decimal, type?: SqlType): number {
  const own = (d as ScaledDecimal).dscale;
  if (own !== undefined) return own;
  if (type && type.typmod >= VARHDRSZ) return Math.max(numericTypmodScale(type.typmod), 0);
  return d.isFinite() ? d.decimalPlaces() : 0;
}

export function formatNumeric(d: Decimal, type?: SqlType): string {
  if (d.isNaN()) return 'NaN';
  if (!d.isFinite()) return d.isNegative() ? '-Infinity' : 'Infinity';
  return d.toFixed(scaleOf(d, type));
}

const NUMERIC_RE = /^\s*([+-]?)(\d+\.?\d*|\.\d+)(?:[eE]([+-]?\d+))?\s*$/;

/** Parses numeric input text, keeping the written scale (`1.50` → dscale 2). */
export function parseNumeric(text: string): Decimal {
  const t = text.trim().toLowerCase();
  if (t === 'nan') return new Decimal(NaN);
  if (t === 'infinity' || t === '+infinity' || t === 'inf' || t === '+inf') return new Decimal(Infinity);
  if (t === '-infinity' || t === '-inf') return new Decimal(-Infinity);
  const m = NUMERIC_RE.exec(text);
  if (!m) throw new SqlError(SQLSTATE.InvalidTextRepresentation, `invalid input syntax for type numeric: "${text}"`);
  const frac = m[2]!.includes('.') ? m[2]!.split('.')[1]!.length : 0;
  const exp = m[3] ? Number(m[3]) : 0;
  return withScale(new Decimal(text.trim()), Math.max(0, frac - exp));
}

/** Binary numeric: ndigits, weight, sign, dscale, then base-10000 digits (int16 each). */
export function encodeNumericBinary(d: Decimal, type?: SqlType): Uint8Array {
  const header = (ndigits: number, weight: number, sign: number, dscale: number) => {
    const b = Buffer.alloc(8 + ndigits * 2);
    b.writeInt16BE(ndigits, 0); b.writeInt16BE(weight, 2); b.writeUInt16BE(sign, 4); b.writeInt16BE(dscale, 6);
    return b;
  };
  if (d.isNaN()) return header(0, 0, NUMERIC_NAN, 0);
  if (!d.isFinite()) return header(0, 0, d.isNegative() ? NUMERIC_NINF : NUMERIC_PINF, 0);
  const dscale = scaleOf(d, type);
  const [intPart, fracPart = ''] = d.abs().toFixed(dscale).split('.') as [string, string?];
  // Align on the decimal point: pad the integer part on the left, the fraction on the right.
  const intPadded = intPart.padStart(Math.ceil(intPart.length / DEC_DIGITS) * DEC_DIGITS, '0');
  const fracPadded = fracPart.padEnd(Math.ceil(fracPart.length / DEC_DIGITS) * DEC_DIGITS, '0');
  const groups: number[] = [];
  for (let i = 0; i < intPadded.length; i += DEC_DIGITS) groups.push(Number(intPadded.slice(i, i + DEC_DIGITS)));
  for (let i = 0; i < fracPadded.length; i += DEC_DIGITS) groups.push(Number(fracPadded.slice(i, i + DEC_DIGITS)));
  let weight = intPadded.length / DEC_DIGITS - 1;
  let start = 0;
  while (start < groups.length && groups[start] === 0) { start++; weight--; }
  let end = groups.length;
  while (end > start && groups[end - 1] === 0) end--;
  const digits = groups.slice(start, end);
  if (digits.length === 0) weight = 0;
  const b = header(digits.length, weight, d.isNegative() && digits.length > 0 ? NUMERIC_NEG : NUMERIC_POS, dscale);
  digits.forEach((g, i) => b.writeInt16BE(g, 8 + i * 2));
  return b;
}

export function decodeNumericBinary(bytes: Uint8Array): Decimal {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length < 8) throw new SqlError(SQLSTATE.InvalidBinaryRepresentation, 'insufficient data left in message');
  const ndigits = b.readInt16BE(0);
  const weight = b.readInt16BE(2);
  const sign = b.readUInt16BE(4);
  const dscale = b.readInt16BE(6);
  if (ndigits < 0 || b.length !== 8 + ndigits * 2) throw badBinary('length');
  if (sign === NUMERIC_NAN) return new Decimal(NaN);
  if (sign === NUMERIC_PINF) return new Decimal(Infinity);
  if (sign === NUMERIC_NINF) return new Decimal(-Infinity);
  if (sign !== NUMERIC_POS && sign !== NUMERIC_NEG) throw badBinary('sign');
  // A negative or oversized display scale would reach toFixed() as a RangeError (XX000).
  if (dscale < 0 || dscale > NUMERIC_DSCALE_MAX) throw badBinary('scale');
  let value = new Decimal(0);
  for (let i = 0; i < ndigits; i++) {
    const g = b.readInt16BE(8 + i * 2);
    if (g < 0 || g >= NBASE) throw badBinary('digit');
    value = value.plus(new Decimal(g).times(new Decimal(NBASE).pow(weight - i)));
  }
  return withScale(sign === NUMERIC_NEG ? value.negated() : value, dscale);
}

/** PostgreSQL's numeric_recv limit on the display scale. */
const NUMERIC_DSCALE_MAX = 0x3fff;

/** 22P03 worded as PostgreSQL's numeric_recv: `invalid scale in external "numeric" value`. */
function badBinary(what: 'length' | 'sign' | 'scale' | 'digit'): SqlError {
  return new SqlError(SQLSTATE.InvalidBinaryRepresentation, `invalid ${what} in external "numeric" value`);
}
