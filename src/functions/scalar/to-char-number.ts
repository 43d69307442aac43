/**
 * to_char(number, format) as PostgreSQL 15 prints it in the C locale: the format is read into
 * nodes and a layout by number-format.ts (shared with to_number), and the number's plain digits
 * are then laid out over the nodes one keyword at a time. Its quirks are PostgreSQL's: a point with no digit left to print ends the output (C
 * wrote a NUL there), `0.5` prints as ` .5` under `9.9`, an overflow prints `#`s.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { DBL_DIG, FLT_DIG } from '../../types/float-codec.js';
import { parseNumberFormat, type FormatNode, type NumberLayout } from './number-format.js';

/** The C locale's symbols: L prints a blank (no currency symbol), G a comma. */
const CURRENCY = ' ';
const THOUSANDS = ',';
const ROMAN_MAX = 3999;
const ROMAN_WIDTH = 15;
const INT4_MAX = 2147483647;

/** The digits to lay out: sign apart, `#`s on overflow, and how many blanks lead. */
interface NumberText { digits: string; sign: '+' | '-'; preSpaces: number }

function plainDigits(text: string, layout: NumberLayout): NumberText {
  const sign = text.startsWith('-') ? '-' : '+';
  let digits = sign === '-' ? text.slice(1) : text;
  const dot = digits.indexOf('.');
  const preLen = dot >= 0 ? dot : digits.length;
  let preSpaces = 0;
  if (preLen < layout.pre) preSpaces = layout.pre - preLen;
  else if (preLen > layout.pre) digits = `${'#'.repeat(layout.pre)}.${'#'.repeat(layout.post)}`;
  return { digits, sign, preSpaces };
}

/** Scientific notation for EEEE: `d.ddde+XX`, a blank for the plus sign, `#`s for NaN/Infinity. */
function scientific(value: Decimal | number, layout: NumberLayout): string {
  const finite = typeof value === 'number' ? Number.isFinite(value) : value.isFinite();
  if (!finite) return ` ${'#'.repeat(layout.pre)}.${'#'.repeat(layout.post + 4)}`.slice(0, layout.pre + layout.post + 6);
  const text = typeof value === 'number' ? value.toExponential(layout.post) : value.toExponential(layout.post, Decimal.ROUND_HALF_UP);
  const [mantissa, exp] = text.split('e') as [string, string];
  const expDigits = exp.replace(/^[+-]/, '').padStart(2, '0');
  const body = `${mantissa}e${exp.startsWith('-') ? '-' : '+'}${expDigits}`;
  return body.startsWith('-') ? body : ` ${body}`;
}

