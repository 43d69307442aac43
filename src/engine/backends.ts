/**
 * The engine's view of the stages below it: parse, prepare (bind + plan), catalog transactions
 * and the store. Parser, executor and catalog are loaded by name at open time so the server
 * (and its protocol tests) still start while a stage is missing; a missing stage answers
 * 0A000 instead of crashing.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { CatalogTransaction } from '../catalog/catalog-transaction.js';
import type { PlanContext, PreparedStatement } from '../execution/statement-api.js';
import type { ParsedStatement, Statement } from '../parser/ast.js';
import type { Store } from '../storage/storage-api.js';

export interface EngineBackends {
  parse(sql: string): ParsedStatement[];
  prepareStatement(statement: Statement, ctx: PlanContext): PreparedStatement;
  beginTransaction(store: Store): CatalogTransaction;
}

/** Module paths relative to this file (ESM, compiled next to each other in dist/). */
const PARSER_MODULE = '../parser/index.js';
const EXECUTION_MODULE = '../execution/index.js';
const CATALOG_MODULE = '../catalog/index.js';

async function loadExport<F>(specifier: string, name: string): Promise<F | undefined> {
  try {
    const mod = (await import(specifier)) as Record<string, unknown>;
    return typeof mod[name] === 'function' ? (mod[name] as F) : undefined;
  } catch (err) {
    // Only a missing module is tolerated; a module that fails to load is a bug to surface.
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && String((err as Error).message).includes(specifier.slice(3))) {
      return undefined;
    }
    throw err;
  }
}

function missing(stage: string): never {
  throw new SqlError(SQLSTATE.FeatureNotSupported, `${stage} is not available in this build`);
}

/** Loads the stages that exist; the others throw 0A000 when used. */
export async function loadBackends(): Promise<EngineBackends> {
  const parse = await loadExport<EngineBackends['parse']>(PARSER_MODULE, 'parse');
  const prepareStatement = await loadExport<EngineBackends['prepareStatement']>(EXECUTION_MODULE, 'prepareStatement');
  const beginTransaction = await loadExport<EngineBackends['beginTransaction']>(CATALOG_MODULE, 'beginTransaction');
  return {
    parse: parse ?? (() => missing('the SQL parser')),
    prepareStatement: prepareStatement ?? (() => missing('the query executor')),
    beginTransaction: beginTransaction ?? (() => missing('the catalog')),
  };
}
