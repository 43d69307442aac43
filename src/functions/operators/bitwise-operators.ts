/**
 * Bitwise operators on int2/int4/int8: `&` `|` `#` (xor), prefix `~` (not) and the shifts
 * `<<` `>>` (shift count int4, PostgreSQL's int2shl/int4shl/int8shl). pgJDBC's getIndexInfo
 * uses `indoption[…] & 1::smallint`.
 *
 * @example
 * SELECT 5 & 3, 5 | 3, 5 # 3, ~5, 1 << 3, -16 >> 2   -- 1, 7, 6, -6, 8, -4
 */
import { T, type SqlType } from '../../types/sql-type.js';
import type { ScalarFunction, ScalarOverload } from '../function-types.js';
import { scalar } from '../overload-builders.js';

type NumOp = (a: number, b: number) => number;
type BigOp = (a: bigint, b: bigint) => bigint;

const INT8_BITS = 64;
/** C's int32 shift uses the count modulo 32 on x86 (as JS does); int64 modulo 64. */
const INT8_SHIFT_MASK = 63n;

/** Wraps to the type's width, as the C operators do (no overflow error for bit operations). */
function wrap(value: number, type: SqlType): number {
  return type.id === 'int2' ? (value << 16) >> 16 : value | 0;
}

function binary(op: NumOp, big: BigOp): ScalarOverload[] {
  return [
    ...[T.int2, T.int4].map((type) => scalar([type, type], type, ([a, b]) => wrap(op(a as number, b as number), type))),
    scalar([T.int8, T.int8], T.int8, ([a, b]) => BigInt.asIntN(INT8_BITS, big(a as bigint, b as bigint))),
  ];
}

function shift(op: NumOp, big: BigOp): ScalarOverload[] {
  return [
    ...[T.int2, T.int4].map((type) => scalar([type, T.int4], type, ([a, b]) => wrap(op(a as number, b as number), type))),
    scalar([T.int8, T.int4], T.int8,
      ([a, b]) => BigInt.asIntN(INT8_BITS, big(a as bigint, BigInt(b as number) & INT8_SHIFT_MASK))),
  ];
}

/** The bitwise operator families, registered under their symbols. */
export const bitwiseOperators: readonly ScalarFunction[] = [
  { name: '&', overloads: binary((a, b) => a & b, (a, b) => a & b) },
  { name: '|', overloads: binary((a, b) => a | b, (a, b) => a | b) },
  { name: '#', overloads: binary((a, b) => a ^ b, (a, b) => a ^ b) },
  { name: '<<', overloads: shift((a, b) => a << b, (a, b) => a << b) },
  { name: '>>', overloads: shift((a, b) => a >> b, (a, b) => a >> b) },
  { name: '~', overloads: [
    ...[T.int2, T.int4].map((type) => scalar([type], type, ([a]) => wrap(~(a as number), type))),
    scalar([T.int8], T.int8, ([a]) => ~(a as bigint)),
  ] },
];
