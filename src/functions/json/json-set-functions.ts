/**
 * Set-returning json functions: json[b]_each[_text] (key, value), json[b]_array_elements[_text]
 * (value) and json[b]_object_keys, lazily, with PostgreSQL's error for each wrong kind of input.
 * json keeps duplicate keys and each element's text as written.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { JsonbValue } from '../../types/jsonb-value.js';
import { JsonbObject, jsonbKind } from '../../types/jsonb-node.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { TableFunction, TableFunctionOverload } from '../function-types.js';
import { jsonbAsText } from './json-access.js';
import { jsonAsText, parseJsonTree } from './json-tree.js';

function invalid(message: string): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, message);
}

function srf(arg: SqlType, returns: readonly SqlType[], columnNames: readonly string[] | undefined,
  rows: (doc: Value) => Iterable<Value[]>): TableFunctionOverload {
  return { args: [arg], returns: () => returns, ...(columnNames ? { columnNames } : {}), strict: true, rows: ([d]) => rows(d!) };
}

function* jsonEach(doc: Value, asText: boolean): Iterable<Value[]> {
  const tree = parseJsonTree(doc as string);
  if (tree.kind === 'array') throw invalid('cannot deconstruct an array as an object');
  if (tree.kind !== 'object') throw invalid('cannot deconstruct a scalar');
  for (const [key, value] of tree.entries) yield [key, asText ? jsonAsText(value) : value.raw];
}

function* jsonbEach(doc: Value, asText: boolean): Iterable<Value[]> {
  const root = (doc as JsonbValue).root;
  if (!(root instanceof JsonbObject)) throw invalid(`cannot call ${asText ? 'jsonb_each_text' : 'jsonb_each'} on a non-object`);
  for (let i = 0; i < root.size; i++) {
    const value = root.values[i]!;
    yield [root.keys[i]!, asText ? jsonbAsText(value) : JsonbValue.of(value)];
  }
}

function* jsonElements(doc: Value, asText: boolean): Iterable<Value[]> {
  const tree = parseJsonTree(doc as string);
  const name = asText ? 'json_array_elements_text' : 'json_array_elements';
  if (tree.kind === 'object') throw invalid(`cannot call ${name} on a non-array`);
  if (tree.kind !== 'array') throw invalid(`cannot call ${name} on a scalar`);
  for (const item of tree.items) yield [asText ? jsonAsText(item) : item.raw];
}

function* jsonbElements(doc: Value, asText: boolean): Iterable<Value[]> {
  const root = (doc as JsonbValue).root;
  if (root instanceof JsonbObject) throw invalid('cannot extract elements from an object');
  if (!Array.isArray(root)) throw invalid('cannot extract elements from a scalar');
  for (const item of root) yield [asText ? jsonbAsText(item) : JsonbValue.of(item)];
}

function* jsonKeys(doc: Value): Iterable<Value[]> {
  const tree = parseJsonTree(doc as string);
  if (tree.kind === 'array') throw invalid('cannot call json_object_keys on an array');
  if (tree.kind !== 'object') throw invalid('cannot call json_object_keys on a scalar');
  for (const [key] of tree.entries) yield [key];
}

function* jsonbKeys(doc: Value): Iterable<Value[]> {
  const root = (doc as JsonbValue).root;
  if (!(root instanceof JsonbObject)) {
    throw invalid(`cannot call jsonb_object_keys on ${jsonbKind(root) === 'array' ? 'an array' : 'a scalar'}`);
  }
  for (const key of root.keys) yield [key];
}

const KEY_VALUE = ['key', 'value'];
const VALUE = ['value'];

export const jsonSetFunctions: readonly TableFunction[] = [
  { name: 'json_each', overloads: [srf(T.json, [T.text, T.json], KEY_VALUE, (d) => jsonEach(d, false))] },
  { name: 'json_each_text', overloads: [srf(T.json, [T.text, T.text], KEY_VALUE, (d) => jsonEach(d, true))] },
  { name: 'jsonb_each', overloads: [srf(T.jsonb, [T.text, T.jsonb], KEY_VALUE, (d) => jsonbEach(d, false))] },
  { name: 'jsonb_each_text', overloads: [srf(T.jsonb, [T.text, T.text], KEY_VALUE, (d) => jsonbEach(d, true))] },
  { name: 'json_array_elements', overloads: [srf(T.json, [T.json], VALUE, (d) => jsonElements(d, false))] },
  { name: 'json_array_elements_text', overloads: [srf(T.json, [T.text], VALUE, (d) => jsonElements(d, true))] },
  { name: 'jsonb_array_elements', overloads: [srf(T.jsonb, [T.jsonb], VALUE, (d) => jsonbElements(d, false))] },
  { name: 'jsonb_array_elements_text', overloads: [srf(T.jsonb, [T.text], VALUE, (d) => jsonbElements(d, true))] },
  { name: 'json_object_keys', overloads: [srf(T.json, [T.text], undefined, jsonKeys)] },
  { name: 'jsonb_object_keys', overloads: [srf(T.jsonb, [T.text], undefined, jsonbKeys)] },
];
