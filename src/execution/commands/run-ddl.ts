/**
 * CREATE TABLE [IF NOT EXISTS] (with its constraints), DROP TABLE [IF EXISTS] [CASCADE], ALTER TABLE (ADD/DROP/RENAME COLUMN,
 * RENAME TO; ADD COLUMN … DEFAULT rewrites stored rows with the default) and CREATE TABLE AS,
 * with PostgreSQL's notices and command tags.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import {
  addColumn, createNameTaken, dropColumn, nextCounter, ownedSequences, parseRelationName, relationNameTaken, renameColumn, renameTable,
} from '../../catalog/index.js';
import type { NewColumn } from '../../catalog/catalog-transaction.js';
import type { LogicalAlterTable, LogicalCreateTable, LogicalCreateTableAs, LogicalDropTable } from '../../planner/logical/logical-plan.js';
import type { BoundExpr } from '../../planner/logical/bound-expr.js';
import type { RowGroupRef, StoredTable } from '../../storage/storage-api.js';
import type { Row, Value } from '../../types/value.js';
import { batchTick, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { layoutOf } from '../physical-operator.js';
import { buildOperator } from '../physical-planner.js';
import type { CommandResult } from '../statement-api.js';
import {
  addInherit, checkInheritedAction, keepColumnInChildren, keepsDroppedColumn, mergeAddedColumn, recurses, removeInherit,
} from './alter-inheritance.js';
import { attachPartition } from './attach-partition.js';
import { withTableConstraints } from './build-table-constraints.js';
import { renameColumnInChecks } from './rename-check-column.js';
import { dropRelations } from './drop-dependents.js';
import { linkToParents } from './link-to-parents.js';
import { createColumnSequences } from './run-sequence.js';
import { checkNotNull } from './table-rows.js';

function skipNotice(ctx: ExecContext, message: string, code = SQLSTATE.SuccessfulCompletion): void {
  ctx.run.notice({ severity: 'NOTICE', code, message });
}

export async function runCreateTable(plan: LogicalCreateTable, ctx: ExecContext): Promise<CommandResult> {
  const name = parseRelationName(plan.name).name;
  if (createNameTaken(ctx.run.txn.listTables(), plan.name, plan.temporary)) {
    if (plan.ifNotExists) {
      skipNotice(ctx, `relation "${name}" already exists, skipping`, SQLSTATE.DuplicateTable);
      return { tag: 'CREATE TABLE' };
    }
    throw new SqlError(SQLSTATE.DuplicateTable, `relation "${name}" already exists`);
  }
  let table = ctx.run.txn.createTable(plan.name, plan.columns, { temporary: plan.temporary });
  if (plan.inherits || plan.partitionKey || plan.notices) {
    table = await linkToParents(table, plan, ctx);
    ctx.run.txn.replaceTable(table, []);
  }
  if (plan.sequences) {
    table = createColumnSequences(table, plan.sequences, ctx);
    ctx.run.txn.replaceTable(table, []);
  }
  if (plan.constraints) ctx.run.txn.replaceTable(withTableConstraints(table, plan.constraints, ctx), []);
  return { tag: 'CREATE TABLE' };
}

/** DROP TABLE: every name checked first, then dropped with dependents (drop-dependents.ts). */
export function runDropTable(plan: LogicalDropTable, ctx: ExecContext): CommandResult {
  const roots: StoredTable[] = [];
  for (const name of plan.names) {
    const table = ctx.run.txn.getTable(name);
    if (!table) {
      if (plan.ifExists) {
        skipNotice(ctx, `table "${name}" does not exist, skipping`);
        continue;
      }
      throw new SqlError(SQLSTATE.UndefinedTable, `table "${name}" does not exist`);
    }
    if (table.view || table.sequence) {
      throw new SqlError(SQLSTATE.WrongObjectType, `"${name}" is not a table`,
        { hint: `Use DROP ${table.view ? 'VIEW' : 'SEQUENCE'} to remove a ${table.view ? 'view' : 'sequence'}.` });
    }
    roots.push(table);
  }
  if (roots.length > 0) dropRelations(ctx, roots, plan.cascade === true);
  return { tag: 'DROP TABLE' };
}

function hasRows(table: StoredTable): boolean {
  return table.rowGroups.some((g) => g.rowCount > 0);
}

/** The new column's values for a batch of stored rows. */
type ColumnFill = (rowCount: number) => Promise<readonly Value[]>;

/** A bound DEFAULT evaluated once per row (volatile defaults differ per row, as in PostgreSQL's rewrite). */
function defaultFill(fill: BoundExpr, ctx: ExecContext): ColumnFill {
  const evaluate = compileExpr(fill, layoutOf([]));
  return (rowCount) => evaluate(Array.from({ length: rowCount }, () => []), ctx);
}

