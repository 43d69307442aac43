/**
 * Splits a psql meta-command's argument text into arguments the way psql's "normal" option
 * scanning does: whitespace separates; within one argument, pieces concatenate: '…' with
 * backslash escapes and doubled quotes, "…" kept as written, and `:var` / `:'var'` / `:"var"`
 * interpolated.
 *
 * @example
 *   metaArgs(":dir '/data/onek.data'", new Map([['dir', '/src']])) // ['/src', '/data/onek.data']
 */
import { quoteIdentifier, quoteLiteral, type VariableLookup } from './psql-scanner.js';

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { n: '\n', t: '\t', b: '\b', r: '\r', f: '\f' };
const VARIABLE = /[A-Za-z_0-9\u0080-\uffff]+/y;

/** The body of a '…' argument starting at `from` (just past the quote): [text, index past the closing quote]. */
function readSingleQuoted(s: string, from: number): [string, number] {
  let out = '';
  let i = from;
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === "'") {
      if (s[i + 1] !== "'") return [out, i + 1];
      out += "'";
      i += 2;
    } else if (ch === '\\' && i + 1 < s.length) {
      const e = s[i + 1]!;
      const octal = /^[0-7]{1,3}/.exec(s.slice(i + 1));
      const hex = /^x([0-9a-fA-F]{1,2})/.exec(s.slice(i + 1));
      if (octal) {
        out += String.fromCharCode(parseInt(octal[0], 8));
        i += 1 + octal[0].length;
      } else if (hex) {
        out += String.fromCharCode(parseInt(hex[1]!, 16));
        i += 1 + hex[0].length;
      } else {
        out += SIMPLE_ESCAPES[e] ?? e;
        i += 2;
      }
    } else {
      out += ch;
      i++;
    }
  }
  return [out, i];
}

/** `:name`, `:'name'` or `:"name"` at `i`: [replacement, end], or undefined when not a defined variable. */
function readVariable(s: string, i: number, vars: VariableLookup): [string, number] | undefined {
  const quote = s[i + 1] === "'" || s[i + 1] === '"' ? s[i + 1]! : '';
  VARIABLE.lastIndex = i + 1 + quote.length;
  if (!VARIABLE.test(s)) return undefined;
  let end = VARIABLE.lastIndex;
  const name = s.slice(i + 1 + quote.length, end);
  if (quote) {
    if (s[end] !== quote) return undefined;
    end++;
  }
  const value = vars.get(name);
  if (value === undefined) return undefined;
  if (quote === "'") return [quoteLiteral(value).trim(), end];
  return [quote === '"' ? quoteIdentifier(value) : value, end];
}

/** The arguments of a meta-command (psql's OT_NORMAL scanning). */
export function metaArgs(text: string, vars: VariableLookup): string[] {
  const args: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (i >= text.length) break;
    let arg = '';
    while (i < text.length && !/\s/.test(text[i]!)) {
      const ch = text[i]!;
      if (ch === "'") {
        const [body, end] = readSingleQuoted(text, i + 1);
        arg += body;
        i = end;
      } else if (ch === '"') {
        const close = text.indexOf('"', i + 1);
        const end = close < 0 ? text.length : close + 1;
        arg += text.slice(i, end);
        i = end;
      } else if (ch === ':') {
        const variable = readVariable(text, i, vars);
        arg += variable ? variable[0] : ch;
        i = variable ? variable[1] : i + 1;
      } else {
        arg += ch;
        i++;
      }
    }
    args.push(arg);
  }
  return args;
}
