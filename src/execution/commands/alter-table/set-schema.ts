/**
 * ALTER TABLE | VIEW | SEQUENCE … SET SCHEMA s: the relation is stored under its name in `s`
 * (`s.name`, or the bare name for public; catalog/schemas.ts). The sequences its columns own
 * move with a table, and the column defaults that name them follow, as PostgreSQL does; moving
 * into the schema it is already in changes nothing.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import {
  baseName, nameInSchema, ownedSequences, relationNameTaken, renameTable, schemaExists, userSchemaOf,
} from '../../../catalog/index.js';
import type { StoredTable } from '../../../storage/storage-api.js';
import type { AlterRun } from './alter-run.js';
import { renameRelation } from './rename-relation.js';

const SYSTEM_SCHEMAS: ReadonlySet<string> = new Set(['pg_catalog', 'pg_toast', 'information_schema']);

export function setSchema(run: AlterRun, schema: string): StoredTable {
  const txn = run.ctx.run.txn;
  const objects = txn.listObjects();
  const table = run.table;
  const temp = schema === 'pg_temp' || /^pg_temp_\d+$/.test(schema);
  if (!schemaExists(objects, schema)) throw new SqlError(SQLSTATE.InvalidSchemaName, `schema "${schema}" does not exist`);
  if (table.temporary || temp) throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot move objects into or out of temporary schemas');
  if (SYSTEM_SCHEMAS.has(schema)) throw new SqlError(SQLSTATE.FeatureNotSupported, 'cannot move objects into or out of system schemas');
  const current = userSchemaOf(objects, table.name)?.schema.name ?? 'public';
  if (current === schema) return table;
  const bare = baseName(objects, table.name);
  const to = nameInSchema(schema, bare);
  if (relationNameTaken(txn.listTables().filter((t) => !t.temporary), to)) {
    throw new SqlError(SQLSTATE.DuplicateTable, `relation "${bare}" already exists in schema "${schema}"`);
  }
  for (const sequence of ownedSequences(txn.listTables(), table)) {
    const moved = renameRelation({ ...run, table: sequence }, nameInSchema(schema, baseName(objects, sequence.name)));
    txn.replaceTable(moved, []);
  }
  // renameRelation rewrote this table's defaults that name a moved sequence: start from that.
  return renameTable(txn.getTableById(table.id) ?? table, to);
}
