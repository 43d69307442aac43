/**
 * parse_ident(text [, strict]): splits a qualified SQL identifier into its parts, unquoted
 * parts lower-cased and `""` inside quotes unescaped, with PostgreSQL's errors (22023).
 * Grafana's table picker calls it.
 *
 * @example
 * parse_ident('public."Foo".bar')   // {public,Foo,bar}
 * parse_ident('a.b()', false)       // {a,b}: non-strict stops at the first stray character
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_CONT = /[A-Za-z0-9_$\u0080-\uffff]/;
/** scanner_isspace: space, tab, newline, carriage return, form feed (no vertical tab). */
const SPACE = /[ \t\n\r\f]/;

function invalid(text: string, detail?: string): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, `string is not a valid identifier: "${text}"`, detail ? { detail } : {});
}

/** The parts of `text`; follows the scanner of PostgreSQL's misc.c parse_ident. */
export function parseIdent(text: string, strict: boolean): string[] {
  const parts: string[] = [];
  let i = 0;
  const skipSpace = () => { while (i < text.length && SPACE.test(text[i]!)) i++; };
  let afterDot = false;
  skipSpace();
  for (;;) {
    if (text[i] === '"') {
      let part = '';
      for (i++; ; i++) {
        if (i >= text.length) throw invalid(text, 'String has unclosed double quotes.');
        if (text[i] === '"') {
          if (text[i + 1] !== '"') break;
          i++;
        }
        part += text[i];
      }
      i++;
      if (part === '') throw invalid(text, 'Quoted identifier must not be empty.');
      parts.push(part);
    } else if (i < text.length && IDENT_START.test(text[i]!)) {
      const start = i++;
      while (i < text.length && IDENT_CONT.test(text[i]!)) i++;
      parts.push(text.slice(start, i).replace(/[A-Z]+/g, (s) => s.toLowerCase()));
    } else if (text[i] === '.') {
      throw invalid(text, 'No valid identifier before ".".');
    } else if (afterDot) {
      throw invalid(text, 'No valid identifier after ".".');
    } else {
      throw invalid(text);
    }
    skipSpace();
    if (text[i] === '.') {
      afterDot = true;
      i++;
      skipSpace();
    } else if (i >= text.length) {
      break;
    } else {
      if (strict) throw invalid(text);
      break;
    }
  }
  return parts;
}

export const parseIdentFunctions: readonly ScalarFunction[] = [
  { name: 'parse_ident', overloads: [
    scalar([T.text], T.textArray, ([text]) => parseIdent(text as string, true)),
    scalar([T.text, T.bool], T.textArray, ([text, strict]) => parseIdent(text as string, strict as boolean)),
  ] },
];
