/**
 * The engine's view of the stages below it: parse, prepare (bind + plan) and catalog
 * transactions. Kept behind one interface so a session depends on three functions, not on
 * the folders' whole surfaces.
 */
import { beginTransaction, type TemporaryRelations } from '../catalog/index.js';
import type { CatalogTransaction } from '../catalog/catalog-transaction.js';
import type { PreparedStatement } from '../execution/statement-api.js';
import { parse } from '../parser/index.js';
import { prepareStatement, type StatementContext } from './prepare-statement.js';
import type { ParsedStatement, Statement } from '../parser/ast.js';
import type { Store } from '../storage/storage-api.js';

export interface EngineBackends {
  parse(sql: string): readonly ParsedStatement[];
  prepareStatement(statement: Statement, ctx: StatementContext): PreparedStatement;
  /** A catalog transaction reading the store and the session's temporary relations. */
  beginTransaction(store: Store, temporary?: TemporaryRelations): CatalogTransaction;
}

/** The pipeline's stages as the engine calls them. */
export const BACKENDS: EngineBackends = { parse, prepareStatement, beginTransaction };
