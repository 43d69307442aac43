/**
 * ALTER TABLE … SET LOGGED | SET UNLOGGED: only pg_class.relpersistence changes (the columnar
 * store writes every table durably). PostgreSQL's checks (tablecmds.c ATPrepChangePersistence):
 * a temporary table keeps its status (42P16), and foreign keys keep permanent tables from
 * referencing unlogged ones — SET LOGGED looks at the tables this one references, SET UNLOGGED at
 * those referencing it; self-references do not count.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { StoredTable } from '../../../storage/storage-api.js';
import type { AlterRun } from './alter-run.js';

export function setLogged(run: AlterRun, unlogged: boolean): StoredTable {
  const table = run.table;
  if (table.temporary) {
    throw new SqlError(SQLSTATE.InvalidTableDefinition, `cannot change logged status of table "${table.name}" because it is temporary`);
  }
  if ((table.unlogged === true) === unlogged) return table;
  const tables = run.ctx.run.txn.listTables();
  const byId = new Map(tables.map((t) => [t.id, t]));
  const others: StoredTable[] = unlogged
    ? tables.filter((t) => t.id !== table.id && (t.constraints ?? []).some((c) => c.references?.tableId === table.id))
    : (table.constraints ?? []).flatMap((c) => {
      const target = c.references && c.references.tableId !== table.id ? byId.get(c.references.tableId) : undefined;
      return target ? [target] : [];
    });
  for (const other of others) {
    if ((other.unlogged === true) !== unlogged) {
      throw new SqlError(SQLSTATE.InvalidTableDefinition, unlogged
        ? `could not change table "${table.name}" to unlogged because it references logged table "${other.name}"`
        : `could not change table "${table.name}" to logged because it references unlogged table "${other.name}"`);
    }
  }
  const { unlogged: _was, ...rest } = table;
  return unlogged ? { ...rest, unlogged: true } : rest;
}
