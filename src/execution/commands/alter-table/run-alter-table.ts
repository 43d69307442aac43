/**
 * ALTER TABLE | INDEX | VIEW | SEQUENCE: finds the relation (IF EXISTS → NOTICE), checks that
 * the statement and each action fit its kind (PostgreSQL's 42809 wording), then runs the actions
 * in the order written. Each action sees the table as the ones before left it and publishes its
 * result to the transaction (`replaceTable`), so a later action — or the foreign key check of
 * another table — reads it; the statement's savepoint undoes them all on error. Without ONLY, the
 * column actions then reach the tables inheriting from it (../alter-inheritance.ts).
 */
import { setLogged } from './set-logged.js';
import { setSchema } from './set-schema.js';
import {
  childAction, inheritableCheck, inheritedCheckNames, markInherited, mergeInheritedCheck, parentCheckNames, releaseInheritedCheck,
} from './inherited-checks.js';
import { changeRelOptions } from '../../../catalog/rel-options.js';
import { setTriggersEnabled } from '../run-triggers.js';
import { SqlError, SQLSTATE, unreachable } from '../../../common/sql-error.js';
import { findIndex } from '../../../catalog/index.js';
import type { AlterRelationKind, AlterTableAction } from '../../../parser/ast.js';
import { createBinder, type LogicalAlterTable } from '../../../planner/index.js';
import type { StoredTable } from '../../../storage/storage-api.js';
import type { ExecContext } from '../../exec-context.js';
import type { CommandResult } from '../../statement-api.js';
import type { AlterRun } from './alter-run.js';
import { setColumnDefault, setNotNull, dropNotNull, setStatistics, setStorage } from './alter-column-attributes.js';
import { alterColumnTypes } from './alter-column-type.js';
import { addColumn, dropColumn, renameColumn } from './alter-columns.js';
import { addConstraint } from './add-constraint.js';
import { dropConstraint, renameConstraint, validateConstraint } from './alter-constraints.js';
import { renameIndex, renameRelation } from './rename-relation.js';
import {
  addInherit, checkInheritedAction, keepColumnInChildren, keepsDroppedColumn, mergeAddedColumn, recurses, removeInherit,
} from '../alter-inheritance.js';
import { attachPartition } from '../attach-partition.js';

type RelationKind = 'table' | 'view' | 'sequence' | 'index';

const KIND_WORDS: Readonly<Record<RelationKind, string>> = { table: 'a table', view: 'a view', sequence: 'a sequence', index: 'an index' };
const KIND_PLURALS: Readonly<Record<RelationKind, string>> = { table: 'tables', view: 'views', sequence: 'sequences', index: 'indexes' };

/** PostgreSQL's name for each action in "ALTER action … cannot be performed on relation …". */
const ACTION_WORDS: Readonly<Record<AlterTableAction['kind'], string>> = {
  AddColumn: 'ADD COLUMN', DropColumn: 'DROP COLUMN', AddConstraint: 'ADD CONSTRAINT', DropConstraint: 'DROP CONSTRAINT',
  ValidateConstraint: 'VALIDATE CONSTRAINT', SetNotNull: 'ALTER COLUMN ... SET NOT NULL', DropNotNull: 'ALTER COLUMN ... DROP NOT NULL',
  SetDefault: 'ALTER COLUMN ... SET DEFAULT', AlterColumnType: 'ALTER COLUMN ... SET DATA TYPE',
  SetStatistics: 'ALTER COLUMN ... SET STATISTICS', SetStorage: 'ALTER COLUMN ... SET STORAGE',
  RenameColumn: 'RENAME COLUMN', RenameTable: 'RENAME', RenameConstraint: 'RENAME CONSTRAINT',
  SetRelOptions: 'SET', ResetRelOptions: 'RESET', SetLogged: 'SET LOGGED', SetSchema: 'SET SCHEMA',
  Inherit: 'INHERIT', NoInherit: 'NO INHERIT', AttachPartition: 'ATTACH PARTITION', DetachPartition: 'DETACH PARTITION',
  EnableTrigger: 'ENABLE TRIGGER',
};

