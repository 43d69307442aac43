/**
 * float4/float8 text output as PostgreSQL 12+ prints it with extra_float_digits ≥ 1 (the
 * default): the shortest digits that round-trip, in %g-like layout — fixed notation when the
 * decimal exponent is in [-4, 15) for float8 and [-4, 6) for float4, else `1e+20`, `1.5e-05`.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';

/** DBL_DIG and FLT_DIG: PostgreSQL's (Ryu) thresholds for switching to exponent notation. */
const FLOAT8_FIXED_MAX_EXP = 15;
const FLOAT4_FIXED_MAX_EXP = 6;
const FIXED_MIN_EXP = -4;
/** |x| bounds of float8 fixed notation: decimal exponents FIXED_MIN_EXP … FLOAT8_FIXED_MAX_EXP - 1. */
const FLOAT8_FIXED_MIN = 1e-4;
const FLOAT8_FIXED_MAX = 1e15;
/** Enough significant digits to round-trip any float32. */
const FLOAT4_MAX_DIGITS = 9;

/** C's FLT_DIG and DBL_DIG: the significant digits `%g` output starts from when extra_float_digits ≤ 0. */
export const FLT_DIG = 6;
export const DBL_DIG = 15;

/** C's `%.{precision}g`: rounded to `precision` significant digits, trailing zeros dropped. */
function formatSignificant(x: number, precision: number): string {
  const [mantissa, exponent] = x.toExponential(precision - 1).split('e') as [string, string];
  const exp = Number(exponent);
  const trim = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
  if (exp < FIXED_MIN_EXP || exp >= precision) {
    return `${trim(mantissa)}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return trim(x.toFixed(Math.max(0, precision - 1 - exp)));
}

/** Shortest round-trip digits and decimal exponent of a finite non-zero number. */
function shortest(x: number, float4: boolean): { digits: string; exp: number } {
  let e: string;
  if (float4) {
    e = x.toExponential(FLOAT4_MAX_DIGITS - 1);
    for (let p = 1; p <= FLOAT4_MAX_DIGITS; p++) {
      const candidate = x.toExponential(p - 1);
      if (nearestFloat4(Number(candidate), candidate) === x) { e = candidate; break; }
    }
  } else {
    e = x.toExponential();
  }
  const [mantissa, exponent] = e.split('e') as [string, string];
  return { digits: mantissa.replace('-', '').replace('.', ''), exp: Number(exponent) };
}

/**
 * The text form of a float4/float8. `extraFloatDigits` is the session's extra_float_digits:
 * ≥ 1 (the default) prints the shortest round-trip digits; ≤ 0 prints as PostgreSQL's
 * `%.*g` with FLT_DIG/DBL_DIG + extra_float_digits significant digits (regression files and
 * older clients set 0 to get rounded output).
 */
export function formatFloat(x: number, float4: boolean, extraFloatDigits = 1): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  if (extraFloatDigits <= 0) return formatSignificant(x, Math.max(1, (float4 ? FLT_DIG : DBL_DIG) + extraFloatDigits));
  // In fixed range JavaScript prints float8 exactly as PostgreSQL does: the same shortest
  // round-trip digits, in fixed notation (JS switches to exponents only below 1e-6 / from 1e21).
  const abs = Math.abs(x);
  if (!float4 && abs >= FLOAT8_FIXED_MIN && abs < FLOAT8_FIXED_MAX) return String(x);
  const sign = x < 0 ? '-' : '';
  const { digits, exp } = shortest(x, float4);
  const maxExp = float4 ? FLOAT4_FIXED_MAX_EXP : FLOAT8_FIXED_MAX_EXP;
  if (exp >= FIXED_MIN_EXP && exp < maxExp) {
    if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
    if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
    return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  }
  const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const expSign = exp < 0 ? '-' : '+';
  return `${sign}${mant}e${expSign}${String(Math.abs(exp)).padStart(2, '0')}`;
}

const FLOAT_RE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** `[+-]digits[.digits]` (or `.digits`) with nothing around it: the common case, no regex needed. */
function isPlainDecimal(text: string): boolean {
  let i = text.charCodeAt(0) === 0x2d || text.charCodeAt(0) === 0x2b ? 1 : 0;
  let digits = 0;
  let dot = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits++;
    else if (c === 0x2e && !dot) dot = true;
    else return false;
  }
  return digits > 0;
}

/** Digits that hold a float32 midpoint exactly (the smallest is 2^-150: 105 significant digits). */
const MIDPOINT_DIGITS = 160;
const Exact = Decimal.clone({ precision: MIDPOINT_DIGITS });

/**
 * The float4 nearest to decimal `text`, whose nearest double is `n` (strtof's answer).
 * Math.fround(n) rounds twice, and is wrong when `n` lands exactly on the midpoint between two
 * float4 values while the decimal lies off it ('7038531e-32' is just above one): then the
 * decimal itself is compared with the midpoint.
 */
function nearestFloat4(n: number, text: string): number {
  const f = Math.fround(n);
  if (f === n || !Number.isFinite(f)) return f;
  const other = adjacentFloat4(f, n > f);
  const mid = (f + other) / 2;
  if (mid !== n) return f;
  const c = new Exact(text.trim()).cmp(exactDecimal(mid));
  return c === 0 ? f : (c > 0) === (other > f) ? other : f;
}

/** The float4 next to `f` upward or downward. */
function adjacentFloat4(f: number, up: boolean): number {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, f);
  const bits = view.getInt32(0);
  // For a positive float4 the next one up has the next bit pattern; for a negative one, the previous.
  view.setInt32(0, bits + ((f > 0) === up ? 1 : -1));
  return view.getFloat32(0);
}

/** A double's exact decimal value. */
function exactDecimal(x: number): Decimal {
  let [mantissa, exponent] = [Math.abs(x), 0];
  while (!Number.isInteger(mantissa)) [mantissa, exponent] = [mantissa * 2, exponent - 1];
  const value = new Exact(mantissa).times(new Exact(2).pow(exponent));
  return x < 0 ? value.neg() : value;
}

/** float4/float8 input: decimal, exponent, Infinity/inf, NaN; out of range → 22003. */
export function parseFloat(text: string, float4: boolean): number {
  if (isPlainDecimal(text)) {
    const n = Number(text);
    const v = float4 ? nearestFloat4(n, text) : n;
    if (Number.isFinite(v) && (v !== 0 || !/[1-9]/.test(text))) return v;
  }
  const t = text.trim();
  const typeName = float4 ? 'real' : 'double precision';
  const lower = t.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower === 'infinity' || lower === '+infinity' || lower === 'inf' || lower === '+inf') return Infinity;
  if (lower === '-infinity' || lower === '-inf') return -Infinity;
  if (!FLOAT_RE.test(t)) throw new SqlError(SQLSTATE.InvalidTextRepresentation, `invalid input syntax for type ${typeName}: "${text}"`);
  const n = Number(t);
  const v = float4 ? nearestFloat4(n, t) : n;
  // A non-zero mantissa that rounds to 0 underflowed: strtod/strtof's ERANGE, which PostgreSQL refuses.
  const underflow = v === 0 && /[1-9]/.test(t.split(/[eE]/)[0]!);
  if (!Number.isFinite(v) || underflow) {
    throw new SqlError(SQLSTATE.NumericValueOutOfRange, `"${t}" is out of range for type ${typeName}`);
  }
  return v;
}
