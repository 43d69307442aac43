/**
 * CREATE [OR REPLACE] TRIGGER, DROP TRIGGER, ALTER TRIGGER … RENAME and ALTER TABLE … ENABLE /
 * DISABLE TRIGGER against the catalog, with PostgreSQL 15's checks and messages. A trigger is
 * stored on its table (StoredTable.triggers), so it is transactional and goes with the table;
 * DROP FUNCTION of a trigger's function is 2BP01 unless CASCADE (`triggersUsing`).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { baseName, userFunctionsNamed } from '../../catalog/index.js';
import type { DropTrigger, RenameTrigger } from '../../parser/ast.js';
import type { LogicalCreateTrigger } from '../../planner/logical/logical-triggers.js';
import type { StoredFunction, StoredTable, StoredTrigger } from '../../storage/storage-api.js';
import type { ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';

const DUPLICATE_OBJECT = '42710' as SqlError['code'];
const INVALID_DEFINITION = '42P17' as SqlError['code'];

function triggerMissing(name: string, table: StoredTable, ctx: ExecContext): SqlError {
  return new SqlError(SQLSTATE.UndefinedObject, `trigger "${name}" for table "${shownName(table, ctx)}" does not exist`);
}

function shownName(table: StoredTable, ctx: ExecContext): string {
  return baseName(ctx.run.txn.listObjects(), table.name);
}

function requireRelation(name: string, ctx: ExecContext): StoredTable {
  const table = ctx.run.txn.getTable(name);
  if (!table) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${name}" does not exist`);
  return table;
}

/** The relation kinds a trigger may sit on, with PostgreSQL's 42809 for the others. */
function checkTarget(plan: LogicalCreateTrigger, table: StoredTable, ctx: ExecContext): void {
  const name = shownName(table, ctx);
  const t = plan.trigger;
  if (table.sequence) {
    throw new SqlError(SQLSTATE.WrongObjectType, `"${name}" is not a table or view`);
  }
  if (table.view && t.level === 'row' && t.timing !== 'instead') {
    throw new SqlError(SQLSTATE.WrongObjectType, `"${name}" is a view`, { detail: 'Views cannot have row-level BEFORE or AFTER triggers.' });
  }
  if (table.view && t.events.includes('truncate')) {
    throw new SqlError(SQLSTATE.WrongObjectType, `"${name}" is a view`, { detail: 'Views cannot have TRUNCATE triggers.' });
  }
  if (!table.view && t.timing === 'instead') {
    throw new SqlError(SQLSTATE.WrongObjectType, `"${name}" is a table`, { detail: 'Tables cannot have INSTEAD OF triggers.' });
  }
  if (t.level === 'row' && t.events.includes('truncate')) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'TRUNCATE FOR EACH ROW triggers are not supported');
  }
  if (t.timing === 'instead' && t.level !== 'row') throw new SqlError(SQLSTATE.FeatureNotSupported, 'INSTEAD OF triggers must be FOR EACH ROW');
  if (t.timing === 'instead' && plan.updateColumns) throw new SqlError(SQLSTATE.FeatureNotSupported, 'INSTEAD OF triggers cannot have column lists');
}

/** The trigger function: `name()` returning trigger (42883 when there is none, 42P17 when it returns something else). */
function triggerFunction(name: string, ctx: ExecContext): StoredFunction {
  const fn = userFunctionsNamed(ctx.run.txn.listObjects(), name).find((f) => !f.procedure && f.params.every((p) => p.mode !== 'i' && p.mode !== 'b' && p.mode !== 'v'));
  if (!fn) throw new SqlError(SQLSTATE.UndefinedFunction, `function ${name}() does not exist`);
  if (!fn.returnsTrigger) throw new SqlError(INVALID_DEFINITION, `function ${name} must return type trigger`);
  return fn;
}

