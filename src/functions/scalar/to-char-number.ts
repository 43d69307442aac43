/**
 * to_char(number, format) as PostgreSQL 15 prints it in the C locale: the format is read into
 * keyword and literal nodes (`9 0 . D , G S MI PL SG PR FM L TH B V EEEE RN`, "quoted" text,
 * `\"`), a description (digits before/after the point, sign placement, fill mode) is drawn from
 * the keywords, and the number's plain digits are then laid out over the nodes one keyword at a
 * time. Its quirks are PostgreSQL's: a point with no digit left to print ends the output (C
 * wrote a NUL there), `0.5` prints as ` .5` under `9.9`, an overflow prints `#`s.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { DBL_DIG, FLT_DIG } from '../../types/float-codec.js';

/** The numeric keywords, longest first where they share a first letter (PostgreSQL's table order). */
const KEYWORDS = [',', '.', '0', '9', 'B', 'C', 'D', 'EEEE', 'FM', 'G', 'L', 'MI', 'PL', 'PR', 'RN', 'SG', 'SP', 'S', 'TH', 'V',
  'b', 'c', 'd', 'eeee', 'fm', 'g', 'l', 'mi', 'pl', 'pr', 'rn', 'sg', 'sp', 's', 'th', 'v'] as const;

type FormatNode = { readonly key: string } | { readonly text: string };

/** What the keywords say about the layout (PostgreSQL's NUMDesc). */
interface NumberLayout {
  pre: number;
  post: number;
  multi: number;
  zeroStart: number;
  zeroEnd: number;
  decimal: boolean;
  zero: boolean;
  fill: boolean;
  bracket: boolean;
  minus: boolean;
  plus: boolean;
  lsign: 'none' | 'pre' | 'post';
  preLsignNum: number;
  roman: boolean;
  multiply: boolean;
  eeee: boolean;
}

/** The C locale's symbols: L prints a blank (no currency symbol), G a comma. */
const CURRENCY = ' ';
const THOUSANDS = ',';
const ROMAN_MAX = 3999;
const ROMAN_WIDTH = 15;
const INT4_MAX = 2147483647;

function formatError(message: string): SqlError {
  return new SqlError(SQLSTATE.SyntaxError, message);
}

/** Reads the format into nodes and the layout, with PostgreSQL's errors for impossible combinations. */
function parseNumberFormat(format: string): { nodes: FormatNode[]; layout: NumberLayout } {
  const layout: NumberLayout = { pre: 0, post: 0, multi: 0, zeroStart: 0, zeroEnd: 0, decimal: false, zero: false,
    fill: false, bracket: false, minus: false, plus: false, lsign: 'none', preLsignNum: 0, roman: false, multiply: false, eeee: false };
  const nodes: FormatNode[] = [];
  let i = 0;
  while (i < format.length) {
    const key = KEYWORDS.find((k) => format.startsWith(k, i));
    if (key) {
      describe(layout, key.toUpperCase());
      nodes.push({ key: key === 'th' || key === 'rn' ? key : key.toUpperCase() });
      i += key.length;
    } else if (format[i] === '"') {
      for (i++; i < format.length; i++) {
        if (format[i] === '"') { i++; break; }
        if (format[i] === '\\' && i + 1 < format.length) i++;
        nodes.push({ text: format[i]! });
      }
    } else {
      // Outside quotes a backslash only escapes a double quote.
      if (format[i] === '\\' && format[i + 1] === '"') i++;
      nodes.push({ text: format[i]! });
      i++;
    }
  }
  return { nodes, layout };
}

function describe(n: NumberLayout, key: string): void {
  if (n.eeee && key !== 'EEEE') throw formatError('"EEEE" must be the last pattern used');
  switch (key) {
    case '9':
      if (n.bracket) throw formatError('"9" must be ahead of "PR"');
      if (n.multiply) n.multi++;
      else if (n.decimal) n.post++;
      else n.pre++;
      break;
    case '0':
      if (n.bracket) throw formatError('"0" must be ahead of "PR"');
      if (!n.zero && !n.decimal) { n.zero = true; n.zeroStart = n.pre + 1; }
      if (!n.decimal) n.pre++;
      else n.post++;
      n.zeroEnd = n.pre + n.post;
      break;
    case 'D': case '.':
      if (n.decimal) throw formatError('multiple decimal points');
      if (n.multiply) throw formatError('cannot use "V" and decimal point together');
      n.decimal = true;
      break;
    case 'FM': n.fill = true; break;
    case 'S':
      if (n.lsign !== 'none') throw formatError('cannot use "S" twice');
      if (n.plus || n.minus || n.bracket) throw formatError('cannot use "S" and "PL"/"MI"/"SG"/"PR" together');
      if (!n.decimal) { n.lsign = 'pre'; n.preLsignNum = n.pre; } else n.lsign = 'post';
      break;
    case 'MI':
      if (n.lsign !== 'none') throw formatError('cannot use "S" and "MI" together');
      n.minus = true;
      break;
    case 'PL':
      if (n.lsign !== 'none') throw formatError('cannot use "S" and "PL" together');
      n.plus = true;
      break;
    case 'SG':
      if (n.lsign !== 'none') throw formatError('cannot use "S" and "SG" together');
      n.minus = true; n.plus = true;
      break;
    case 'PR':
      if (n.lsign !== 'none' || n.plus || n.minus) throw formatError('cannot use "PR" and "S"/"PL"/"MI"/"SG" together');
      n.bracket = true;
      break;
    case 'RN': n.roman = true; break;
    case 'V':
      if (n.decimal) throw formatError('cannot use "V" and decimal point together');
      n.multiply = true;
      break;
    case 'EEEE':
      if (n.eeee) throw formatError('cannot use "EEEE" twice');
      if (n.fill || n.lsign !== 'none' || n.bracket || n.minus || n.plus || n.roman || n.multiply) {
        throw new SqlError(SQLSTATE.SyntaxError, '"EEEE" is incompatible with other formats',
          { detail: '"EEEE" may only be used together with digit and decimal point patterns.' });
      }
      n.eeee = true;
      break;
    default: break;
  }
}

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
