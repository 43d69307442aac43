/**
 * The regular-expression functions PostgreSQL 15 added with a start position and a match
 * number: regexp_instr, regexp_substr and regexp_replace(…, start [, N] [, flags]).
 * Positions are in characters (code points), 1-based; the search begins at `start` but `^`
 * still means the start of the whole text.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { matchesOf, regexFlags, regexOf } from './regex-functions.js';
import { expandReplacement } from '../operators/posix-regex.js';

const str = (value: Value): string => value as string;
const int = (value: Value): number => value as number;

function badParameter(name: string, value: number): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, `invalid value for parameter "${name}": ${value}`);
}

/** The UTF-16 offset of character `chars` (0-based) of `text`, or its length past the end. */
function offsetOfChar(text: string, chars: number): number {
  let offset = 0;
  for (let k = 0; k < chars && offset < text.length; k++) offset += text.codePointAt(offset)! > 0xffff ? 2 : 1;
  return offset;
}

function charPosition(text: string, offset: number): number {
  return Array.from(text.slice(0, offset)).length;
}

/** The `nth` match at or after character `start` (1-based), or undefined. */
function nthMatch(source: string, pattern: string, start: number, nth: number, flags: string, fn: string): RegExpExecArray | undefined {
  if (start <= 0) throw badParameter('start', start);
  if (nth <= 0) throw badParameter('n', nth);
  const { options } = regexFlags(flags, false, fn);
  let seen = 0;
  for (const found of matchesOf(regexOf(pattern, options, true), source, offsetOfChar(source, start - 1))) {
    if (++seen === nth) return found;
  }
  return undefined;
}

/** Offset span of capture `subexpr` (0 = the whole match) in `found`, or undefined. */
function groupSpan(found: RegExpExecArray, subexpr: number): [number, number] | undefined {
  if (subexpr < 0) throw badParameter('subexpr', subexpr);
  if (subexpr >= found.length || found[subexpr] === undefined) return undefined;
  if (subexpr === 0) return [found.index, found.index + found[0].length];
  // JavaScript reports only the whole match's index; the `d` flag would add group indices,
  // but the linear engine refuses it, so a group is located inside the match text.
  const within = found[0].indexOf(found[subexpr]!);
  const begin = found.index + Math.max(within, 0);
  return [begin, begin + found[subexpr]!.length];
}

function instr(args: readonly Value[]): number {
  const [source, pattern, start = 1, nth = 1, endOption = 0, flags = '', subexpr = 0] = args;
  if (endOption !== 0 && endOption !== 1) throw badParameter('endoption', int(endOption));
  if (int(subexpr) < 0) throw badParameter('subexpr', int(subexpr));
  const found = nthMatch(str(source), str(pattern), int(start), int(nth), str(flags), 'regexp_instr');
  const span = found && groupSpan(found, int(subexpr));
  if (!span) return 0;
  return charPosition(str(source), span[endOption === 1 ? 1 : 0]) + 1;
}

function substr(args: readonly Value[]): Value {
  const [source, pattern, start = 1, nth = 1, flags = '', subexpr = 0] = args;
  if (int(subexpr) < 0) throw badParameter('subexpr', int(subexpr));
  const found = nthMatch(str(source), str(pattern), int(start), int(nth), str(flags), 'regexp_substr');
  const span = found && groupSpan(found, int(subexpr));
  return span ? str(source).slice(span[0], span[1]) : null;
}


/** regexp_replace with a start: the `nth` match (0 = every match) at or after `start`. */
function replaceFrom(source: string, pattern: string, replacement: string, start: number, nth: number | undefined, flags: string): string {
  if (start <= 0) throw badParameter('start', start);
  if (nth !== undefined && nth < 0) throw badParameter('n', nth);
  const { global, options } = regexFlags(flags, true, 'regexp_replace');
  const every = nth === 0 || (nth === undefined && global);
  const target = nth ?? 1;
  let out = '';
  let last = 0;
  let seen = 0;
  for (const found of matchesOf(regexOf(pattern, options, true), source, offsetOfChar(source, start - 1))) {
    seen++;
    if (!every && seen !== target) continue;
    out += source.slice(last, found.index) + expandReplacement(replacement, (n) => found[n]);
    last = found.index + found[0].length;
    if (!every) break;
  }
  return out + source.slice(last);
}

const instrArgs = [T.text, T.text, T.int4, T.int4, T.int4, T.text, T.int4];
const substrArgs = [T.text, T.text, T.int4, T.int4, T.text, T.int4];

export const regexPositionFunctions: readonly ScalarFunction[] = [
  // One overload per optional-argument count, as pg_proc lists them.
  { name: 'regexp_instr', overloads: [2, 3, 4, 5, 6, 7].map((n) => scalar(instrArgs.slice(0, n), T.int4, instr)) },
  { name: 'regexp_substr', overloads: [2, 3, 4, 5, 6].map((n) => scalar(substrArgs.slice(0, n), T.text, substr)) },
  { name: 'regexp_replace', overloads: [
    scalar([T.text, T.text, T.text, T.int4], T.text, ([s, p, r, b]) => replaceFrom(str(s), str(p), str(r), int(b), undefined, '')),
    scalar([T.text, T.text, T.text, T.int4, T.int4], T.text,
      ([s, p, r, b, n]) => replaceFrom(str(s), str(p), str(r), int(b), int(n), '')),
    scalar([T.text, T.text, T.text, T.int4, T.int4, T.text], T.text,
      ([s, p, r, b, n, f]) => replaceFrom(str(s), str(p), str(r), int(b), int(n), str(f))),
  ] },
];
