/**
 * The catalog layer's public surface: the transaction contract, `beginTransaction` over a
 * Store, and pure ALTER TABLE helpers for the executor.
 */
export * from './catalog-transaction.js';
export { beginTransaction } from './store-catalog-transaction.js';
export { createStoredTable } from './create-stored-table.js';
export { relationShape } from './relation-shape.js';
export { addColumn, alterColumn, dropColumn, findColumn, renameColumn, renameTable } from './alter-stored-table.js';
export {
  chooseRelationName, dependentViews, findIndex, referencingConstraints, relationNameTaken, withComment, withObjects,
  withoutConstraint, withoutIndex,
} from './schema-objects.js';
