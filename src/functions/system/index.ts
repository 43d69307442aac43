/**
 * System catalog functions (pg_* information functions, privileges, sizes, regclass-style
 * names) registered with the built-ins. Catalog data reaches them through
 * `EvalContext.catalog` (see catalog-lookup.ts).
 */
import type { ScalarFunction } from '../function-types.js';
import { advisoryLockFunctions } from './advisory-lock-functions.js';
import { catalogInfoFunctions } from './catalog-info-functions.js';
import { catalogSetScalars } from './catalog-table-functions.js';
import { privilegeFunctions } from './privilege-functions.js';
import { procInfoFunctions } from './proc-info-functions.js';
import { sequenceFunctions } from './sequence-functions.js';
import { sessionFunctions } from './session-functions.js';
import { xactIdFunctions } from './xact-id-functions.js';
import { pgSnapshotFunctions } from './pg-snapshot-functions.js';
import { sizeFunctions } from './size-functions.js';

export const systemCatalogFunctions: readonly ScalarFunction[] = [
  ...catalogInfoFunctions, ...procInfoFunctions, ...privilegeFunctions, ...sizeFunctions, ...sessionFunctions, ...xactIdFunctions, ...pgSnapshotFunctions,
  ...catalogSetScalars, ...sequenceFunctions, ...advisoryLockFunctions,
];
export { catalogTableFunctions } from './catalog-table-functions.js';
export { pgSnapshotTableFunctions } from './pg-snapshot-functions.js';
export type { CatalogLookup, RelationInfo } from './catalog-lookup.js';
export type { SequenceAccess } from './sequence-access.js';
