/**
 * The record-returning json functions: json[b]_populate_record (a row of the base argument's
 * type; use_json_as_text is accepted and, as in PostgreSQL, has no effect), json[b]_to_record
 * (a row of the column definition list's type), and their set-returning `…set` forms.
 */
import { recordType, T, type RecordField, type SqlType } from '../../types/sql-type.js';
import type { JsonbNode } from '../../types/jsonb-node.js';
import type { Value } from '../../types/value.js';
import type { EvalContext, ScalarFunction, ScalarOverload, TableFunction, TableFunctionOverload } from '../function-types.js';
import { jsonArgument, jsonbNodeSource, jsonTreeSource, populateRecord, populateRecordset, type JsonSource } from './json-populate.js';
import type { JsonTree } from './json-tree.js';

const RECORD = recordType([]);

function source(jsonb: boolean): JsonSource<JsonTree | JsonbNode> {
  return (jsonb ? jsonbNodeSource : jsonTreeSource) as JsonSource<JsonTree | JsonbNode>;
}

function populate(jsonb: boolean, withBase: boolean) {
  return (args: readonly Value[], ctx: EvalContext, _types: readonly SqlType[], fields: readonly RecordField[]): Value => {
    const json = args[withBase ? 1 : 0]!;
    const node = json === null ? null : jsonArgument(json, jsonb);
    return populateRecord(source(jsonb), node, fields, withBase ? args[0]! : null, ctx);
  };
}

function recordFunction(jsonb: boolean, withBase: boolean, extraBool: boolean): ScalarOverload {
  const docType = jsonb ? T.jsonb : T.json;
  const args = withBase ? ['record' as const, docType, ...(extraBool ? [T.bool] : [])] : [docType];
  return {
    args, returns: withBase ? (types) => types[0]! : RECORD, volatility: 'stable', strict: !withBase,
    recordResult: withBase ? { fromArg: 0 } : {}, callRecord: populate(jsonb, withBase),
  };
}

function recordsetFunction(jsonb: boolean, withBase: boolean, extraBool: boolean, name: string): TableFunctionOverload {
  const docType = jsonb ? T.jsonb : T.json;
  return {
    args: withBase ? ['record', docType, ...(extraBool ? [T.bool] : [])] : [docType],
    returns: () => [RECORD], strict: false, recordResult: withBase ? { fromArg: 0 } : {},
    rows: (args, _types, fields, ctx) => {
      const json = args[withBase ? 1 : 0]!;
      if (json === null) return [];
      return populateRecordset(source(jsonb), jsonArgument(json, jsonb), fields!, withBase ? args[0]! : null, ctx, name, jsonb);
    },
  };
}

export const jsonRecordFunctions: readonly ScalarFunction[] = [
  { name: 'json_populate_record', overloads: [recordFunction(false, true, false), recordFunction(false, true, true)] },
  { name: 'jsonb_populate_record', overloads: [recordFunction(true, true, false)] },
  { name: 'json_to_record', overloads: [recordFunction(false, false, false)] },
  { name: 'jsonb_to_record', overloads: [recordFunction(true, false, false)] },
];

export const jsonRecordsetFunctions: readonly TableFunction[] = [
  { name: 'json_populate_recordset', overloads: [recordsetFunction(false, true, false, 'json_populate_recordset'),
    recordsetFunction(false, true, true, 'json_populate_recordset')] },
  { name: 'jsonb_populate_recordset', overloads: [recordsetFunction(true, true, false, 'jsonb_populate_recordset')] },
  { name: 'json_to_recordset', overloads: [recordsetFunction(false, false, false, 'json_to_recordset')] },
  { name: 'jsonb_to_recordset', overloads: [recordsetFunction(true, false, false, 'jsonb_to_recordset')] },
];
