/**
 * json_agg / jsonb_agg (NULL inputs become JSON null) and json_object_agg / jsonb_object_agg
 * (a NULL key is 22023), with PostgreSQL's json spacing: `[1, 2]`, records and arrays after the
 * first on a new line (`[{"a":1}, \n {"a":2}]`), `{ "k" : v, "k2" : v2 }`. jsonb results are
 * trees (a repeated key keeps its last value).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { JsonbValue } from '../../types/jsonb-value.js';
import { JsonbObject, type JsonbNode } from '../../types/jsonb-node.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Accumulator, AggregateFunction } from '../function-types.js';
import { aggregate } from '../overload-builders.js';
import { jsonKeyText, toJsonb, toJsonText } from './to-json.js';

function nullKey(): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, 'field name must not be null');
}

function jsonAgg(types: readonly SqlType[]): Accumulator {
  const type = types[0]!;
  const structured = type.array || type.fields !== undefined;
  let text = '';
  let count = 0;
  return {
    add: ([v]) => {
      if (count > 0) text += v !== null && structured ? ', \n ' : ', ';
      text += toJsonText(v!, type);
      count++;
    },
    result: () => (count === 0 ? null : `[${text}]`),
  };
}

function jsonbAgg(types: readonly SqlType[]): Accumulator {
  const items: JsonbNode[] = [];
  return {
    add: ([v]) => { items.push(toJsonb(v!, types[0]!)); },
    result: () => (items.length === 0 ? null : JsonbValue.of(items)),
  };
}

function jsonObjectAgg(types: readonly SqlType[]): Accumulator {
  const parts: string[] = [];
  return {
    add: ([k, v]) => {
      if (k === null) throw nullKey();
      parts.push(`${toJsonText(k!, types[0]!, undefined, true)} : ${toJsonText(v!, types[1]!)}`);
    },
    result: () => (parts.length === 0 ? null : `{ ${parts.join(', ')} }`),
  };
}

function jsonbObjectAgg(types: readonly SqlType[]): Accumulator {
  const keys: string[] = [];
  const values: JsonbNode[] = [];
  return {
    add: ([k, v]) => {
      if (k === null) throw nullKey();
      keys.push(jsonKeyText(k!, types[0]!));
      values.push(toJsonb(v!, types[1]!));
    },
    result: () => (keys.length === 0 ? null : JsonbValue.of(JsonbObject.fromPairs(keys, values))),
  };
}

export const jsonAggregates: readonly AggregateFunction[] = [
  { name: 'json_agg', overloads: [aggregate(['anyelement'], T.json, jsonAgg, false, true)] },
  { name: 'jsonb_agg', overloads: [aggregate(['anyelement'], T.jsonb, jsonbAgg, false, true)] },
  { name: 'json_object_agg', overloads: [aggregate(['any', 'any'], T.json, jsonObjectAgg, false, true)] },
  { name: 'jsonb_object_agg', overloads: [aggregate(['any', 'any'], T.jsonb, jsonbObjectAgg, false, true)] },
];
