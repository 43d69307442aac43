/**
 * How SQL values are represented in memory, everywhere between storage and the wire.
 *
 * | SQL type                         | JS representation                                    |
 * |----------------------------------|------------------------------------------------------|
 * | NULL                             | null                                                 |
 * | bool                             | boolean                                              |
 * | int2, int4, oid, reg*            | number (integral)                                    |
 * | int8                             | bigint                                               |
 * | xid8                             | bigint (unsigned: 0 … 2^64 − 1)                      |
 * | float4, float8                   | number                                               |
 * | numeric                          | Decimal (decimal.js); NaN as Decimal(NaN); may carry |
 * |                                  |   its display scale as own prop `dscale` (see        |
 * |                                  |   types/numeric-codec.ts withScale/scaleOf)          |
 * | text, varchar, bpchar, name,     | string                                               |
 * |   char, json, uuid, pg_snapshot  |   (pg_snapshot: its canonical `xmin:xmax:xip` text)  |
 * | jsonb                            | JsonbValue (parsed tree + text, see jsonb-value.ts)  |
 * | date                             | number: days since 1970-01-01 (±Infinity allowed)    |
 * | time                             | number: microseconds since midnight                  |
 * | timestamp, timestamptz           | number: microseconds since 1970-01-01 00:00 UTC      |
 * | interval                         | Interval {months, days, micros}                      |
 * | bytea                            | Uint8Array                                           |
 * | float4[] without NULL elements   | Float32Array (embeddings: no per-element boxing)     |
 * | any other array                  | readonly Value[] (flat; shape: array-shape.ts)       |
 * | record (ROW(…), SRF as a value)  | RecordValue (field values with their types)          |
 */
import type { Decimal } from 'decimal.js';
import type { JsonbValue } from './jsonb-value.js';
import type { SqlType } from './sql-type.js';

export interface Interval {
  readonly months: number;
  readonly days: number;
  readonly micros: number;
}

export type ScalarValue = boolean | number | bigint | string | Decimal | Interval | Uint8Array | JsonbValue;
export type Value = null | ScalarValue | Float32Array | readonly Value[] | RecordValue;

/** A composite value: its fields, with the types its text and binary forms need. */
export class RecordValue {
  constructor(readonly values: readonly Value[], readonly types: readonly SqlType[]) {}
}

/** A row as the executor passes it: one value per output column. */
export type Row = Value[];

/** Microseconds per day, for date ↔ timestamp arithmetic. */
export const MICROS_PER_DAY = 86_400_000_000;
