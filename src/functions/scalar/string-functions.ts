/**
 * Text functions: case mapping, lengths, substring/position, trimming, padding, splitting,
 * concatenation (NULL-skipping concat/concat_ws), md5, starts_with, initcap. Lengths and
 * positions count characters (code points), not UTF-16 units or bytes.
 */
import { createHash } from 'node:crypto';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { sqlType, T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { formatText, textOptionsFromSettings } from '../../types/text-codec.js';
import type { EvalContext, ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { compileRegex } from '../operators/posix-regex.js';
import { similarSubstring } from '../operators/similar-to.js';
import { checkTextGrowth, checkTextLength, joinChecked, lengthTooLarge, MAX_ALLOC_SIZE, MAX_ENCODING_LENGTH } from '../value-limits.js';

const chars = (text: string): string[] => Array.from(text);
const SURROGATE = /[\uD800-\uDFFF]/;

/** Characters (code points) in `text`, without building an array of them. */
function charCount(text: string): number {
  if (!SURROGATE.test(text)) return text.length;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

/** `text`'s characters from..to (code point indices), by slicing when no surrogates exist. */
function sliceChars(text: string, from: number, to?: number): string {
  return SURROGATE.test(text) ? chars(text).slice(from, to).join('') : text.slice(from, to);
}
const str = (value: Value): string => value as string;
const int = (value: Value): number => value as number;

/** SQL substring(s FROM start FOR count), 1-based, tolerant of start < 1. */
export function substring(text: string, start: number, count?: number): string {
  if (count !== undefined && count < 0) {
    throw new SqlError(SQLSTATE.SubstringError, 'negative substring length not allowed');
  }
  const from = Math.max(start, 1);
  const to = count === undefined ? Infinity : start + count;
  return to <= from ? '' : sliceChars(text, from - 1, to === Infinity ? undefined : to - 1);
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

/**
 * PostgreSQL's lpad/rpad reserve the longest encoding per requested character and refuse
 * lengths whose buffer would pass MaxAllocSize, even when the result would be short.
 */
const MAX_PAD_LENGTH = Math.floor((MAX_ALLOC_SIZE - 4) / MAX_ENCODING_LENGTH);

function pad(text: string, length: number, fill: string, left: boolean): string {
  if (length > MAX_PAD_LENGTH) throw lengthTooLarge();
  if (length <= 0) return '';
  const all = SURROGATE.test(text) ? chars(text) : undefined;
  const textLength = all ? all.length : text.length;
  if (length <= textLength) return all ? all.slice(0, length).join('') : text.slice(0, length);
  const fillChars = chars(fill);
  if (fillChars.length === 0) return text;
  const missing = length - textLength;
  const whole = Math.floor(missing / fillChars.length);
  checkTextLength(text.length + fill.length * whole + fill.length);
  const padding = fill.repeat(whole) + fillChars.slice(0, missing % fillChars.length).join('');
  return left ? padding + text : text + padding;
}

function repeat(text: string, count: number): string {
  if (count <= 0 || text === '') return '';
  checkTextLength(text.length * count);
  return text.repeat(count);
}

/** replace(): the result's length is known from the number of occurrences. */
function replaceAll(text: string, from: string, to: string): string {
  if (from === '') return text;
  const parts = text.split(from);
  checkTextGrowth(text.length, (parts.length - 1) * (to.length - from.length));
  return parts.join(to);
}

/** The largest code point PostgreSQL's UTF-8 encoding accepts. */
const MAX_CODE_POINT = 0x10ffff;

function chr(code: number): string {
  if (code < 0) throw new SqlError(SQLSTATE.InvalidParameterValue, 'character number must be positive');
  if (code === 0) throw new SqlError(SQLSTATE.ProgramLimitExceeded, 'null character not permitted');
  if (code > MAX_CODE_POINT) throw new SqlError(SQLSTATE.ProgramLimitExceeded, `requested character too large for encoding: ${code}`);
  if (code >= 0xd800 && code <= 0xdfff) {
    throw new SqlError(SQLSTATE.ProgramLimitExceeded, `requested character not valid for encoding: ${code}`);
  }
  return String.fromCodePoint(code);
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
function asText(value: Value, type: SqlType, ctx: EvalContext): string {
  return typeof value === 'string' ? value : formatText(value, type, textOptionsFromSettings((n) => ctx.setting(n)));
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
      scalar([T.text], T.int4, ([s]) => charCount(str(s))),
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
    ...(name === 'substring' ? [
      scalar(textText, T.text, ([s, p]) => regexSubstring(str(s), str(p))),
      // SUBSTRING(s SIMILAR p ESCAPE e), and the older SUBSTRING(s FROM p FOR e): the part of a
      // whole-string SIMILAR TO match between the two escape-double-quote separators.
      scalar([T.text, T.text, T.text], T.text, ([s, p, e]) => similarSubstring(str(s), str(p), str(e))),
    ] : []),
  ] })),
  { name: 'position', overloads: [scalar(textText, T.int4, ([s, sub]) => positionOf(str(s), str(sub)))] },
  { name: 'strpos', overloads: [scalar(textText, T.int4, ([s, sub]) => positionOf(str(s), str(sub)))] },
  ...([['btrim', true, true], ['trim', true, true], ['ltrim', true, false], ['rtrim', false, true]] as const).map(
    ([name, lead, trail]) => ({ name, overloads: [
      scalar([T.text], T.text, ([s]) => trimChars(str(s), ' ', lead, trail)),
      scalar(textText, T.text, ([s, set]) => trimChars(str(s), str(set), lead, trail)),
    ] })),
  { name: 'replace', overloads: [scalar([T.text, T.text, T.text], T.text,
    ([s, from, to]) => replaceAll(str(s), str(from), str(to)))] },
  { name: 'concat', overloads: [scalar([], T.text,
    (args, ctx, types) => joinChecked(args.map((a, i) => (a === null ? '' : asText(a, types[i]!, ctx)))),
    { strict: false, variadic: 'any', volatility: 'stable' })] },
  { name: 'concat_ws', overloads: [scalar([T.text], T.text, (args, ctx, types) => {
    if (args[0] === null) return null;
    return joinChecked(args.slice(1).flatMap((a, i) => (a === null ? [] : [asText(a, types[i + 1]!, ctx)])), str(args[0]));
  }, { strict: false, variadic: 'any', volatility: 'stable' })] },
  { name: 'left', overloads: [scalar([T.text, T.int4], T.text, ([s, n]) => {
    const length = charCount(str(s));
    return sliceChars(str(s), 0, int(n) >= 0 ? int(n) : Math.max(length + int(n), 0));
  })] },
  { name: 'right', overloads: [scalar([T.text, T.int4], T.text, ([s, n]) => {
    const length = charCount(str(s));
    return sliceChars(str(s), int(n) >= 0 ? Math.max(length - int(n), 0) : Math.min(-int(n), length));
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
  { name: 'repeat', overloads: [scalar([T.text, T.int4], T.text, ([s, n]) => repeat(str(s), int(n)))] },
  { name: 'reverse', overloads: [scalar([T.text], T.text, ([s]) => chars(str(s)).reverse().join(''))] },
  { name: 'initcap', overloads: [scalar([T.text], T.text, ([s]) => initcap(str(s)))] },
  { name: 'md5', overloads: [scalar([T.text], T.text, ([s]) => createHash('md5').update(str(s)).digest('hex'))] },
  { name: 'starts_with', overloads: [scalar(textText, T.bool, ([s, p]) => str(s).startsWith(str(p)))] },
  { name: 'ascii', overloads: [scalar([T.text], T.int4, ([s]) => str(s).codePointAt(0) ?? 0)] },
  { name: 'chr', overloads: [scalar([T.int4], T.text, ([n]) => chr(int(n)))] },
  { name: 'quote_ident', overloads: [scalar([T.text], T.text, ([s]) => quoteIdent(str(s)))] },
  { name: 'quote_literal', overloads: [
    scalar([T.text], T.text, ([s]) => quoteLiteral(str(s))),
    scalar(['anyelement'], T.text, ([v], ctx, [type]) => quoteLiteral(asText(v!, type!, ctx))),
  ] },
  // quote_literal, but NULL is the word NULL (not strict).
  { name: 'quote_nullable', overloads: [
    scalar([T.text], T.text, ([s]) => (s === null ? 'NULL' : quoteLiteral(str(s))), { strict: false }),
    scalar(['anyelement'], T.text, ([v], ctx, [type]) => (v === null ? 'NULL' : quoteLiteral(asText(v!, type!, ctx))), { strict: false }),
  ] },
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
