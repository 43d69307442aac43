/**
 * A small PostgreSQL-flavoured tokenizer: words, quoted identifiers, the string forms
 * ('…', E'…', $tag$…$tag$), numbers, `$n` parameters and operators. Used by the hand-written
 * parsers (ThanoSQL, COPY, session statements) and by the text rewriter that prepares SQL
 * for node-sql-parser. Offsets are 0-based into the text given.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';

export type TokenType = 'word' | 'qident' | 'string' | 'number' | 'param' | 'op' | 'punct';

/** One token; `value` is the decoded content (string body, identifier name, word as written). */
export interface Token {
  readonly type: TokenType;
  readonly text: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
  /** For strings: how it was quoted (`'`, `E`, `$`, or `"` for ThanoSQL double-quoted values). */
  readonly quote?: string;
}

const OP_CHARS = '+-*/<>=~!@#%^&|`?';
const PUNCT = '(),;[]:.';

/** Tokenize `sql`; comments and whitespace are skipped. Throws SqlError 42601 on unterminated input. */
export function tokenize(sql: string, base = 0): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const fail = (msg: string, at: number): never => {
    throw new SqlError(SQLSTATE.SyntaxError, msg, { position: base + at + 1 });
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const start = i;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '-' && sql[i + 1] === '-') {
      while (i < sql.length && sql[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && sql[i + 1] === '*') {
      let depth = 0;
      while (i < sql.length) {
        if (sql.startsWith('/*', i)) { depth++; i += 2; } else if (sql.startsWith('*/', i)) {
          depth--; i += 2;
          if (depth === 0) break;
        } else i++;
      }
      if (depth > 0) fail('unterminated /* comment at or near "/*"', start);
      continue;
    }
    if ((c === 'E' || c === 'e') && sql[i + 1] === "'") {
      const { value, end } = readEString(sql, i + 1, fail);
      tokens.push({ type: 'string', text: sql.slice(start, end), value, start: base + start, end: base + end, quote: 'E' });
      i = end; continue;
    }
    if (c === "'" || c === '"') {
      const { value, end } = readQuoted(sql, i, c, fail);
      const type = c === "'" ? 'string' : 'qident';
      tokens.push({ type, text: sql.slice(start, end), value, start: base + start, end: base + end, quote: c });
      i = end; continue;
    }
    if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        if (close < 0) fail('unterminated dollar-quoted string at or near "' + tag[0] + '"', start);
        const end = close + tag[0].length;
        const value = sql.slice(i + tag[0].length, close);
        tokens.push({ type: 'string', text: sql.slice(start, end), value, start: base + start, end: base + end, quote: '$' });
        i = end; continue;
      }
      const num = /^\$(\d+)/.exec(sql.slice(i));
      if (num) {
        i += num[0].length;
        tokens.push({ type: 'param', text: num[0], value: num[1]!, start: base + start, end: base + i });
        continue;
      }
    }
    const num = /^(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/.exec(sql.slice(i, i + 400));
    if (num && /[\d.]/.test(c)) {
      i += num[0].length;
      tokens.push({ type: 'number', text: num[0], value: num[0], start: base + start, end: base + i });
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      while (i < sql.length && /[A-Za-z0-9_$\u0080-\uffff]/.test(sql[i]!)) i++;
      const text = sql.slice(start, i);
      tokens.push({ type: 'word', text, value: text, start: base + start, end: base + i });
      continue;
    }
    if (c === ':' && sql[i + 1] === ':') {
      i += 2;
      tokens.push({ type: 'op', text: '::', value: '::', start: base + start, end: base + i });
      continue;
    }
    if (PUNCT.includes(c)) {
      i++;
      tokens.push({ type: 'punct', text: c, value: c, start: base + start, end: base + i });
      continue;
    }
    if (OP_CHARS.includes(c)) {
      while (i < sql.length && OP_CHARS.includes(sql[i]!) && !sql.startsWith('--', i) && !sql.startsWith('/*', i)) i++;
      const text = sql.slice(start, i);
      tokens.push({ type: 'op', text, value: text, start: base + start, end: base + i });
      continue;
    }
    fail(`syntax error at or near "${c}"`, start);
  }
  return tokens;
}

function readQuoted(sql: string, from: number, q: string, fail: (m: string, at: number) => never) {
  let i = from + 1;
  let value = '';
  for (;;) {
    const close = sql.indexOf(q, i);
    if (close < 0) {
      return fail(q === "'" ? 'unterminated quoted string at or near "' + sql.slice(from, from + 20) + '"'
        : 'unterminated quoted identifier at or near "' + sql.slice(from, from + 20) + '"', from);
    }
    value += sql.slice(i, close);
    if (sql[close + 1] === q) { value += q; i = close + 2; continue; }
    return { value, end: close + 1 };
  }
}

const ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function readEString(sql: string, from: number, fail: (m: string, at: number) => never) {
  let i = from + 1;
  let value = '';
  while (i < sql.length) {
    const c = sql[i]!;
    if (c === '\\') {
      const n = sql[i + 1] ?? '';
      const hex = /^x([0-9a-fA-F]{1,2})/.exec(sql.slice(i + 1, i + 4));
      const uni = /^(u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8})/.exec(sql.slice(i + 1, i + 10));
      const oct = /^[0-7]{1,3}/.exec(sql.slice(i + 1, i + 4));
      if (hex) { value += String.fromCharCode(parseInt(hex[1]!, 16)); i += 1 + hex[0].length; }
      else if (uni) { value += String.fromCodePoint(parseInt(uni[0].slice(1), 16)); i += 1 + uni[0].length; }
      else if (oct) { value += String.fromCharCode(parseInt(oct[0], 8)); i += 1 + oct[0].length; }
      else { value += ESCAPES[n] ?? n; i += 2; }
      continue;
    }
    if (c === "'") {
      if (sql[i + 1] === "'") { value += "'"; i += 2; continue; }
      return { value, end: i + 1 };
    }
    value += c; i++;
  }
  return fail('unterminated quoted string at or near "' + sql.slice(from - 1, from + 19) + '"', from - 1);
}

/** True when `t` is the bare word `kw` (case-insensitive). */
export function isWord(t: Token | undefined, ...kws: string[]): boolean {
  return t !== undefined && t.type === 'word' && kws.includes(t.value.toUpperCase());
}
