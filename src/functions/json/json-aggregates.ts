/**
 * json_agg / jsonb_agg (NULL inputs become JSON null) and json_object_agg /
 * jsonb_object_agg, with PostgreSQL's json spacing (`[1, 2]`, `{ "k" : v, "k2" : v2 }`);
 * jsonb results are normalised.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { normaliseJsonb } from '../../types/jsonb-text.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Accumulator, AggregateFunction } from '../function-types.js';
import { aggregate } from '../overload-builders.js';
import { toJsonText } from './to-json.js';

function arrayAgg(jsonb: boolean) {
  return (types: readonly SqlType[]): Accumulator => {
    const items: string[] = [];
    return {
      add: ([v]) => { items.push(toJsonText(v!, types[0]!)); },
      result: () => {
        if (items.length === 0) return null;
        const text = `[${items.join(', ')}]`;
        return jsonb ? normaliseJsonb(text) : text;
      },
    };
  };
}

function objectAgg(jsonb: boolean) {
  return (types: readonly SqlType[]): Accumulator => {
    const items: string[] = [];
    return {
      add: ([k, v]) => {
        if (k === null) throw new SqlError(SQLSTATE.NullValueNotAllowed, 'field name must not be null');
        const key = types[0]!.id === 'text' ? String(k) : JSON.parse(toJsonText(k!, types[0]!)).toString();
        items.push(`${JSON.stringify(key)} : ${toJsonText(v!, types[1]!)}`);
      },
      result: () => {
        if (items.length === 0) return null;
        const text = `{ ${items.join(', ')} }`;
        return jsonb ? normaliseJsonb(text) : text;
      },
    };
  };
}

export const jsonAggregates: readonly AggregateFunction[] = [
  { name: 'json_agg', overloads: [aggregate(['anyelement'], T.json, arrayAgg(false), false, true)] },
  { name: 'jsonb_agg', overloads: [aggregate(['anyelement'], T.jsonb, arrayAgg(true), false, true)] },
  { name: 'json_object_agg', overloads: [aggregate(['any', 'any'], T.json, objectAgg(false), false, true)] },
  { name: 'jsonb_object_agg', overloads: [aggregate(['any', 'any'], T.jsonb, objectAgg(true), false, true)] },
];
