/**
 * Date/time arithmetic operators: date ± int, date - date, date/timestamp/timestamptz ±
 * interval, timestamp differences, interval ± interval, interval * / number, unary minus.
 */
import { T } from '../../types/sql-type.js';
import { MICROS_PER_DAY, type Interval } from '../../types/value.js';
import type { ScalarFunction } from '../function-types.js';
import { checkSmallInt } from '../numeric-limits.js';
import { scalar } from '../overload-builders.js';
import { addInterval, intervalAdd, intervalScale, timestampDiff } from '../datetime/interval-math.js';
import { divideInterval, multiplyInterval } from '../datetime/interval-scale.js';

const time = { id: 'time', array: false, typmod: -1 } as const;

const stamps = [T.timestamp, T.timestamptz];

export const datetimeOperators: readonly ScalarFunction[] = [
  { name: '+', overloads: [
    scalar([T.date, T.int4], T.date, ([d, n]) => (d as number) + (n as number)),
    scalar([T.int4, T.date], T.date, ([n, d]) => (d as number) + (n as number)),
    scalar([T.date, T.interval], T.timestamp, ([d, i]) => addInterval((d as number) * MICROS_PER_DAY, i as Interval)),
    scalar([T.interval, T.date], T.timestamp, ([i, d]) => addInterval((d as number) * MICROS_PER_DAY, i as Interval)),
    scalar([T.date, time], T.timestamp, ([d, t]) => (d as number) * MICROS_PER_DAY + (t as number)),
    ...stamps.map((type) => scalar([type, T.interval], type, ([t, i]) => addInterval(t as number, i as Interval))),
    ...stamps.map((type) => scalar([T.interval, type], type, ([i, t]) => addInterval(t as number, i as Interval))),
    scalar([T.interval, T.interval], T.interval, ([a, b]) => intervalAdd(a as Interval, b as Interval)),
  ] },
  { name: '-', overloads: [
    scalar([T.date, T.date], T.int4, ([a, b]) => checkSmallInt((a as number) - (b as number), 'int4')),
    scalar([T.date, T.int4], T.date, ([d, n]) => (d as number) - (n as number)),
    scalar([T.date, T.interval], T.timestamp, ([d, i]) => addInterval((d as number) * MICROS_PER_DAY, i as Interval, -1)),
    ...stamps.map((type) => scalar([type, T.interval], type, ([t, i]) => addInterval(t as number, i as Interval, -1))),
    ...stamps.map((type) => scalar([type, type], T.interval, ([a, b]) => timestampDiff(a as number, b as number))),
    scalar([T.interval, T.interval], T.interval, ([a, b]) => intervalAdd(a as Interval, b as Interval, -1)),
    scalar([T.interval], T.interval, ([a]) => intervalScale(a as Interval, -1)),
  ] },
  { name: '*', overloads: [
    scalar([T.interval, T.float8], T.interval, ([i, f]) => multiplyInterval(i as Interval, f as number)),
    scalar([T.float8, T.interval], T.interval, ([f, i]) => multiplyInterval(i as Interval, f as number)),
  ] },
  { name: '/', overloads: [
    scalar([T.interval, T.float8], T.interval, ([i, f]) => divideInterval(i as Interval, f as number)),
  ] },
];
