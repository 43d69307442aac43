/**
 * The json and jsonb function families, as the registry takes them.
 */
import type { ScalarFunction, TableFunction } from '../function-types.js';
import { jsonAccessFunctions } from './json-access.js';
import { jsonBuildFunctions } from './json-build.js';
import { jsonInspectFunctions } from './json-inspect.js';
import { jsonbContainmentFunctions } from './jsonb-containment.js';
import { jsonbModifyFunctions } from './jsonb-modify.js';
import { jsonRecordFunctions, jsonRecordsetFunctions } from './json-record-functions.js';
import { jsonSetFunctions } from './json-set-functions.js';
import { jsonPathFunctions, jsonPathTableFunctions } from './jsonpath-functions.js';

export { jsonAggregates } from './json-aggregates.js';

export const jsonScalarFunctions: readonly ScalarFunction[] = [
  ...jsonAccessFunctions, ...jsonBuildFunctions, ...jsonInspectFunctions, ...jsonbContainmentFunctions, ...jsonbModifyFunctions,
  ...jsonRecordFunctions, ...jsonPathFunctions,
];

export const jsonTableFunctions: readonly TableFunction[] = [...jsonSetFunctions, ...jsonRecordsetFunctions, ...jsonPathTableFunctions];
