/**
 * CREATE SEQUENCE, ALTER SEQUENCE, and the sequences serial / identity columns own, with
 * PostgreSQL's messages. A definition is transactional (a catalog entry); its counter is not
 * (ALTER … RESTART writes it at once, like setval). DROP SEQUENCE goes through
 * drop-dependents.ts with the other relation drops.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import {
  chooseRelationName, createNameTaken, nameInSchema, userSchemaOf, defineSequence, nextvalDefault, parseRelationName, relationNameTaken, restartValue,
} from '../../catalog/index.js';
import type {
  ColumnSequence, LogicalAlterSequence, LogicalCreateSequence, SequenceOwner,
} from '../../planner/logical/logical-plan.js';
import type { StoredSequence, StoredTable } from '../../storage/storage-api.js';
import type { ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';

function notice(ctx: ExecContext, message: string, code = SQLSTATE.SuccessfulCompletion): void {
  ctx.run.notice({ severity: 'NOTICE', code, message });
}

/** OWNED BY t.c: the column, which must exist (42P01 / 42703). */
function resolveOwner(ctx: ExecContext, owner: SequenceOwner): NonNullable<StoredSequence['ownedBy']> {
  const table = ctx.run.txn.getTable(owner.table);
  if (!table || table.sequence) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${owner.table}" does not exist`);
  const column = table.columns.find((c) => c.name === owner.column);
  if (!column) throw new SqlError(SQLSTATE.UndefinedColumn, `column "${owner.column}" of relation "${owner.table}" does not exist`);
  return { tableId: table.id, columnId: column.id };
}

export function runCreateSequence(plan: LogicalCreateSequence, ctx: ExecContext): CommandResult {
  const tag = { tag: 'CREATE SEQUENCE' };
  if (createNameTaken(ctx.run.txn.listTables(), plan.name, plan.temporary)) {
    const name = parseRelationName(plan.name).name;
    if (!plan.ifNotExists) throw new SqlError(SQLSTATE.DuplicateTable, `relation "${name}" already exists`);
    notice(ctx, `relation "${name}" already exists, skipping`, SQLSTATE.DuplicateTable);
    return tag;
  }
  const definition = defineSequence(undefined, plan.settings);
  const owner = plan.ownedBy ? resolveOwner(ctx, plan.ownedBy) : undefined;
  ctx.run.txn.createSequence(plan.name, owner ? { ...definition, ownedBy: owner } : definition, { temporary: plan.temporary });
  return tag;
}

export function runAlterSequence(plan: LogicalAlterSequence, ctx: ExecContext): CommandResult {
  const tag = { tag: 'ALTER SEQUENCE' };
  const sequence = ctx.run.txn.getTable(plan.name);
  if (!sequence) {
    if (!plan.ifExists) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${plan.name}" does not exist`);
    notice(ctx, `relation "${plan.name}" does not exist, skipping`);
    return tag;
  }
  if (!sequence.sequence) throw new SqlError(SQLSTATE.WrongObjectType, `"${plan.name}" is not a sequence`);
  const { ownedBy: _previous, ...defined } = defineSequence(sequence.sequence, plan.settings);
  const owner = plan.ownedBy === undefined ? sequence.sequence.ownedBy : plan.ownedBy && resolveOwner(ctx, plan.ownedBy);
  const next: StoredTable = { ...sequence, sequence: owner ? { ...defined, ownedBy: owner } : defined };
  ctx.run.txn.replaceTable(next, []);
  if (plan.restart) {
    const value = restartValue(next.sequence!, plan.restart.value);
    ctx.run.txn.advanceSequence(next, () => ({ lastValue: value, isCalled: false }));
  }
  return tag;
}

/**
 * Creates the sequences of `table`'s serial / identity columns (named `<table>_<column>_seq`,
 * or the next free variant) owned by their columns, and returns the table with each column's
 * `nextval(…)` default (and identity kind) set.
 */
export function createColumnSequences(table: StoredTable, sequences: readonly ColumnSequence[], ctx: ExecContext): StoredTable {
  let columns = table.columns;
  for (const spec of sequences) {
    const column = columns.find((c) => c.name === spec.column)!;
    // A temporary table's sequences are temporary too (PostgreSQL creates them in pg_temp).
    const tables = ctx.run.txn.listTables().filter((t) => t.temporary === table.temporary);
    if (spec.name !== undefined && relationNameTaken(tables, spec.name)) {
      throw new SqlError(SQLSTATE.DuplicateTable, `relation "${spec.name}" already exists`);
    }
    // The sequence goes in its table's schema (PostgreSQL's default for serial columns).
    const schema = userSchemaOf(ctx.run.txn.listObjects(), table.name)?.schema.name;
    const name = spec.name ?? nameInSchema(schema ?? 'public', chooseRelationName(tables, table.name, [column.name], 'seq'));
    const definition = defineSequence(undefined, spec.settings);
    ctx.run.txn.createSequence(name, { ...definition, ownedBy: { tableId: table.id, columnId: column.id } }, { temporary: table.temporary === true });
    columns = columns.map((c) => (c.id === column.id
      ? { ...c, notNull: true, defaultSql: nextvalDefault(name), ...(spec.identity ? { identity: spec.identity } : {}) } : c));
  }
  return { ...table, columns };
}
