/**
 * Index access methods other than the recorded-only btree: an extension adds one per
 * `USING <method>` name to its database's registry (the CLIP extension adds `hnsw`), and CREATE
 * INDEX calls its `build` before the index enters the catalog. A database without it answers 0A000.
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

/** The method `name` of the running statement's database. */
export function indexMethod(name: string, ctx: ExecContext): IndexMethod {
  const method = ctx.run.extensions?.indexMethod(name);
  if (!method) throw new SqlError(SQLSTATE.FeatureNotSupported, `access method "${name}" is not available in this database`);
  return method;
}