/** Actions each relation kind takes besides RENAME TO (views: column defaults and names, as PostgreSQL). */
const ALLOWED: Readonly<Record<RelationKind, ReadonlySet<AlterTableAction['kind']>>> = {
  table: new Set(Object.keys(ACTION_WORDS) as AlterTableAction['kind'][]),
  view: new Set(['SetDefault', 'RenameColumn', 'RenameTable', 'SetRelOptions', 'ResetRelOptions', 'SetSchema']),
  sequence: new Set(['RenameTable', 'SetSchema']),
  index: new Set(['RenameTable', 'SetStatistics']),
};

export async function runAlterTable(plan: LogicalAlterTable, ctx: ExecContext): Promise<CommandResult> {
  const tag = { tag: `ALTER ${plan.relkind.toUpperCase()}` };
  const found = findRelation(plan.name, ctx);
  if (!found) {
    if (plan.ifExists) {
      ctx.run.notice({ severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, message: `relation "${plan.name}" does not exist, skipping` });
      return tag;
    }
    throw new SqlError(SQLSTATE.UndefinedTable, `relation "${plan.name}" does not exist`);
  }
  checkStatementKind(plan.relkind, found.kind, plan.name);
  if (found.kind === 'index') {
    for (const action of plan.actions) checkActionKind(action, 'index', plan.name);
    if (plan.actions[0]?.kind === 'RenameTable') renameIndex(found.table, found.indexName!, plan.actions[0].to, ctx);
    return tag;
  }
  await alterTable(found.table, found.kind, plan, ctx, false);
  return tag;
}

/**
 * Runs `plan`'s actions on `table`, then (unless ONLY) the column actions that reach them on the
 * tables inheriting from it; `recursing` when `table` is such a table.
 */
async function alterTable(table: StoredTable, kind: RelationKind, plan: LogicalAlterTable, ctx: ExecContext, recursing: boolean): Promise<void> {
  const binder = (sql: string) => createBinder({ txn: ctx.run.txn, declaredParamTypes: [], sql, setting: (n) => ctx.run.setting(n) });
  const run: AlterRun = { ctx, bind: binder(plan.sql), stored: binder(''), table, plan };
  const addColumns: readonly AlterTableAction[] = plan.actions.filter((a) => a.kind === 'AddColumn');
  /** The actions that go on to the children (a merged or kept column stops here). */
  const onward = new Set<AlterTableAction>();
  let attached = 0;
  let typesDone = false;
  for (const action of inPassOrder(plan.actions)) {
    checkActionKind(action, kind, plan.name);
    if (!recursing) checkInheritedAction(run.table, action, plan.only === true, ctx);
    if (action.kind === 'AlterColumnType') {
      if (typesDone) continue;
      typesDone = true;
      run.table = await alterColumnTypes(run, plan.actions.filter((a) => a.kind === 'AlterColumnType'), table);
    } else if (action.kind === 'AttachPartition') {
      await attachPartition(run.table, action.partition, plan.attachments![attached++]!, ctx);
    } else {
      run.table = await runInheritedAction(run, action, addColumns.indexOf(action), recursing, onward);
    }
    ctx.run.txn.replaceTable(run.table, []);
  }
  if (recursing) {
    run.table = markInherited(table, run.table, inheritedCheckNames(plan.actions));
    ctx.run.txn.replaceTable(run.table, []);
  }
  const actions = plan.actions.filter((a) => onward.has(a) && (recurses(a) || recursesToo(a)));
  if (plan.only || actions.length === 0) return;
  const added = actions.flatMap((a) => (a.kind === 'AddColumn' ? [addColumns.indexOf(a)] : []));
  const names = parentCheckNames(table, run.table, inPassOrder(plan.actions));
  const childPlan: LogicalAlterTable = {
    kind: 'AlterTable', name: plan.name, ifExists: false, relkind: 'table', sql: plan.sql,
    actions: actions.map((a) => childAction(a, names)),
    newColumns: added.map((i) => ({ ...plan.newColumns[i]!, inheritCount: 1, isLocal: false })),
    newDefaults: added.map((i) => plan.newDefaults[i]),
  };
  for (const child of ctx.run.txn.childrenOf(run.table.id)) await alterTable(child, 'table', childPlan, ctx, true);
}