export function runCreateTrigger(plan: LogicalCreateTrigger, ctx: ExecContext): CommandResult {
  const table = requireRelation(plan.table, ctx);
  checkTarget(plan, table, ctx);
  const fn = triggerFunction(plan.functionName, ctx);
  const updateColumns = plan.updateColumns?.map((name) => {
    const column = table.columns.find((c) => c.name === name);
    if (!column) throw new SqlError(SQLSTATE.UndefinedColumn, `column "${name}" of relation "${shownName(table, ctx)}" does not exist`);
    return column.id;
  });
  const triggers = table.triggers ?? [];
  const existing = triggers.find((t) => t.name === plan.trigger.name);
  if (existing && !plan.replace) {
    throw new SqlError(DUPLICATE_OBJECT, `trigger "${plan.trigger.name}" for relation "${shownName(table, ctx)}" already exists`);
  }
  const trigger: StoredTrigger = {
    ...plan.trigger, oid: existing?.oid ?? ctx.run.txn.allocateOid(), functionId: fn.id, enabled: existing?.enabled ?? 'O',
    ...(updateColumns ? { updateColumns } : {}),
  };
  const next = existing ? triggers.map((t) => (t === existing ? trigger : t)) : [...triggers, trigger];
  ctx.run.txn.replaceTable({ ...table, triggers: next }, []);
  return { tag: 'CREATE TRIGGER' };
}

export function runDropTrigger(plan: DropTrigger, ctx: ExecContext): CommandResult {
  const tag = { tag: 'DROP TRIGGER' };
  const skip = (message: string) => {
    ctx.run.notice({ severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, message });
    return tag;
  };
  const table = ctx.run.txn.getTable(plan.table);
  if (!table) {
    if (plan.ifExists) return skip(`relation "${plan.table}" does not exist, skipping`);
    throw new SqlError(SQLSTATE.UndefinedTable, `relation "${plan.table}" does not exist`);
  }
  const trigger = table.triggers?.find((t) => t.name === plan.name);
  if (!trigger) {
    if (plan.ifExists) return skip(`trigger "${plan.name}" for relation "${shownName(table, ctx)}" does not exist, skipping`);
    throw triggerMissing(plan.name, table, ctx);
  }
  ctx.run.txn.replaceTable(withTriggers(table, table.triggers!.filter((t) => t !== trigger)), []);
  return tag;
}

export function runRenameTrigger(plan: RenameTrigger, ctx: ExecContext): CommandResult {
  const table = requireRelation(plan.table, ctx);
  const triggers = table.triggers ?? [];
  const trigger = triggers.find((t) => t.name === plan.name);
  if (!trigger) throw triggerMissing(plan.name, table, ctx);
  if (triggers.some((t) => t.name === plan.newName)) {
    throw new SqlError(DUPLICATE_OBJECT, `trigger "${plan.newName}" for relation "${shownName(table, ctx)}" already exists`);
  }
  ctx.run.txn.replaceTable({ ...table, triggers: triggers.map((t) => (t === trigger ? { ...t, name: plan.newName } : t)) }, []);
  return { tag: 'ALTER TRIGGER' };
}

/**
 * ALTER TABLE … ENABLE [ALWAYS | REPLICA] / DISABLE TRIGGER name | ALL | USER: the table with
 * the triggers' tgenabled set (there are no internal triggers here, so ALL and USER agree).
 */
export function setTriggersEnabled(table: StoredTable, which: 'named' | 'all' | 'user', name: string | undefined,
  enabled: StoredTrigger['enabled'], ctx: ExecContext): StoredTable {
  const triggers = table.triggers ?? [];
  if (which === 'named' && !triggers.some((t) => t.name === name)) throw triggerMissing(name!, table, ctx);
  return { ...table, triggers: triggers.map((t) => (which !== 'named' || t.name === name ? { ...t, enabled } : t)) };
}

/** The table without triggers when none are left (older snapshots have no key). */
function withTriggers(table: StoredTable, triggers: readonly StoredTrigger[]): StoredTable {
  const { triggers: _old, ...rest } = table;
  return triggers.length > 0 ? { ...rest, triggers } : rest;
}

/** Triggers calling function `fnId`, with their tables (DROP FUNCTION's dependents). */
export function triggersUsing(tables: readonly StoredTable[], fnId: number): { table: StoredTable; trigger: StoredTrigger }[] {
  return tables.flatMap((table) => (table.triggers ?? []).filter((t) => t.functionId === fnId).map((trigger) => ({ table, trigger })));
}

/** Drops the given triggers (DROP FUNCTION … CASCADE). */
export function dropTriggers(dependents: readonly { table: StoredTable; trigger: StoredTrigger }[], ctx: ExecContext): void {
  for (const { table, trigger } of dependents) {
    const current = ctx.run.txn.getTableById(table.id)!;
    ctx.run.txn.replaceTable(withTriggers(current, (current.triggers ?? []).filter((t) => t.oid !== trigger.oid)), []);
  }
}
