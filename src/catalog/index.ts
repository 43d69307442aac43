/**
 * The catalog layer's public surface: the transaction contract, `beginTransaction` over a
 * Store, and pure ALTER TABLE helpers for the executor.
 */
export * from './catalog-transaction.js';
export { beginTransaction } from './store-catalog-transaction.js';
export { TemporaryRelations } from './temporary-relations.js';
export { parseRelationName, TEMP_SCHEMA, type RelationName } from './relation-name.js';
export { createStoredTable } from './create-stored-table.js';
export { familyShape, relationShape } from './relation-shape.js';
export { addColumn, alterColumn, dropColumn, findColumn, renameColumn, renameTable } from './alter-stored-table.js';
export {
  chooseRelationName, columnsUsingSequence, createNameTaken, defaultSequenceName, dependentViews, viewsReadingColumn, findIndex, nextvalDefault, ownedSequences,
  referencingConstraints, relationNameTaken, withComment, withObjects, withoutConstraint, withoutIndex,
} from './schema-objects.js';
export { defineSequence, restartValue, sequenceNumbers, type SequenceSettings } from './sequence-definition.js';
export { initialCounter, nextCounter, setCounter } from './sequence-counter.js';
export { descendantsOf, inheritsFrom, isPartition, isPartitioned, parentsOf, partitionAncestors } from './inheritance.js';
export { findUserType, replaceEmbeddedType, typeDependents, typeUses, userTypeByOid, type TypeDependent } from './user-types.js';
export { assertCreatableName, baseName, findSchema, nameInSchema, schemaExists, userSchemaOf } from './schemas.js';
export { functionSignatureText, functionsKey, inputParameters, outputParameters, parameterTypeName, userFunctions, userFunctionsNamed } from './user-functions.js';
