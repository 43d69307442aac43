/**
 * Public surface of functions/: the registry of scalar functions, operators, aggregates and
 * table functions; casts; value comparison and hashing; LIKE and regex helpers.
 */
export * from './function-types.js';
export { FunctionRegistry } from './function-registry.js';
export { builtinRegistry, createBuiltinRegistry } from './builtins.js';
export { resolveOverload, type Resolved } from './resolve-overload.js';
export { castContext, canCast, castValue, cannotCast, isStringType, isNumericType, type CastContext } from './casts.js';
export { applyTypmod } from './typmod.js';
export { commonType } from './type-resolution.js';
export { compareValues, valuesEqual, valueKey, rowKey } from './compare.js';
export { like } from './operators/like.js';
export { regexMatches } from './operators/posix-regex.js';
export { arrayItems, makeArray, elementType, arrayTypeOf } from './array-values.js';
export { cosineSimilarity } from './scalar/vector-functions.js';
export { BACKEND_PID_KEY, SERVER_VERSION_STRING } from './scalar/system-functions.js';
export { returnTypeOf } from './function-types.js';
export { databaseName, userName } from './system/session-identity.js';
export { DATABASE_OID } from './system/catalog-oids.js';
export type * from './system/server-access.js';