/** nextval of the new serial / identity column's own sequence, once per row. */
function sequenceFill(next: StoredTable, ctx: ExecContext): ColumnFill {
  const added = next.columns[next.columns.length - 1]!;
  const sequence = ownedSequences(ctx.run.txn.listTables(), next, added.id)[0]!;
  const advance = () => ctx.run.txn.advanceSequence(sequence, (c) => nextCounter(sequence.sequence!, sequence.name, c)).lastValue;
  return async (rowCount) => Array.from({ length: rowCount }, () => castSequenceValue(advance(), added.type.id));
}

function castSequenceValue(value: bigint, type: string): Value {
  return type === 'int8' ? value : Number(value);
}

/** `next` (the table with the new last column) holding every row of `table` plus the new column's value. */
async function rewriteWithColumn(table: StoredTable, next: StoredTable, fill: ColumnFill, ctx: ExecContext): Promise<StoredTable> {
  const added = next.columns[next.columns.length - 1]!;
  const writer = ctx.run.txn.writer(next, next.columns);
  const columnIds = table.columns.map((c) => c.id);
  for (const batch of ctx.run.txn.scan(table, columnIds)) {
    const rows: Row[] = [];
    for (let r = 0; r < batch.rowCount; r++) rows.push(batch.columns.map((c) => c[r]!));
    const values = await fill(rows.length);
    rows.forEach((row, r) => {
      if (added.notNull && values[r] === null) {
        throw new SqlError(SQLSTATE.NotNullViolation, `column "${added.name}" of relation "${table.name}" contains null values`);
      }
      writer.append([...row, values[r]!]);
    });
    await batchTick(ctx);
  }
  return { ...next, rowGroups: writer.finish() };
}

export async function runAlterTable(plan: LogicalAlterTable, ctx: ExecContext): Promise<CommandResult> {
  const found = ctx.run.txn.getTable(plan.name);
  if (found?.view) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `ALTER TABLE on view "${plan.name}" is not supported`);
  }
  if (found?.sequence) throw new SqlError(SQLSTATE.WrongObjectType, `"${plan.name}" is not a table`, { hint: 'Use ALTER SEQUENCE.' });
  if (!found) {
    if (plan.ifExists) {
      skipNotice(ctx, `relation "${plan.name}" does not exist, skipping`);
      return { tag: 'ALTER TABLE' };
    }
    throw new SqlError(SQLSTATE.UndefinedTable, `relation "${plan.name}" does not exist`);
  }
  await alterTable(found, plan, ctx, false);
  return { tag: 'ALTER TABLE' };
}

/**
 * Applies `plan`'s actions to `found`, then (unless ONLY) the column actions that reach them to
 * the tables inheriting from it; `recursing` when `found` is such a table.
 */
