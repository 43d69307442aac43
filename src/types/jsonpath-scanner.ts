/**
 * jsonpath's lexer: punctuation (`$ @ . [ ] ( ) { } , ? * ** ! == != <> < <= > >= && || + - / %`),
 * identifiers and keywords, `$name` / `$"name"` variables, double-quoted strings with JSON's
 * escapes plus `\v`, `\xXX` and `\u{X…}`, and numbers (`1`, `1.5`, `.5`, `1e3`).
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

export interface JsonPathToken {
  readonly kind: 'punct' | 'ident' | 'string' | 'number' | 'variable';
  /** The token as written (error messages quote it). */
  readonly text: string;
  /** A string's or variable's value after escapes. */
  readonly value?: string;
}

const PUNCT = ['**', '==', '!=', '<>', '<=', '>=', '&&', '||', '$', '@', '.', '[', ']', '(', ')', '{', '}', ',', '?', '*', '!', '<', '>', '+', '-', '/', '%'];
const IDENT_START = /[A-Za-z_\u0080-\uffff]/;
const IDENT_PART = /[A-Za-z0-9_\u0080-\uffff]/;
const NUMBER = /^(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};
const HEX = 16;

function syntaxError(near: string | undefined): SqlError {
  return new SqlError(SQLSTATE.SyntaxError, near === undefined
    ? 'syntax error at end of jsonpath input' : `syntax error at or near "${near}" of jsonpath input`);
}

/** The string starting at `start` (a `"`): its value and the index after its closing quote. */
function scanString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length && text[i] !== '"') {
    if (text[i] !== '\\') {
      value += text[i++];
      continue;
    }
    const c = text[i + 1];
    if (c === undefined) break;
    if (SIMPLE_ESCAPES[c] !== undefined) {
      value += SIMPLE_ESCAPES[c];
      i += 2;
    } else if (c === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
      value += String.fromCodePoint(parseInt(text.slice(i + 2, i + 4), HEX));
      i += 4;
    } else if (c === 'u' && text[i + 2] === '{') {
      const close = text.indexOf('}', i);
      const hex = text.slice(i + 3, close);
      if (close < 0 || !/^[0-9a-fA-F]{1,6}$/.test(hex)) throw syntaxError(text.slice(i, i + 3));
      value += String.fromCodePoint(parseInt(hex, HEX));
      i = close + 1;
    } else if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
      value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), HEX));
      i += 6;
    } else {
      value += c;
      i += 2;
    }
  }
  if (i >= text.length) throw new SqlError(SQLSTATE.SyntaxError, 'unexpected end of quoted string at end of jsonpath input');
  return { value, end: i + 1 };
}

export function scanJsonPath(text: string): JsonPathToken[] {
  const tokens: JsonPathToken[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '"') {
      const { value, end } = scanString(text, i);
      tokens.push({ kind: 'string', text: text.slice(i, end), value });
      i = end;
      continue;
    }
    if (c === '$' && text[i + 1] === '"') {
      const { value, end } = scanString(text, i + 1);
      tokens.push({ kind: 'variable', text: text.slice(i, end), value });
      i = end;
      continue;
    }
    if (c === '$' && IDENT_PART.test(text[i + 1] ?? '')) {
      let end = i + 1;
      while (end < text.length && IDENT_PART.test(text[end]!)) end++;
      tokens.push({ kind: 'variable', text: text.slice(i, end), value: text.slice(i + 1, end) });
      i = end;
      continue;
    }
    const number = /[\d.]/.test(c) ? NUMBER.exec(text.slice(i)) : null;
    // `$.a` after a number is an accessor: `1.a` keeps `1.` as the number only when a digit follows.
    if (number && !(c === '.' && tokens.length > 0 && tokens[tokens.length - 1]!.kind !== 'punct')) {
      let token = number[0];
      if (token.endsWith('.') && IDENT_START.test(text[i + token.length] ?? '')) token = token.slice(0, -1);
      // PostgreSQL's integers are 0 or start with 1-9: `00` and `1a` are trailing junk.
      const junk = /^0\d/.test(token) ? token : IDENT_START.test(text[i + token.length] ?? '') && !token.endsWith('.')
        ? text.slice(i, i + token.length + 1) : undefined;
      if (junk !== undefined) {
        throw new SqlError(SQLSTATE.SyntaxError, `trailing junk after numeric literal at or near "${junk}" of jsonpath input`);
      }
      tokens.push({ kind: 'number', text: token });
      i += token.length;
      continue;
    }
    if (IDENT_START.test(c)) {
      let end = i + 1;
      while (end < text.length && IDENT_PART.test(text[end]!)) end++;
      tokens.push({ kind: 'ident', text: text.slice(i, end) });
      i = end;
      continue;
    }
    const punct = PUNCT.find((p) => text.startsWith(p, i));
    if (!punct) throw syntaxError(c);
    tokens.push({ kind: 'punct', text: punct });
    i += punct.length;
  }
  return tokens;
}
