/**
 * xid8's text input, as PostgreSQL 15's xid8in reads it: C's strtoull with base 0 and no error
 * checks — leading white space, an optional sign, `0x` for hex and a leading `0` for octal,
 * digits up to the first that does not fit, garbage read as 0 (xid.sql: "garbage values are
 * not yet rejected"), a negative number wrapped modulo 2^64, an overflow saturated at 2^64 − 1.
 * Output is the plain decimal number.
 */

const UINT64_MAX = (1n << 64n) - 1n;
const HEX = 16;
const OCTAL = 8;
const DECIMAL = 10;

/** The xid8 value `text` means to PostgreSQL 15 (never an error). */
export function parseXid8(text: string): bigint {
  let i = 0;
  while (i < text.length && /[ \t\n\v\f\r]/.test(text[i]!)) i++;
  let negative = false;
  if (text[i] === '+' || text[i] === '-') negative = text[i++] === '-';
  let base = DECIMAL;
  if (text[i] === '0' && (text[i + 1] === 'x' || text[i + 1] === 'X') && digitValue(text[i + 2], HEX) !== undefined) {
    base = HEX;
    i += 2;
  } else if (text[i] === '0') {
    base = OCTAL;
  }
  let value = 0n;
  for (let d = digitValue(text[i], base); d !== undefined; d = digitValue(text[++i], base)) {
    value = value * BigInt(base) + BigInt(d);
    if (value > UINT64_MAX) return UINT64_MAX;
  }
  return negative ? (UINT64_MAX + 1n - value) & UINT64_MAX : value;
}

function digitValue(ch: string | undefined, base: number): number | undefined {
  if (ch === undefined) return undefined;
  const d = parseInt(ch, HEX);
  return Number.isNaN(d) || d >= base ? undefined : d;
}
