/**
 * PostgreSQL's named functions behind its arithmetic operators and built-in aggregates, as
 * CREATE AGGREGATE names them for SFUNC / MSFUNC / COMBINEFUNC (`sfunc = int4pl`,
 * `sfunc = int4_sum`, `sfunc = int8inc`). The operator ones are the operators' own overloads
 * (same overflow errors), registered again under pg_proc's names.
 */
import { sameType, T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import { compareValues } from '../compare.js';
import type { ScalarFunction, ScalarOverload } from '../function-types.js';
import { arithmeticOperators } from '../operators/arithmetic-operators.js';
import { scalar } from '../overload-builders.js';

/** The `symbol` operator's overload over exactly `types`. */
function operatorOverload(symbol: string, types: readonly SqlType[]): ScalarOverload {
  const found = arithmeticOperators.filter((f) => f.name === symbol).flatMap((f) => f.overloads)
    .find((o) => o.args.length === types.length && o.args.every((a, i) => typeof a !== 'string' && sameType(a, types[i]!)));
  if (!found) throw new Error(`no operator ${symbol} over ${types.map((t) => t.id).join(', ')}`);
  return found;
}

const OPERATOR_NAMES: readonly [string, string, SqlType][] = [
  ['int2pl', '+', T.int2], ['int4pl', '+', T.int4], ['int8pl', '+', T.int8], ['float4pl', '+', T.float4], ['float8pl', '+', T.float8],
  ['numeric_add', '+', T.numeric],
  ['int2mi', '-', T.int2], ['int4mi', '-', T.int4], ['int8mi', '-', T.int8], ['float8mi', '-', T.float8], ['numeric_sub', '-', T.numeric],
  ['int2mul', '*', T.int2], ['int4mul', '*', T.int4], ['int8mul', '*', T.int8], ['float8mul', '*', T.float8], ['numeric_mul', '*', T.numeric],
];

const INTEGER_TYPES: readonly [string, SqlType][] = [['int2', T.int2], ['int4', T.int4], ['int8', T.int8], ['float4', T.float4], ['float8', T.float8]];

/** larger / smaller of two values of one type (int4larger …). */
function extremes(): ScalarFunction[] {
  return INTEGER_TYPES.flatMap(([prefix, type]) => [
    { name: `${prefix}larger`, overloads: [scalar([type, type], type, ([a, b]) => (compareValues(a!, b!) >= 0 ? a! : b!))] },
    { name: `${prefix}smaller`, overloads: [scalar([type, type], type, ([a, b]) => (compareValues(a!, b!) <= 0 ? a! : b!))] },
  ]);
}

const plusInt8 = operatorOverload('+', [T.int8, T.int8]);

/** int2_sum / int4_sum: sum's transition, not strict (a NULL state takes the first value). */
function integerSum(input: SqlType): ScalarOverload {
  return scalar([T.int8, input], T.int8, ([state, x], ctx, types) => {
    if (x === null) return state ?? null;
    const value: Value = BigInt(x as number);
    return state === null ? value : plusInt8.call!([state, value], ctx, [T.int8, types[1]!]);
  }, { strict: false });
}

export const operatorNamedFunctions: readonly ScalarFunction[] = [
  ...OPERATOR_NAMES.map(([name, symbol, type]) => ({ name, overloads: [operatorOverload(symbol, [type, type])] })),
  ...extremes(),
  { name: 'int2_sum', overloads: [integerSum(T.int2)] },
  { name: 'int4_sum', overloads: [integerSum(T.int4)] },
  // count's transitions: int8inc (count(*)), int8inc_any (count(x), strict in its argument).
  { name: 'int8inc', overloads: [scalar([T.int8], T.int8, ([n], ctx) => plusInt8.call!([n!, 1n], ctx, [T.int8, T.int8]))] },
  { name: 'int8inc_any', overloads: [scalar([T.int8, 'any'], T.int8, ([n], ctx) => plusInt8.call!([n!, 1n], ctx, [T.int8, T.int8]))] },
];
