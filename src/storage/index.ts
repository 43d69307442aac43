/**
 * The storage layer's public surface: the Store contract, `openStore`, and the chunk helpers
 * a vector scan uses to view embeddings in place.
 */
export * from './storage-api.js';
export { openStore } from './lmdb-store.js';
export type { OpenStoreOptions } from './store-layout.js';
export { ROW_GROUP_ROWS } from './row-group-writer.js';
export { FIRST_USER_OID } from './catalog-serde.js';
export { encodeChunk, decodeChunk } from './chunk-codec.js';
export { readVectorMatrix, type VectorMatrix } from './chunk-codec-vector.js';
