/**
 * ALTER TABLE … DROP CONSTRAINT [IF EXISTS] name [CASCADE] (a key's index goes with it; foreign
 * keys that rely on that key block it unless CASCADE), VALIDATE CONSTRAINT (checks the stored
 * rows against a NOT VALID CHECK or FOREIGN KEY, then marks it valid) and RENAME CONSTRAINT (a
 * key's index is renamed with it), with PostgreSQL's messages.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { bindCheckCondition } from '../../../planner/index.js';
import { relationNameTaken, withObjects, withoutConstraint } from '../../../catalog/index.js';
import type { AlterTableAction } from '../../../parser/ast.js';
import type { StoredConstraint, StoredTable } from '../../../storage/storage-api.js';
import { checkViolated } from './add-constraint.js';
import { notice, type AlterRun } from './alter-run.js';
import { firstForeignKeyViolation } from './foreign-key-rows.js';
import { keyDependents } from './key-dependents.js';
import { firstRowFailing } from './stored-rows.js';

type DropConstraintAction = Extract<AlterTableAction, { kind: 'DropConstraint' }>;

function missing(table: StoredTable, name: string): SqlError {
  return new SqlError(SQLSTATE.UndefinedObject, `constraint "${name}" of relation "${table.name}" does not exist`);
}

export function dropConstraint(run: AlterRun, action: DropConstraintAction): StoredTable {
  const table = run.table;
  const constraint = table.constraints?.find((c) => c.name === action.name);
  if (!constraint) {
    if (!action.ifExists) throw missing(table, action.name);
    notice(run, `constraint "${action.name}" of relation "${table.name}" does not exist, skipping`);
    return table;
  }
  let self = table;
  if (constraint.indexOid !== undefined) {
    const dependents = keyDependents(run.ctx, table, constraint.indexOid);
    if (dependents.length > 0) {
      const described = dependents.map(({ table: t, constraint: c }) => `constraint ${c.name} on table ${t.name}`);
      if (!action.cascade) {
        throw new SqlError(SQLSTATE.DependentObjectsStillExist,
          `cannot drop constraint ${constraint.name} on table ${table.name} because other objects depend on it`, {
            detail: described.map((d) => `${d} depends on index ${constraint.name}`).join('\n'),
            hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
          });
      }
      notice(run, described.length === 1 ? `drop cascades to ${described[0]}` : `drop cascades to ${described.length} other objects`,
        SQLSTATE.SuccessfulCompletion);
      for (const { table: t, constraint: c } of dependents) {
        if (t.id === table.id) {
          self = withoutConstraint(self, c.oid);
          continue;
        }
        const current = run.ctx.run.txn.getTableById(t.id);
        if (current) run.ctx.run.txn.replaceTable(withoutConstraint(current, c.oid), []);
      }
    }
  }
  return withoutConstraint(self, constraint.oid);
}

export async function validateConstraint(run: AlterRun, name: string): Promise<StoredTable> {
  const table = run.table;
  const constraint = table.constraints?.find((c) => c.name === name);
  if (!constraint) throw missing(table, name);
  if (constraint.type !== 'c' && constraint.type !== 'f') {
    throw new SqlError(SQLSTATE.WrongObjectType, `constraint "${name}" of relation "${table.name}" is not a foreign key or check constraint`);
  }
  if (!constraint.notValid) return table;
  if (constraint.type === 'f') {
    await firstForeignKeyViolation(table, constraint, run.ctx);
  } else if (await firstRowFailing(table, bindCheckCondition(run.stored, table, constraint.checkSql ?? 'true'), run.ctx)) {
    throw checkViolated(table, name);
  }
  const { notValid: _validated, ...valid } = constraint;
  return replaceConstraint(table, constraint, valid);
}

export function renameConstraint(run: AlterRun, from: string, to: string): StoredTable {
  const table = run.table;
  const constraint = table.constraints?.find((c) => c.name === from);
  if (!constraint) throw new SqlError(SQLSTATE.UndefinedObject, `constraint "${from}" for table "${table.name}" does not exist`);
  if (table.constraints!.some((c) => c.name === to)) {
    throw new SqlError(SQLSTATE.DuplicateObject, `constraint "${to}" for relation "${table.name}" already exists`);
  }
  if (constraint.indexOid === undefined) return replaceConstraint(table, constraint, { ...constraint, name: to });
  // A key's index carries the same name, in the relation name space.
  if (relationNameTaken(run.ctx.run.txn.listTables(), to)) throw new SqlError(SQLSTATE.DuplicateTable, `relation "${to}" already exists`);
  const indexes = (table.indexes ?? []).map((i) => (i.oid === constraint.indexOid ? { ...i, name: to } : i));
  return withObjects(table, indexes, table.constraints!.map((c) => (c.oid === constraint.oid ? { ...c, name: to } : c)));
}

function replaceConstraint(table: StoredTable, old: StoredConstraint, next: StoredConstraint): StoredTable {
  return withObjects(table, table.indexes ?? [], (table.constraints ?? []).map((c) => (c.oid === old.oid ? next : c)));
}
