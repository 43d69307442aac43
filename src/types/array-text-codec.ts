/**
 * One-dimensional array literals in PostgreSQL's text form: `{1,2,NULL}`, `{"a b","x\"y"}`.
 * Elements are quoted when empty, equal to NULL, or containing braces, quotes, backslashes,
 * commas or whitespace; inside quotes `"` and `\` are backslash-escaped.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

const NEEDS_QUOTES = /[{}",\\\s]/;

/** Formats already-formatted element texts (null = NULL) as an array literal. */
export function formatArrayText(elements: readonly (string | null)[]): string {
  const parts = elements.map((e) => {
    if (e === null) return 'NULL';
    if (e === '' || e.toUpperCase() === 'NULL' || NEEDS_QUOTES.test(e)) {
      return `"${e.replace(/[\\"]/g, (c) => '\\' + c)}"`;
    }
    return e;
  });
  return `{${parts.join(',')}}`;
}

/** Splits an array literal into element texts (null for an unquoted NULL). */
export function parseArrayText(text: string, typeName: string): (string | null)[] {
  const bad = (detail: string) => new SqlError(SQLSTATE.InvalidTextRepresentation,
    `malformed array literal: "${text}"`, { detail });
  let s = text.trim();
  // Optional dimension decoration `[1:3]={…}`: accept lower bound 1 only.
  const dims = /^\[\s*1\s*:\s*\d+\s*\]\s*=\s*/.exec(s);
  if (dims) s = s.slice(dims[0].length);
  if (!s.startsWith('{')) throw bad('Array value must start with "{" or dimension information.');
  if (!s.endsWith('}')) throw bad('Unexpected end of input.');
  const body = s.slice(1, -1);
  const out: (string | null)[] = [];
  if (body.trim() === '') return out;
  let i = 0;
  for (;;) {
    while (i < body.length && /\s/.test(body[i]!)) i++;
    if (body[i] === '{') {
      throw new SqlError(SQLSTATE.FeatureNotSupported, `multidimensional arrays are not supported (${typeName}[])`);
    }
    let elem = '';
    let quoted = false;
    if (body[i] === '"') {
      quoted = true;
      i++;
      while (i < body.length && body[i] !== '"') {
        if (body[i] === '\\') i++;
        if (i >= body.length) throw bad('Unexpected end of input.');
        elem += body[i++];
      }
      if (body[i] !== '"') throw bad('Unexpected end of input.');
      i++;
      while (i < body.length && /\s/.test(body[i]!)) i++;
    } else {
      while (i < body.length && body[i] !== ',') {
        if (body[i] === '"' || body[i] === '{' || body[i] === '}') throw bad(`Unexpected "${body[i]}" character.`);
        if (body[i] === '\\') i++;
        elem += body[i++] ?? '';
      }
      elem = elem.trimEnd();
      if (elem === '') throw bad('Unexpected "," character.');
    }
    out.push(!quoted && elem.toUpperCase() === 'NULL' ? null : elem);
    if (i >= body.length) break;
    if (body[i] !== ',') throw bad(`Unexpected "${body[i]}" character.`);
    i++;
  }
  return out;
}
