/**
 * The number format patterns of to_char(number) and to_number, read as PostgreSQL 15 reads
 * them: keyword and literal nodes (`9 0 . D , G S MI PL SG PR FM L TH B V EEEE RN`, "quoted"
 * text, `\"`) and a layout (digits before/after the point, sign placement, fill mode) drawn
 * from the keywords, with PostgreSQL's errors for impossible combinations.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';

/** The numeric keywords, longest first where they share a first letter (PostgreSQL's table order). */
const KEYWORDS = [',', '.', '0', '9', 'B', 'C', 'D', 'EEEE', 'FM', 'G', 'L', 'MI', 'PL', 'PR', 'RN', 'SG', 'SP', 'S', 'TH', 'V',
  'b', 'c', 'd', 'eeee', 'fm', 'g', 'l', 'mi', 'pl', 'pr', 'rn', 'sg', 'sp', 's', 'th', 'v'] as const;

export type FormatNode = { readonly key: string } | { readonly text: string };

/** What the keywords say about the layout (PostgreSQL's NUMDesc). */
export interface NumberLayout {
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

function formatError(message: string): SqlError {
  return new SqlError(SQLSTATE.SyntaxError, message);
}

/** Reads the format into nodes and the layout, with PostgreSQL's errors for impossible combinations. */
export function parseNumberFormat(format: string): { nodes: FormatNode[]; layout: NumberLayout } {
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

