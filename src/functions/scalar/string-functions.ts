/**
 * Text functions: case mapping, lengths, substring/position, trimming, padding, splitting,
 * concatenation (NULL-skipping concat/concat_ws), md5, starts_with, initcap. Lengths and
 * positions count characters (code points), not UTF-16 units or bytes.
 */
import { createHash } from 'node:crypto';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { sqlType, T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { formatText } from '../../types/text-codec.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { compileRegex } from '../operators/posix-regex.js';

const chars = (text: string): string[] => Array.from(text);
const str = (value: Value): string => value as string;
const int = (value: Value): number => value as number;

/** SQL substring(s FROM start FOR count), 1-based, tolerant of start < 1. */
export function substring(text: string, start: number, count?: number): string {
  if (count !== undefined && count < 0) {
    throw new SqlError(SQLSTATE.SubstringError, 'negative substring length not allowed');
  }
  const all = chars(text);
  const from = Math.max(start, 1);
  const to = count === undefined ? all.length + 1 : start + count;
  return to <= from ? '' : all.slice(from - 1, to - 1).join('');
}

function trimChars(text: string, set: string, leading: boolean, trailing: boolean): string {
  const all = chars(text);
  const remove = new Set(chars(set));
  let lo = 0;
  let hi = all.length;
  if (leading) while (lo < hi && remove.has(all[lo]!)) lo++;
  if (trailing) while (hi > lo && remove.has(all[hi - 1]!)) hi--;
  return all.slice(lo, hi).join('');
}

function pad(text: string, length: number, fill: string, left: boolean): string {
  const all = chars(text);
  if (length <= all.length) return all.slice(0, Math.max(length, 0)).join('');
  const fillChars = chars(fill);
  if (fillChars.length === 0) return text;
  const padding: string[] = [];
  while (padding.length < length - all.length) padding.push(fillChars[padding.length % fillChars.length]!);
  return left ? padding.join('') + text : text + padding.join('');
}

function initcap(text: string): string {
  let out = '';
  let inWord = false;
  for (const ch of text) {
    const alnum = /[\p{L}\p{N}]/u.test(ch);
    out += alnum ? (inWord ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    inWord = alnum;
  }
  return out;
}

function splitPart(text: string, delimiter: string, field: number): string {
  if (field === 0) throw new SqlError(SQLSTATE.InvalidParameterValue, 'field position must not be zero');
  const parts = delimiter === '' ? [text] : text.split(delimiter);
  const index = field > 0 ? field - 1 : parts.length + field;
  return parts[index] ?? '';
}

/** Text of any value for concat(): NULL is skipped by the callers. */
function asText(value: Value, type: SqlType): string {
  return typeof value === 'string' ? value : formatText(value, type);
}

function positionOf(text: string, search: string): number {
  const index = text.indexOf(search);
  return index < 0 ? 0 : chars(text.slice(0, index)).length + 1;
}

function regexSubstring(text: string, pattern: string): Value {
  const match = compileRegex(pattern, false).exec(text);
  if (!match) return null;
  return match.length > 1 ? match[1] ?? null : match[0];
}

const textText = [T.text, T.text];

export const stringFunctions: readonly ScalarFunction[] = [
  { name: 'lower', overloads: [scalar([T.text], T.text, ([s]) => str(s).toLowerCase())] },
  { name: 'upper', overloads: [scalar([T.text], T.text, ([s]) => str(s).toUpperCase())] },
  ...['length', 'char_length', 'character_length'].map((name) => ({
    name, overloads: [
      scalar([T.text], T.int4, ([s]) => chars(str(s)).length),
      // length(bytea) counts bytes; char_length has no bytea form in PostgreSQL.
      ...(name === 'length' ? [scalar([T.bytea], T.int4, ([b]) => (b as Uint8Array).length)] : []),
    ],
  })),
  { name: 'octet_length', overloads: [
    scalar([T.text], T.int4, ([s]) => Buffer.byteLength(str(s))),
    // character(n) counts its padding (PostgreSQL's bpcharoctetlen); as text it would lose it.
    scalar([sqlType('bpchar')], T.int4, ([s]) => Buffer.byteLength(str(s))),
    scalar([T.bytea], T.int4, ([b]) => (b as Uint8Array).length),
  ] },
  ...['substring', 'substr'].map((name) => ({ name, overloads: [
    scalar([T.text, T.int4], T.text, ([s, a]) => substring(str(s), int(a))),
    scalar([T.text, T.int4, T.int4], T.text, ([s, a, n]) => substring(str(s), int(a), int(n))),
    ...(name === 'substring' ? [scalar(textText, T.text, ([s, p]) => regexSubstring(str(s), str(p)))] : []),
  ] })),
  { name: 'position', overloads: [scalar(textText, T.int4, ([s, sub]) => positionOf(str(s), str(sub)))] },
  { name: 'strpos', overloads: [scalar(textText, T.int4, ([s, sub]) => positionOf(str(s), str(sub)))] },
  ...([['btrim', true, true], ['trim', true, true], ['ltrim', true, false], ['rtrim', false, true]] as const).map(
    ([name, lead, trail]) => ({ name, overloads: [
      scalar([T.text], T.text, ([s]) => trimChars(str(s), ' ', lead, trail)),
      scalar(textText, T.text, ([s, set]) => trimChars(str(s), str(set), lead, trail)),
    ] })),
  { name: 'replace', overloads: [scalar([T.text, T.text, T.text], T.text,
    ([s, from, to]) => (str(from) === '' ? str(s) : str(s).split(str(from)).join(str(to))))] },
  { name: 'concat', overloads: [scalar([], T.text,
    (args, _ctx, types) => args.map((a, i) => (a === null ? '' : asText(a, types[i]!))).join(''),
    { strict: false, variadic: 'any', volatility: 'stable' })] },
  { name: 'concat_ws', overloads: [scalar([T.text], T.text, (args, _ctx, types) => {
    if (args[0] === null) return null;
    return args.slice(1).flatMap((a, i) => (a === null ? [] : [asText(a, types[i + 1]!)])).join(str(args[0]));
  }, { strict: false, variadic: 'any', volatility: 'stable' })] },
  { name: 'left', overloads: [scalar([T.text, T.int4], T.text, ([s, n]) => {
    const all = chars(str(s));
    return all.slice(0, int(n) >= 0 ? int(n) : Math.max(all.length + int(n), 0)).join('');
  })] },
  { name: 'right', overloads: [scalar([T.text, T.int4], T.text, ([s, n]) => {
    const all = chars(str(s));
    return all.slice(int(n) >= 0 ? Math.max(all.length - int(n), 0) : Math.min(-int(n), all.length)).join('');
  })] },
  { name: 'lpad', overloads: [
    scalar([T.text, T.int4], T.text, ([s, n]) => pad(str(s), int(n), ' ', true)),
    scalar([T.text, T.int4, T.text], T.text, ([s, n, f]) => pad(str(s), int(n), str(f), true)),
  ] },
  { name: 'rpad', overloads: [
    scalar([T.text, T.int4], T.text, ([s, n]) => pad(str(s), int(n), ' ', false)),
    scalar([T.text, T.int4, T.text], T.text, ([s, n, f]) => pad(str(s), int(n), str(f), false)),
  ] },
  { name: 'split_part', overloads: [scalar([T.text, T.text, T.int4], T.text, ([s, d, n]) => splitPart(str(s), str(d), int(n)))] },
  { name: 'repeat', overloads: [scalar([T.text, T.int4], T.text, ([s, n]) => str(s).repeat(Math.max(int(n), 0)))] },
  { name: 'reverse', overloads: [scalar([T.text], T.text, ([s]) => chars(str(s)).reverse().join(''))] },
  { name: 'initcap', overloads: [scalar([T.text], T.text, ([s]) => initcap(str(s)))] },
  { name: 'md5', overloads: [scalar([T.text], T.text, ([s]) => createHash('md5').update(str(s)).digest('hex'))] },
  { name: 'starts_with', overloads: [scalar(textText, T.bool, ([s, p]) => str(s).startsWith(str(p)))] },
  { name: 'ascii', overloads: [scalar([T.text], T.int4, ([s]) => str(s).codePointAt(0) ?? 0)] },
  { name: 'chr', overloads: [scalar([T.int4], T.text, ([n]) => String.fromCodePoint(int(n)))] },
  { name: 'quote_ident', overloads: [scalar([T.text], T.text, ([s]) => quoteIdent(str(s)))] },
  { name: 'quote_literal', overloads: [scalar([T.text], T.text, ([s]) => quoteLiteral(str(s)))] },
];

/** Double-quotes an identifier unless it is a plain lower-case name. */
export function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** Single-quotes a literal, using E'' syntax when it contains backslashes. */
export function quoteLiteral(text: string): string {
  const body = text.replace(/'/g, "''");
  return text.includes('\\') ? `E'${body.replace(/\\/g, '\\\\')}'` : `'${body}'`;
}
