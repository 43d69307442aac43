/**
 * Text editing functions: overlay (SQL's OVERLAY … PLACING … FROM … FOR), translate, and
 * to_hex over int4/int8 (negative values in two's complement, as PostgreSQL prints them).
 */
import { T } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { substring } from './string-functions.js';

const str = (value: Value): string => value as string;
const int = (value: Value): number => value as number;

/** overlay(text PLACING r FROM start [FOR count]): count defaults to r's length in characters. */
function overlay(text: string, placing: string, start: number, count = Array.from(placing).length): string {
  return substring(text, 1, start - 1) + placing + substring(text, start + count);
}

/** Each character of `from` becomes the one at the same place in `to`, or is dropped. */
function translate(text: string, from: string, to: string): string {
  const source = Array.from(from);
  const target = Array.from(to);
  const map = new Map<string, string>();
  source.forEach((ch, i) => { if (!map.has(ch)) map.set(ch, target[i] ?? ''); });
  let out = '';
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}


export const textEditFunctions: readonly ScalarFunction[] = [
  { name: 'overlay', overloads: [
    scalar([T.text, T.text, T.int4], T.text, ([s, p, f]) => overlay(str(s), str(p), int(f))),
    scalar([T.text, T.text, T.int4, T.int4], T.text, ([s, p, f, n]) => overlay(str(s), str(p), int(f), int(n))),
  ] },
  { name: 'translate', overloads: [scalar([T.text, T.text, T.text], T.text, ([s, f, t]) => translate(str(s), str(f), str(t)))] },
  { name: 'to_hex', overloads: [
    scalar([T.int4], T.text, ([n]) => BigInt.asUintN(32, BigInt(int(n))).toString(16)),
    scalar([T.int8], T.text, ([n]) => BigInt.asUintN(64, n as bigint).toString(16)),
  ] },
];