/** Besides the column actions: inheritable CHECKs and NOT NULL reach the children (PostgreSQL's ATSimpleRecursion). */
function recursesToo(action: AlterTableAction): boolean {
  return (action.kind === 'AddConstraint' && inheritableCheck(action.constraint)) || action.kind === 'SetNotNull' || action.kind === 'DropNotNull'
    || action.kind === 'DropConstraint';
}

/** ALTER TABLE ONLY parent DROP CONSTRAINT c: each child keeps its copy of CHECK c as its own. */
function releaseChildChecks(run: AlterRun, name: string): void {
  for (const child of run.ctx.run.txn.childrenOf(run.table.id)) {
    const kept = releaseInheritedCheck(child, name, true);
    if (kept) run.ctx.run.txn.replaceTable(kept, []);
  }
}

/**
 * One action with its inheritance bookkeeping: a column a child already has is merged (ADD) or
 * kept (DROP) there instead, and then does not go further down; `onward` collects the rest.
 */
async function runInheritedAction(
  run: AlterRun, action: AlterTableAction, addedIndex: number, recursing: boolean, onward: Set<AlterTableAction>,
): Promise<StoredTable> {
  const { ctx, plan } = run;
  switch (action.kind) {
    case 'AddColumn': {
      const column = plan.newColumns[addedIndex]!;
      const merged = recursing ? mergeAddedColumn(run.table, column.name, column.type, ctx) : undefined;
      if (merged) return merged;
      if (!(action.ifNotExists && run.table.columns.some((c) => c.name === column.name))) onward.add(action);
      break;
    }
    case 'DropColumn': {
      const exists = run.table.columns.some((c) => c.name === action.name);
      const kept = recursing ? keepsDroppedColumn(run.table, action.name) : undefined;
      if (kept) return kept;
      if (plan.only && exists) keepColumnInChildren(run.table, action.name, ctx);
      if (exists || !action.ifExists) onward.add(action);
      break;
    }
    case 'RenameColumn': onward.add(action); break;
    case 'AddConstraint': {
      if (!inheritableCheck(action.constraint)) break;
      onward.add(action);
      const merged = recursing && action.constraint.name !== undefined ? mergeInheritedCheck(run.table, action.constraint.name) : undefined;
      if (merged) return merged;
      break;
    }
    case 'SetNotNull': case 'DropNotNull': onward.add(action); break;
    case 'DropConstraint': {
      const check = run.table.constraints?.find((c) => c.type === 'c' && c.name === action.name);
      if (!check) break;
      if (!recursing) {
        if (plan.only) releaseChildChecks(run, action.name);
        else onward.add(action);
        break;
      }
      const released = releaseInheritedCheck(run.table, action.name, false);
      if (released) return released;
      onward.add(action);
      break;
    }
    default: break;
  }
  return runAction(run, action, addedIndex);
}

/**
 * PostgreSQL runs a statement's sub-commands in passes, not as written (tablecmds.c's AT_PASS_*):
 * drops first, then type changes, new columns, CHECK / FOREIGN KEY constraints, NOT NULL, keys,
 * defaults, and the rest. The same order here keeps multi-action statements meaning the same.
 */
function inPassOrder(actions: readonly AlterTableAction[]): AlterTableAction[] {
  return actions.map((action, i) => ({ action, i, pass: passOf(action) }))
    .sort((a, b) => a.pass - b.pass || a.i - b.i).map((a) => a.action);
}

function passOf(action: AlterTableAction): number {
  switch (action.kind) {
    case 'DropColumn': case 'DropConstraint': case 'DropNotNull': return 0;
    case 'SetDefault': return action.value ? 9 : 0;
    case 'AlterColumnType': return 1;
    case 'AddColumn': return 4;
    // Keys before the foreign keys that may reference them (PostgreSQL queues foreign keys last).
    case 'AddConstraint': return action.constraint.kind === 'Check' ? 5 : action.constraint.kind === 'ForeignKey' ? 8.5 : 8;
    case 'SetNotNull': return 6;
    default: return 10;
  }
}

