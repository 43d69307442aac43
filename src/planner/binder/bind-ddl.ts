/** CREATE TABLE AS, DROP TABLE, TRUNCATE and ALTER TABLE binding. */
import { changeRelOptions } from '../../catalog/rel-options.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { AlterTable, CreateTableAs, DropTable, Truncate } from '../../parser/ast.js';
import type { LogicalAlterTable, LogicalCreateTableAs, LogicalDropTable, LogicalTruncate } from '../logical/logical-plan.js';
import type { AttachPartitionBinding } from '../logical/partition-plan.js';
import { bindAttachPartition } from './bind-attach-partition.js';
import type { BindContext } from './bind-context.js';
import { bindColumnDef } from './bind-create-table.js';
import { columnSequence } from './bind-sequence.js';
import { bindQuery } from './bind-query.js';
import { defaultFor } from './bind-target-table.js';

export function bindCreateTableAs(bind: BindContext, statement: CreateTableAs): LogicalCreateTableAs {
  let input = bindQuery(bind, statement.query);
  const names = statement.columns;
  if (names) {
    // `CREATE TABLE t (a, b) AS …`: the first columns take the names given.
    if (names.length > input.output.length) throw new SqlError(SQLSTATE.SyntaxError, 'too many column names were specified');
    input = { ...input, output: input.output.map((c, i) => ({ ...c, name: names[i] ?? c.name })) } as typeof input;
  }
  const options = changeRelOptions(undefined, statement.options ?? [], false, 'table');
  return { kind: 'CreateTableAs', name: bind.creationName(statement.name, statement.temporary === true), ifNotExists: statement.ifNotExists, temporary: statement.temporary === true,
    input, withData: statement.withData, ...(options ? { options } : {}),
    ...(statement.fromExecute ? { fromExecute: true } : {}) };
}

export function bindDropTable(_bind: BindContext, statement: DropTable): LogicalDropTable {
  return { kind: 'DropTable', names: statement.names, ifExists: statement.ifExists, ...(statement.cascade ? { cascade: true } : {}) };
}

export function bindTruncate(_bind: BindContext, statement: Truncate): LogicalTruncate {
  return {
    kind: 'Truncate', names: statement.names, restartIdentity: statement.restartIdentity, cascade: statement.cascade,
    ...(statement.only ? { only: statement.only } : {}),
  };
}

/**
 * ALTER TABLE: new columns are typed now (their defaults too, for the stored rows); every other
 * action is bound when it runs, against the table as the actions before it left it
 * (bind-table-row.ts).
 */
export function bindAlterTable(bind: BindContext, statement: AlterTable): LogicalAlterTable {
  const added = statement.actions.flatMap((a) => (a.kind === 'AddColumn' ? [a.column] : []));
  const newColumns = added.map((def) => bindColumnDef(bind, def));
  const newDefaults = newColumns.map((c) => (c.defaultSql ? defaultFor(bind, { ...c, id: 0 }) : undefined));
  const sequences = added.flatMap((def, i) => columnSequence(statement.name, def, newColumns[i]!.type) ?? []);
  const attachments = statement.actions.flatMap((a) => (a.kind === 'AttachPartition' ? [bindAttachPartition(bind, statement.name, a.bound)] : []));
  return {
    kind: 'AlterTable', name: statement.name, ifExists: statement.ifExists, actions: statement.actions, newColumns, newDefaults,
    ...(statement.only ? { only: true } : {}),
    relkind: statement.relkind ?? 'table', sql: bind.plan.sql,
    ...(sequences.length > 0 ? { sequences } : {}),
    ...(attachments.length > 0 && attachments.every((a) => a !== undefined) ? { attachments: attachments as AttachPartitionBinding[] } : {}),
  };
}
