/**
 * Index access methods other than the recorded-only btree: an extension registers one per
 * `USING <method>` name (the CLIP extension registers `hnsw`), and CREATE INDEX calls its
 * `build` before the index enters the catalog. Until one is registered the method is 0A000.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { StoredIndex, StoredTable } from '../../storage/storage-api.js';
import type { ExecContext } from '../exec-context.js';

export interface IndexMethod {
  /**
   * Builds the index's data over `table` as the statement sees it; cancellable through the
   * run's signal (57014, nothing kept). The caller writes the catalog entry afterwards.
   */
  build(table: StoredTable, index: StoredIndex, ctx: ExecContext): Promise<void>;
}

const methods = new Map<string, IndexMethod>();

export function registerIndexMethod(name: string, method: IndexMethod): void {
  methods.set(name, method);
}

export function indexMethod(name: string): IndexMethod {
  const method = methods.get(name);
  if (!method) throw new SqlError(SQLSTATE.FeatureNotSupported, `access method "${name}" is not available in this database`);
  return method;
}
