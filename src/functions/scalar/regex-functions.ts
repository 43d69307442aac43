/**
 * Regular-expression functions: regexp_replace, regexp_match / regexp_matches (captures as
 * text[]), regexp_like, regexp_count, regexp_split_to_array / _to_table. Patterns are
 * PostgreSQL AREs translated by posix-regex (linear-time engine); flags are PostgreSQL's
 * (`g` global, `i`/`c` case, `n`/`m` newline-sensitive, `s`, `x` expanded, `q` literal).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction, TableFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { compileRegex, expandReplacement } from '../operators/posix-regex.js';

const str = (value: Value): string => value as string;
const KNOWN_FLAGS = /^[gicnmspwxqtbe]$/;

/** Checks PostgreSQL's flag letters; returns those compileRegex understands. */
export function regexFlags(flags: string, allowGlobal: boolean, fn: string): { global: boolean; options: string } {
  for (const f of flags) {
    if (!KNOWN_FLAGS.test(f)) throw new SqlError(SQLSTATE.InvalidParameterValue, `invalid regular expression option: "${f}"`);
    if (f === 'g' && !allowGlobal) {
      throw new SqlError(SQLSTATE.InvalidParameterValue, `${fn}() does not support the "global" option`, {
        hint: `Use the regexp_matches function instead.`,
      });
    }
  }
  return { global: flags.includes('g'), options: flags.replace(/[gbepwt]/g, '') };
}

/** A RegExp for `pattern` with PostgreSQL flag letters. */
export function regexOf(pattern: string, options: string, global: boolean): RegExp {
  return compileRegex(pattern, false, options, global);
}

/**
 * Every match from UTF-16 offset `from` (zero-length matches advance by one character);
 * `regexp` must be global. `^` still anchors at the text's start, as in PostgreSQL.
 */
export function* matchesOf(regexp: RegExp, text: string, from = 0): Generator<RegExpExecArray> {
  regexp.lastIndex = from;
  for (;;) {
    const found = regexp.exec(text);
    if (!found) return;
    yield found;
    if (found[0].length === 0) {
      if (found.index >= text.length) return;
      regexp.lastIndex = found.index + 1;
    }
  }
}

function capturesOf(found: RegExpExecArray): Value {
  return found.length > 1 ? found.slice(1).map((group) => group ?? null) : [found[0]];
}

function replace(source: string, pattern: string, replacement: string, flags: string): string {
  const { global, options } = regexFlags(flags, true, 'regexp_replace');
  return source.replace(regexOf(pattern, options, global), (...args: unknown[]) => {
    // The callback gets the match, its captures, then the offset and the text (and named groups).
    const captures = args.length - (typeof args[args.length - 1] === 'object' ? 3 : 2);
    return expandReplacement(replacement, (n) => (n < captures ? args[n] as string | undefined : undefined));
  });
}

function match(source: string, pattern: string, flags: string): Value {
  const { options } = regexFlags(flags, false, 'regexp_match');
  const found = regexOf(pattern, options, false).exec(source);
  return found ? capturesOf(found) : null;
}

function* matches(source: string, pattern: string, flags: string): Generator<Value[]> {
  const { global, options } = regexFlags(flags, true, 'regexp_matches');
  const regexp = regexOf(pattern, options, true);
  for (const found of matchesOf(regexp, source)) {
    yield [capturesOf(found)];
    if (!global) return;
  }
}

/**
 * The pieces between matches. As in PostgreSQL, a zero-length match at the start or end of
 * the text, or right after the previous match, does not split.
 */
function* splitPieces(source: string, pattern: string, flags: string, fn: string): Generator<string> {
  const { options } = regexFlags(flags, false, fn);
  let pieceStart = 0;
  let previousEnd = -1;
  for (const found of matchesOf(regexOf(pattern, options, true), source)) {
    const end = found.index + found[0].length;
    const degenerate = found[0].length === 0 && (found.index === 0 || found.index === source.length || found.index === previousEnd);
    if (degenerate) continue;
    yield source.slice(pieceStart, found.index);
    pieceStart = end;
    previousEnd = end;
  }
  yield source.slice(pieceStart);
}

function count(source: string, pattern: string, start: number, flags: string): number {
  if (start <= 0) throw new SqlError(SQLSTATE.InvalidParameterValue, `invalid value for parameter "start": ${start}`);
  const { options } = regexFlags(flags, false, 'regexp_count');
  const offset = Array.from(source).slice(0, start - 1).join('').length;
  let n = 0;
  for (const _ of matchesOf(regexOf(pattern, options, true), source.slice(offset))) n++;
  return n;
}

export const regexFunctions: readonly ScalarFunction[] = [
  { name: 'regexp_replace', overloads: [
    scalar([T.text, T.text, T.text], T.text, ([s, p, r]) => replace(str(s), str(p), str(r), '')),
    scalar([T.text, T.text, T.text, T.text], T.text, ([s, p, r, f]) => replace(str(s), str(p), str(r), str(f))),
  ] },
  { name: 'regexp_match', overloads: [
    scalar([T.text, T.text], T.textArray, ([s, p]) => match(str(s), str(p), '')),
    scalar([T.text, T.text, T.text], T.textArray, ([s, p, f]) => match(str(s), str(p), str(f))),
  ] },
  { name: 'regexp_like', overloads: [
    scalar([T.text, T.text], T.bool, ([s, p]) => match(str(s), str(p), '') !== null),
    scalar([T.text, T.text, T.text], T.bool, ([s, p, f]) => match(str(s), str(p), str(f)) !== null),
  ] },
  { name: 'regexp_count', overloads: [
    scalar([T.text, T.text], T.int4, ([s, p]) => count(str(s), str(p), 1, '')),
    scalar([T.text, T.text, T.int4], T.int4, ([s, p, n]) => count(str(s), str(p), n as number, '')),
    scalar([T.text, T.text, T.int4, T.text], T.int4, ([s, p, n, f]) => count(str(s), str(p), n as number, str(f))),
  ] },
  { name: 'regexp_split_to_array', overloads: [
    scalar([T.text, T.text], T.textArray, ([s, p]) => [...splitPieces(str(s), str(p), '', 'regexp_split_to_array')]),
    scalar([T.text, T.text, T.text], T.textArray,
      ([s, p, f]) => [...splitPieces(str(s), str(p), str(f), 'regexp_split_to_array')]),
  ] },
];

/** Set-returning forms: rows are produced lazily, one match at a time. */
export const regexTableFunctions: readonly TableFunction[] = [
  { name: 'regexp_matches', overloads: [
    { args: [T.text, T.text], returns: () => [T.textArray], strict: true, rows: ([s, p]) => matches(str(s), str(p), '') },
    { args: [T.text, T.text, T.text], returns: () => [T.textArray], strict: true,
      rows: ([s, p, f]) => matches(str(s), str(p), str(f)) },
  ] },
  { name: 'regexp_split_to_table', overloads: [
    { args: [T.text, T.text], returns: () => [T.text], strict: true,
      rows: ([s, p]) => mapRows(splitPieces(str(s), str(p), '', 'regexp_split_to_table')) },
    { args: [T.text, T.text, T.text], returns: () => [T.text], strict: true,
      rows: ([s, p, f]) => mapRows(splitPieces(str(s), str(p), str(f), 'regexp_split_to_table')) },
  ] },
];

function* mapRows(pieces: Iterable<string>): Generator<Value[]> {
  for (const piece of pieces) yield [piece];
}
