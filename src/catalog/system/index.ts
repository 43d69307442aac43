/**
 * catalog/system's public surface: finding and scanning the virtual pg_catalog and
 * information_schema relations, and the relation lookup catalog-aware functions use.
 */
export { findSystemTable, systemTables } from './system-tables.js';
export { isSystemTable, type SettingInfo, type SystemSource, type SystemTable } from './system-table.js';
export { scanSystemTable } from './scan-system-table.js';
export { createCatalogLookup, regNames } from './relation-lookup.js';
export { namespaceOf } from './relation-list.js';
