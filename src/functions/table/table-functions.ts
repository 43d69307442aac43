/**
 * Set-returning functions for FROM (and the select list): generate_series over integers,
 * numerics and timestamps, and unnest over arrays. Rows are produced lazily.
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { dimensionOf, shapeOf } from '../../types/array-shape.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Interval, Value } from '../../types/value.js';
import { arrayItems, elementType } from '../array-values.js';
import { addInterval, intervalMicros } from '../datetime/interval-math.js';
import type { TableFunction, TableFunctionOverload } from '../function-types.js';
import { numericAdd } from '../numeric-math.js';

function zeroStep(): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, 'step size cannot equal zero');
}

function* numberSeries(start: number, stop: number, step: number): Iterable<Value[]> {
  if (step === 0) throw zeroStep();
  for (let i = start; step > 0 ? i <= stop : i >= stop; i += step) yield [i];
}

function* bigintSeries(start: bigint, stop: bigint, step: bigint): Iterable<Value[]> {
  if (step === 0n) throw zeroStep();
  for (let i = start; step > 0n ? i <= stop : i >= stop; i += step) yield [i];
}

/** PostgreSQL refuses NaN and infinite bounds for numeric series (they would never end). */
function checkNumericBound(value: Decimal, what: string): void {
  if (value.isNaN()) throw new SqlError(SQLSTATE.InvalidParameterValue, `${what} cannot be NaN`);
  if (!value.isFinite()) throw new SqlError(SQLSTATE.InvalidParameterValue, `${what} cannot be infinity`);
}

function* numericSeries(start: Decimal, stop: Decimal, step: Decimal): Iterable<Value[]> {
  checkNumericBound(start, 'start value');
  checkNumericBound(stop, 'stop value');
  checkNumericBound(step, 'step size');
  if (step.isZero()) throw zeroStep();
  for (let i = start; step.gt(0) ? i.lte(stop) : i.gte(stop); i = numericAdd(i, step)) yield [i];
}

function* timeSeries(start: number, stop: number, step: Interval): Iterable<Value[]> {
  const direction = intervalMicros(step);
  if (direction === 0) throw zeroStep();
  for (let t = start; direction > 0 ? t <= stop : t >= stop; t = addInterval(t, step)) yield [t];
}

function series(type: SqlType): TableFunctionOverload[] {
  const rows = (args: readonly Value[]) => {
    if (type.id === 'int8') return bigintSeries(args[0] as bigint, args[1] as bigint, (args[2] as bigint | undefined) ?? 1n);
    if (type.id === 'numeric') return numericSeries(args[0] as Decimal, args[1] as Decimal, (args[2] as Decimal | undefined) ?? new Decimal(1));
    return numberSeries(args[0] as number, args[1] as number, (args[2] as number | undefined) ?? 1);
  };
  return [
    { args: [type, type], returns: () => [type], strict: true, rows },
    { args: [type, type, type], returns: () => [type], strict: true, rows },
  ];
}

export const tableFunctions: readonly TableFunction[] = [
  { name: 'generate_series', overloads: [
    ...series(T.int4), ...series(T.int8), ...series(T.numeric),
    ...[T.timestamp, T.timestamptz].map((type): TableFunctionOverload => ({
      args: [type, type, T.interval], returns: () => [type], strict: true,
      rows: (args) => timeSeries(args[0] as number, args[1] as number, args[2] as Interval),
    })),
  ] },
  { name: 'unnest', overloads: [{
    args: ['anyarray'], returns: (types) => [elementType(types[0]!)], strict: true,
    rows: (args) => elementRows(args[0]!),
  }] },
  // information_schema._pg_expandarray(a): (x, n) per element (pgJDBC getPrimaryKeys/getIndexInfo).
  { name: '_pg_expandarray', overloads: [{
    args: ['anyarray'], returns: (types) => [elementType(types[0]!), T.int4], columnNames: ['x', 'n'], strict: true,
    rows: (args) => arrayItems(args[0]!).map((item, i) => [item, i + 1]),
  }] },
  // The subscripts of one dimension, from its lower bound; none for a dimension the array lacks.
  { name: 'generate_subscripts', overloads: [
    { args: ['anyarray', T.int4], returns: () => [T.int4], strict: true, rows: (args) => subscripts(args[0]!, args[1] as number, false) },
    { args: ['anyarray', T.int4, T.bool], returns: () => [T.int4], strict: true,
      rows: (args) => subscripts(args[0]!, args[1] as number, args[2] as boolean) },
  ] },
];

function* subscripts(array: Value, dim: number, reverse: boolean): Iterable<Value[]> {
  const { length, lower } = dimensionOf(shapeOf(array), dim) ?? { length: 0, lower: 1 };
  for (let i = 0; i < length; i++) yield [lower + (reverse ? length - 1 - i : i)];
}

/** One row per array element, produced lazily. */
function* elementRows(array: Value): Iterable<Value[]> {
  for (const item of arrayItems(array)) yield [item];
}