function toRoman(n: number, lower: boolean, fill: boolean): string {
  if (!(n >= 1 && n <= ROMAN_MAX)) return '#'.repeat(ROMAN_WIDTH);
  const parts: [number, string][] = [[1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let rest = n;
  let out = '';
  for (const [v, s] of parts) while (rest >= v) { out += s; rest -= v; }
  if (lower) out = out.toLowerCase();
  return fill ? out : out.padStart(ROMAN_WIDTH);
}

function ordinalSuffix(digits: string, upper: boolean): string {
  const whole = digits.split('.')[0]!;
  const last = whole.slice(-1);
  const teen = whole.length >= 2 && whole[whole.length - 2] === '1';
  const suffix = teen ? 'th' : last === '1' ? 'st' : last === '2' ? 'nd' : last === '3' ? 'rd' : 'th';
  return upper ? suffix.toUpperCase() : suffix;
}

/** Lays the digits over the nodes (PostgreSQL's NUM_processor and NUM_numpart_to_char, to_char side). */
function layOut(nodes: readonly FormatNode[], n: NumberLayout, num: NumberText): string {
  const { digits, sign } = num;
  const outPreSpaces = num.preSpaces;
  const zeroStart = n.zeroStart > 0 ? n.zeroStart - 1 : 0;
  let bracket = n.bracket;
  let lsign = n.lsign;
  let signWrote: boolean;
  if (n.plus || n.minus) signWrote = !(n.plus && !n.minus);
  else {
    if (sign !== '-' && n.fill) bracket = false;
    signWrote = sign === '+' && n.fill && lsign === 'none';
    if (lsign === 'pre' && n.pre === n.preLsignNum) lsign = 'post';
  }
  let numCount = n.post + n.pre - 1;
  let lastRelevant = -1;
  if (n.fill && n.decimal) {
    const dot = digits.indexOf('.');
    if (dot >= 0) {
      lastRelevant = dot;
      for (let p = dot + 1; p < digits.length; p++) if (digits[p] !== '0') lastRelevant = p;
      if (n.zeroEnd > outPreSpaces) lastRelevant = Math.max(lastRelevant, n.zeroEnd - outPreSpaces);
    }
  }
  if (!signWrote && outPreSpaces === 0) numCount++;
  let out = '';
  let p = 0;
  let numCurr = 0;
  let numIn = false;
  const at = (i: number) => (i < digits.length ? digits[i]! : '\0');
  const predecSpace = () => !n.zero && p === 0 && digits[0] === '0' && n.post !== 0;
  const relevantIsDot = () => lastRelevant >= 0 && at(lastRelevant) === '.';

  const numberPart = (key: string) => {
    numIn = false;
    if (!signWrote && (numCurr >= outPreSpaces || (n.zero && zeroStart === numCurr))
      && (!predecSpace() || relevantIsDot())) {
      if (lsign === 'pre') { out += sign; signWrote = true; }
      else if (lsign === 'none' && bracket) { out += sign === '+' ? ' ' : '<'; signWrote = true; }
      else if (lsign === 'none' && sign === '+') { if (!n.fill) out += ' '; signWrote = true; }
      else if (lsign === 'none' && sign === '-') { out += '-'; signWrote = true; }
    }
    if (numCurr < outPreSpaces && (zeroStart > numCurr || !n.zero)) {
      if (!n.fill) out += ' ';
    } else if (n.zero && numCurr < outPreSpaces && zeroStart <= numCurr) {
      out += '0';
      numIn = true;
    } else {
      if (at(p) === '.') {
        if (!relevantIsDot() || n.fill) out += '.';
      } else if (lastRelevant >= 0 && p > lastRelevant && key !== '0') {
        // a trailing zero FM drops
      } else if (predecSpace()) {
        if (!n.fill) out += ' ';
        else if (relevantIsDot()) out += '0';
      } else {
        out += at(p);
        numIn = true;
      }
      if (p < digits.length) p++;
    }
    let end = numCount + (outPreSpaces ? 1 : 0) + (n.decimal ? 1 : 0);
    if (lastRelevant >= 0 && lastRelevant === p) end = numCurr;
    if (numCurr + 1 === end) {
      if (signWrote && bracket) out += sign === '+' ? ' ' : '>';
      else if (lsign === 'post') out += sign;
    }
    numCurr++;
  };

  for (const node of nodes) {
    if ('text' in node) { out += node.text; continue; }
    switch (node.key) {
      case '9': case '0': case '.': case 'D': numberPart(node.key); break;
      case ',': if (numIn) out += ','; else if (!n.fill) out += ' '; break;
      case 'G': if (numIn) out += THOUSANDS; else if (!n.fill) out += ' '; break;
      case 'L': out += CURRENCY; break;
      case 'MI': if (sign === '-') out += '-'; else if (!n.fill) out += ' '; break;
      case 'PL': if (sign === '+') out += '+'; else if (!n.fill) out += ' '; break;
      case 'SG': out += sign; break;
      case 'TH': case 'th':
        if (digits[0] === '#' || sign === '-' || n.decimal) break;
        out += ordinalSuffix(digits, node.key === 'TH');
        break;
      default: break;
    }
  }
  // C stopped at the NUL written where a point had no digit left.
  const nul = out.indexOf('\0');
  return nul >= 0 ? out.slice(0, nul) : out;
}

/** to_char(numeric or integer, format). */
export function numericToChar(value: Decimal, format: string): string {
  const { nodes, layout } = parseNumberFormat(format);
  if (layout.roman) {
    const rounded = value.isFinite() ? value.toDecimalPlaces(0, Decimal.ROUND_HALF_UP) : value;
    if (!rounded.isFinite() || rounded.abs().gt(INT4_MAX)) throw new SqlError(SQLSTATE.NumericValueOutOfRange, 'integer out of range');
    return romanNodes(nodes, rounded.toNumber(), layout);
  }
  if (layout.eeee) return scientific(value, layout);
  let v = value;
  if (layout.multiply) { v = v.times(new Decimal(10).pow(layout.multi)); layout.pre += layout.multi; }
  const text = v.isFinite() ? v.toFixed(layout.post, Decimal.ROUND_HALF_UP) : (v.isNaN() ? 'NaN' : v.isNeg() ? '-Infinity' : 'Infinity');
  return layOut(nodes, layout, plainDigits(text === '-0' || /^-0\.?0*$/.test(text) ? text.slice(1) : text, layout));
}

/** to_char(real or double precision, format): at most FLT_DIG / DBL_DIG significant digits. */
export function floatToChar(value: number, format: string, float4: boolean): string {
  const { nodes, layout } = parseNumberFormat(format);
  // rint(): halves go to the even neighbour.
  if (layout.roman) return romanNodes(nodes, Number.isFinite(value) ? new Decimal(value).toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN).toNumber() : 0, layout);
  if (layout.eeee) return scientific(value, layout);
  let v = value;
  if (layout.multiply) { v *= 10 ** layout.multi; layout.pre += layout.multi; }
  // PostgreSQL's snprintf spells the specials out; their length counts like digits below.
  const special = Number.isNaN(v) ? 'NaN' : Number.isFinite(v) ? undefined : 'Infinity';
  const maxDigits = float4 ? FLT_DIG : DBL_DIG;
  const preLen = (special ?? new Decimal(Math.abs(v)).toFixed(0)).length;
  if (preLen >= maxDigits) layout.post = 0;
  else if (preLen + layout.post > maxDigits) layout.post = maxDigits - preLen;
  const text = special ? (v < 0 ? `-${special}` : special) : new Decimal(v).toFixed(layout.post, Decimal.ROUND_HALF_EVEN);
  return layOut(nodes, layout, plainDigits(text, layout));
}

/** RN / rn: the roman numeral in place of the keyword; other keywords print nothing. */
function romanNodes(nodes: readonly FormatNode[], value: number, layout: NumberLayout): string {
  return nodes.map((node) => ('text' in node ? node.text
    : node.key === 'RN' || node.key === 'rn' ? toRoman(value, node.key === 'rn', layout.fill) : '')).join('');
}
