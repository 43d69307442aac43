/**
 * Values crossing PL/pgSQL assignments: conversion to a variable's declared type (PostgreSQL
 * converts on assignment, by cast or text I/O), record variables taking a row's shape, fields
 * and array elements set one at a time, and the NOT NULL / CONSTANT rules.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { castValue } from '../../functions/casts.js';
import { checkArraySize } from '../../functions/value-limits.js';
import type { CastOptions } from '../../functions/casts.js';
import { elementTypeOf, recordType, sameType, type SqlType } from '../../types/sql-type.js';
import { RecordValue, type Value } from '../../types/value.js';
import type { ResultColumn } from '../../execution/statement-api.js';
import type { PlVariable } from './plpgsql-scope.js';

/** A value with its type, as expressions produce them. */
export interface Typed {
  readonly value: Value;
  readonly type: SqlType;
}

/** `value` of type `from` as type `to`. */
export function convertValue(value: Value, from: SqlType, to: SqlType, opts: CastOptions): Value {
  if (value === null) return null;
  if (to.fields && to.fields.length === 0) return value;
  if (value instanceof RecordValue && to.fields) {
    if (value.values.length !== to.fields.length) {
      throw new SqlError(SQLSTATE.DatatypeMismatch, 'returned record type does not match expected record type',
        { detail: `Number of returned columns (${value.values.length}) does not match expected column count (${to.fields.length}).` });
    }
    const types = to.fields.map((f) => f.type);
    return new RecordValue(value.values.map((v, i) => convertValue(v, value.types[i]!, types[i]!, opts)), types);
  }
  if (sameType(from, to) && from.typmod === to.typmod) return value;
  return castValue(value, from.id === 'unknown' ? { ...from, id: 'text' } : from, to, false, opts);
}

/** Stores `typed` in `v`, converted to its type (a `record` variable takes the value's row type). */
export function storeVariable(v: PlVariable, typed: Typed, opts: CastOptions): void {
  if (v.anyRecord) {
    if (typed.value !== null && !(typed.value instanceof RecordValue)) {
      throw new SqlError(SQLSTATE.DatatypeMismatch, 'cannot assign non-composite value to a record variable');
    }
    v.type = typed.type;
    v.value = typed.value;
    return;
  }
  const value = convertValue(typed.value, typed.type, v.type, opts);
  if (value === null && v.notNull) {
    throw new SqlError(SQLSTATE.NullValueNotAllowed, `null value cannot be assigned to variable "${v.name}" declared NOT NULL`);
  }
  v.value = value;
}

/** A row of a query as a record value. */
export function rowRecord(columns: readonly ResultColumn[], row: readonly Value[] | undefined): Typed {
  const type = recordType(columns.map((c) => ({ name: c.name, type: c.type })));
  return { type, value: row ? new RecordValue([...row], columns.map((c) => c.type)) : null };
}

/** Sets field `field` of a record variable. */
export function storeField(v: PlVariable, field: string, typed: Typed, opts: CastOptions): void {
  const fields = v.type.fields;
  if (!fields || (v.anyRecord && fields.length === 0)) {
    throw new SqlError(SQLSTATE.ObjectNotInPrerequisiteState, `record "${v.name}" is not assigned yet`,
      { detail: 'The tuple structure of a not-yet-assigned record is indeterminate.' });
  }
  const at = fields.findIndex((f) => f.name === field);
  if (at < 0) throw new SqlError(SQLSTATE.UndefinedColumn, `record "${v.name}" has no field "${field}"`);
  const types = fields.map((f) => f.type);
  const values = v.value instanceof RecordValue ? [...v.value.values] : types.map(() => null);
  values[at] = convertValue(typed.value, typed.type, types[at]!, opts);
  v.value = new RecordValue(values, types);
}

/** Sets element `index` (1-based) of an array variable, growing it with NULLs as PostgreSQL does. */
export function storeElement(v: PlVariable, index: number, typed: Typed, opts: CastOptions): void {
  if (!v.type.array) throw new SqlError(SQLSTATE.DatatypeMismatch, `cannot subscript type ${v.type.id} because it does not support subscripting`);
  const element = elementTypeOf(v.type);
  const current = v.value === null ? [] : Array.from(v.value as ArrayLike<Value>);
  if (index < 1) throw new SqlError(SQLSTATE.FeatureNotSupported, 'array subscripts below 1 in PL/pgSQL assignments are not supported');
  // PostgreSQL's limit before growing, so `a[2147483647] := 1` fails at once (54000) instead of filling memory.
  checkArraySize(index);
  if (current.length < index) {
    const from = current.length;
    current.length = index;
    current.fill(null, from);
  }
  current[index - 1] = convertValue(typed.value, typed.type, element, opts);
  v.value = current;
}