async function alterTable(found: StoredTable, plan: LogicalAlterTable, ctx: ExecContext, recursing: boolean): Promise<void> {
  let table: StoredTable = found;
  let added = 0;
  let attached = 0;
  const dropped: RowGroupRef[] = [];
  /** Per action: whether it goes on to the children (a merged or kept column stops here). */
  const onward = plan.actions.map(() => false);
  const addIndex: number[] = [];
  for (const [i, action] of plan.actions.entries()) {
    if (!recursing) checkInheritedAction(table, action, plan.only === true, ctx);
    switch (action.kind) {
      case 'AddColumn': {
        addIndex[i] = added;
        let column: NewColumn = plan.newColumns[added++]!;
        if (recursing) {
          const merged = mergeAddedColumn(table, column.name, column.type, ctx);
          if (merged) { table = merged; break; }
          column = { ...column, inheritCount: 1, isLocal: false };
        }
        if (action.ifNotExists && table.columns.some((c) => c.name === column.name)) {
          skipNotice(ctx, `column "${column.name}" of relation "${table.name}" already exists, skipping`, SQLSTATE.DuplicateColumn);
          break;
        }
        onward[i] = true;
        const spec = recursing ? undefined : plan.sequences?.find((s) => s.column === column.name);
        if (column.notNull && !column.defaultSql && !spec && hasRows(table)) {
          throw new SqlError(SQLSTATE.NotNullViolation, `column "${column.name}" of relation "${table.name}" contains null values`);
        }
        const next = spec ? createColumnSequences(addColumn(table, column), [spec], ctx) : addColumn(table, column);
        const bound = plan.newDefaults[added - 1];
        const fill = spec ? sequenceFill(next, ctx) : bound && defaultFill(bound, ctx);
        if (fill && hasRows(table)) {
          // Stored rows would read NULL for the new column, so they are rewritten with the default.
          const rewritten = await rewriteWithColumn(table, next, fill, ctx);
          dropped.push(...table.rowGroups);
          table = rewritten;
          break;
        }
        table = next;
        break;
      }
      case 'DropColumn': {
        const column = table.columns.find((c) => c.name === action.name);
        if (action.ifExists && !column) {
          skipNotice(ctx, `column "${action.name}" of relation "${table.name}" does not exist, skipping`);
          break;
        }
        const kept = recursing ? keepsDroppedColumn(table, action.name) : undefined;
        if (kept) { table = kept; break; }
        if (plan.only && column) keepColumnInChildren(table, action.name, ctx);
        onward[i] = true;
        const owned = column ? ownedSequences(ctx.run.txn.listTables(), table, column.id) : [];
        table = dropColumn(table, action.name);
        // A serial / identity column's sequence goes with it (PostgreSQL's auto dependency).
        for (const sequence of owned) ctx.run.txn.dropTable(sequence);
        break;
      }
      case 'RenameColumn':
        table = renameColumnInChecks(renameColumn(table, action.from, action.to), action.from, action.to);
        onward[i] = true;
        break;
      case 'RenameTable':
        if (relationNameTaken(ctx.run.txn.listTables().filter((t) => t.temporary === table.temporary), action.to)) {
          throw new SqlError(SQLSTATE.DuplicateTable, `relation "${action.to}" already exists`);
        }
        table = renameTable(table, action.to);
        break;
      case 'Inherit': table = addInherit(table, requireTable(ctx, action.parent), ctx); break;
      case 'NoInherit': table = removeInherit(table, requireTable(ctx, action.parent), false); break;
      case 'DetachPartition': {
        if (action.mode === 'finalize') throw new SqlError(SQLSTATE.FeatureNotSupported, 'DETACH PARTITION … FINALIZE is not supported');
        const partition = requireTable(ctx, action.partition);
        ctx.run.txn.replaceTable(removeInherit(partition, table, true), []);
        break;
      }
      case 'AttachPartition': await attachPartition(table, action.partition, plan.attachments![attached++]!, ctx); break;
    }
  }
  ctx.run.txn.replaceTable(table, dropped);
  const indices = plan.actions.flatMap((a, i) => (onward[i] && recurses(a) ? [i] : []));
  if (plan.only || indices.length === 0) return;
  const childPlan: LogicalAlterTable = {
    kind: 'AlterTable', name: plan.name, ifExists: false, actions: indices.map((i) => plan.actions[i]!),
    newColumns: indices.flatMap((i) => (addIndex[i] === undefined ? [] : [plan.newColumns[addIndex[i]!]!])),
    newDefaults: indices.flatMap((i) => (addIndex[i] === undefined ? [] : [plan.newDefaults[addIndex[i]!]])),
  };
  for (const child of ctx.run.txn.childrenOf(table.id)) await alterTable(child, childPlan, ctx, true);
}

/** A table named in ALTER TABLE (a parent, a partition); 42P01 when missing. */
function requireTable(ctx: ExecContext, name: string): StoredTable {
  const table = ctx.run.txn.getTable(name);
  if (!table || table.view || table.sequence) throw new SqlError(SQLSTATE.UndefinedTable, `relation "${name}" does not exist`);
  return table;
}

export async function runCreateTableAs(plan: LogicalCreateTableAs, ctx: ExecContext): Promise<CommandResult> {
  const name = parseRelationName(plan.name).name;
  if (createNameTaken(ctx.run.txn.listTables(), plan.name, plan.temporary)) {
    if (plan.ifNotExists) {
      skipNotice(ctx, `relation "${name}" already exists, skipping`, SQLSTATE.DuplicateTable);
      return { tag: 'CREATE TABLE AS' };
    }
    throw new SqlError(SQLSTATE.DuplicateTable, `relation "${name}" already exists`);
  }
  const seen = new Set<string>();
  const columns: NewColumn[] = plan.input.output.map((c) => {
    if (seen.has(c.name)) throw new SqlError(SQLSTATE.DuplicateColumn, `column "${c.name}" specified more than once`);
    seen.add(c.name);
    return { name: c.name, type: c.type, notNull: false };
  });
  const table = ctx.run.txn.createTable(plan.name, columns, { temporary: plan.temporary });
  let count = 0;
  if (plan.withData) {
    const writer = ctx.run.txn.writer(table, table.columns);
    for await (const batch of buildOperator(plan.input).execute(ctx)) {
      for (const row of batch) {
        checkNotNull(table, row, ctx);
        writer.append(row);
      }
      count += batch.length;
    }
    ctx.run.txn.replaceTable({ ...table, rowGroups: writer.finish() }, []);
  }
  return { tag: `SELECT ${count}` };
}