function runAction(run: AlterRun, action: AlterTableAction, addedIndex: number): Promise<StoredTable> | StoredTable {
  switch (action.kind) {
    case 'AddColumn': return addColumn(run, action, addedIndex);
    case 'DropColumn': return dropColumn(run, action);
    case 'RenameColumn': return renameColumn(run, action.from, action.to);
    case 'RenameTable': return renameRelation(run, action.to);
    case 'AddConstraint': return addConstraint(run, action.constraint);
    case 'DropConstraint': return dropConstraint(run, action);
    case 'ValidateConstraint': return validateConstraint(run, action.name);
    case 'RenameConstraint': return renameConstraint(run, action.from, action.to);
    case 'SetNotNull': return setNotNull(run, action.column);
    case 'DropNotNull': return dropNotNull(run, action.column);
    case 'SetDefault': return setColumnDefault(run, action.column, action.value);
    case 'AlterColumnType': return alterColumnTypes(run, [action], run.table);
    case 'SetStatistics': return setStatistics(run, action.column, action.value);
    case 'SetStorage': return setStorage(run, action.column, action.storage);
    case 'SetRelOptions': case 'ResetRelOptions': {
      const options = changeRelOptions(run.table.options, action.options, action.kind === 'ResetRelOptions', run.table.view ? 'view' : 'table');
      const { options: _old, ...rest } = run.table;
      return options ? { ...rest, options } : rest;
    }
    case 'SetLogged': return setLogged(run, action.unlogged);
    case 'SetSchema': return setSchema(run, action.schema);
    case 'Inherit': return addInherit(run.table, requireTable(run.ctx, action.parent), run.ctx);
    case 'NoInherit': return removeInherit(run.table, requireTable(run.ctx, action.parent), false);
    case 'DetachPartition': {
      if (action.mode === 'finalize') throw new SqlError(SQLSTATE.FeatureNotSupported, 'DETACH PARTITION … FINALIZE is not supported');
      const partition = requireTable(run.ctx, action.partition);
      run.ctx.run.txn.replaceTable(removeInherit(partition, run.table, true), []);
      return run.table;
    }
    case 'AttachPartition': throw new SqlError(SQLSTATE.InternalError, 'ATTACH PARTITION runs with its binding');
    case 'EnableTrigger': return setTriggersEnabled(run.table, action.which, action.name, action.enabled, run.ctx);
    default: return unreachable(action);
  }
}

/** A table named in ALTER TABLE (a parent, a partition); 42P01 when missing. */
function requireTable(ctx: ExecContext, name: string): StoredTable {
  const table = ctx.run.txn.getTable(name);
  if (!table || table.view || table.sequence) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${name}" does not exist`);
  return table;
}

interface FoundRelation {
  readonly kind: RelationKind;
  /** The table itself, or for an index the table that owns it. */
  readonly table: StoredTable;
  readonly indexName?: string;
}

/** The relation `name` names: a table, view or sequence, or an index (found through its table). */
function findRelation(name: string, ctx: ExecContext): FoundRelation | undefined {
  const table = ctx.run.txn.getTable(name);
  if (table) return { kind: table.view ? 'view' : table.sequence ? 'sequence' : 'table', table };
  const bare = name.startsWith('public.') ? name.slice('public.'.length) : name;
  const index = findIndex(ctx.run.txn.listTables(), bare);
  return index ? { kind: 'index', table: index.table, indexName: index.index.name } : undefined;
}

/** ALTER VIEW / SEQUENCE insist on their kind; ALTER TABLE and ALTER INDEX take any relation (as PostgreSQL). */
function checkStatementKind(statement: AlterRelationKind, found: RelationKind, name: string): void {
  if (statement === 'table' || statement === 'index' || statement === found) return;
  throw new SqlError(SQLSTATE.WrongObjectType, `"${name}" is not ${KIND_WORDS[statement]}`);
}

function checkActionKind(action: AlterTableAction, kind: RelationKind, name: string): void {
  if (ALLOWED[kind].has(action.kind)) return;
  throw new SqlError(SQLSTATE.WrongObjectType, `ALTER action ${ACTION_WORDS[action.kind]} cannot be performed on relation "${name}"`,
    { detail: `This operation is not supported for ${KIND_PLURALS[kind]}.` });
}
