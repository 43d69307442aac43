/**
 * count, sum and avg with PostgreSQL's result types: count → int8; sum(int2|int4) → int8,
 * sum(int8) → numeric, sum(float) keeps the float type; avg(integer|numeric) → numeric,
 * avg(float) → float8; sum/avg(interval) → interval.
 */
import { Decimal } from 'decimal.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Interval, Value } from '../../types/value.js';
import { withScale } from '../../types/numeric-codec.js';
import type { Accumulator, AggregateFunction } from '../function-types.js';
import { intervalAdd } from '../datetime/interval-math.js';
import { divideInterval } from '../datetime/interval-scale.js';
import { checkInt8 } from '../numeric-limits.js';
import { numericAdd, numericDiv } from '../numeric-math.js';
import { aggregate } from '../overload-builders.js';

type Adder = { add(value: Value): void; total(): Value; count: number };

function bigintAdder(): Adder {
  let sum = 0n;
  return { count: 0, add(v) { sum += typeof v === 'bigint' ? v : BigInt(v as number); this.count++; }, total: () => sum };
}

function numericAdder(): Adder {
  let sum = withScale(new Decimal(0), 0);
  return { count: 0, add(v) { sum = numericAdd(sum, v as Decimal); this.count++; }, total: () => sum };
}

/** float8 sums in double; float4 rounds every step to single precision, as float4pl does. */
function floatAdder(single: boolean): Adder {
  let sum = 0;
  return single
    ? { count: 0, add(v) { sum = Math.fround(sum + (v as number)); this.count++; }, total: () => sum }
    : { count: 0, add(v) { sum += v as number; this.count++; }, total: () => sum };
}

function intervalAdder(): Adder {
  let sum: Interval = { months: 0, days: 0, micros: 0 };
  return { count: 0, add(v) { sum = intervalAdd(sum, v as Interval); this.count++; }, total: () => sum };
}

function adderFor(type: SqlType): Adder {
  switch (type.id) {
    case 'int2': case 'int4': case 'int8': return bigintAdder();
    case 'numeric': return numericAdder();
    case 'interval': return intervalAdder();
    default: return floatAdder(type.id === 'float4');
  }
}

function sumAccumulator(type: SqlType): Accumulator {
  const adder = adderFor(type);
  return {
    add: ([v]) => adder.add(v!),
    result: () => {
      if (adder.count === 0) return null;
      const total = adder.total();
      if (type.id === 'int8') return withScale(new Decimal((total as bigint).toString()), 0);
      if (type.id === 'int2' || type.id === 'int4') return checkInt8(total as bigint);
      return total;
    },
  };
}

function avgAccumulator(type: SqlType): Accumulator {
  const adder = adderFor(type);
  return {
    add: ([v]) => adder.add(v!),
    result: () => {
      if (adder.count === 0) return null;
      const total = adder.total();
      if (type.id === 'interval') return divideInterval(total as Interval, adder.count);
      if (typeof total === 'number') return total / adder.count;
      const sum = total instanceof Decimal ? total : withScale(new Decimal(total!.toString()), 0);
      return numericDiv(sum, withScale(new Decimal(adder.count), 0));
    },
  };
}

function countAccumulator(): Accumulator {
  // A number counts exactly to 2^53 rows and increments far faster than a bigint.
  let count = 0;
  return { add: () => { count++; }, result: () => BigInt(count) };
}

export const countSumAvg: readonly AggregateFunction[] = [
  { name: 'count', overloads: [aggregate([], T.int8, countAccumulator, false), aggregate(['any'], T.int8, countAccumulator)] },
  { name: 'sum', overloads: [
    aggregate([T.int2], T.int8, () => sumAccumulator(T.int2)),
    aggregate([T.int4], T.int8, () => sumAccumulator(T.int4)),
    aggregate([T.int8], T.numeric, () => sumAccumulator(T.int8)),
    aggregate([T.numeric], T.numeric, () => sumAccumulator(T.numeric)),
    aggregate([T.float4], T.float4, () => sumAccumulator(T.float4)),
    aggregate([T.float8], T.float8, () => sumAccumulator(T.float8)),
    aggregate([T.interval], T.interval, () => sumAccumulator(T.interval)),
  ] },
  { name: 'avg', overloads: [
    ...[T.int2, T.int4, T.int8, T.numeric].map((type) => aggregate([type], T.numeric, () => avgAccumulator(type))),
    aggregate([T.float4], T.float8, () => avgAccumulator(T.float8)),
    aggregate([T.float8], T.float8, () => avgAccumulator(T.float8)),
    aggregate([T.interval], T.interval, () => avgAccumulator(T.interval)),
  ] },
];
