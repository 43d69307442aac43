/**
 * Firing a table's triggers for one statement (PostgreSQL 15's order): BEFORE STATEMENT first;
 * per row, the BEFORE ROW triggers in name order, each seeing the row the previous one returned
 * (NULL skips the row, and the later ones do not fire); AFTER ROW events queued while the rows
 * are written and fired once the statement has written them all (so they see every row), each
 * event's triggers in name order; then AFTER STATEMENT. A WHEN condition is checked per firing,
 * UPDATE OF columns against the statement's SET list. Disabled triggers (tgenabled 'D', and 'R'
 * outside replica mode) do not fire. Trigger functions run through the session's routine
 * runner (engine/plpgsql/), which bounds nesting (54001).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { namespaceOf } from '../../catalog/system/index.js';
import { baseName } from '../../catalog/index.js';
import type { RoutineRunner, TriggerCall } from '../../functions/function-types.js';
import type { StoredFunction, StoredTable, StoredTrigger, TriggerEvent } from '../../storage/storage-api.js';
import { RecordValue, type Row, type Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';

/** AFTER ROW firings waiting for the end of the statement (shared by the tables one statement writes). */
export type AfterRowQueue = (() => Promise<void>)[];

function fires(t: StoredTrigger, event: TriggerEvent, updated: ReadonlySet<number> | undefined): boolean {
  if (t.enabled === 'D' || t.enabled === 'R' || !t.events.includes(event)) return false;
  if (event === 'update' && t.updateColumns && updated) return t.updateColumns.some((id) => updated.has(id));
  return true;
}

const byName = (a: StoredTrigger, b: StoredTrigger): number => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export class TableTriggers {
  private readonly beforeRowTriggers: StoredTrigger[];
  private readonly afterRowTriggers: StoredTrigger[];
  private readonly insteadTriggers: StoredTrigger[];
  private readonly statementTriggers: { before: StoredTrigger[]; after: StoredTrigger[] };
  private readonly schema: string;
  private readonly tableName: string;

  private constructor(private readonly table: StoredTable, private readonly event: TriggerEvent, private readonly ctx: ExecContext,
    triggers: StoredTrigger[], private readonly queue: AfterRowQueue) {
    const of = (level: StoredTrigger['level'], timing: StoredTrigger['timing']) => triggers.filter((t) => t.level === level && t.timing === timing);
    this.beforeRowTriggers = of('row', 'before');
    this.afterRowTriggers = of('row', 'after');
    this.insteadTriggers = of('row', 'instead');
    this.statementTriggers = { before: of('statement', 'before'), after: of('statement', 'after') };
    const objects = ctx.run.txn.listObjects();
    this.schema = namespaceOf(table, objects).schema;
    this.tableName = baseName(objects, table.name);
  }

  /**
   * The triggers of `table` that fire for `event` (UPDATE: `updated` are the column ids SET
   * names), or undefined when none do, so a table without triggers costs nothing per row.
   */
  static open(table: StoredTable, event: TriggerEvent, ctx: ExecContext, queue: AfterRowQueue, updated?: ReadonlySet<number>): TableTriggers | undefined {
    const triggers = (table.triggers ?? []).filter((t) => fires(t, event, updated)).sort(byName);
    return triggers.length > 0 ? new TableTriggers(table, event, ctx, triggers, queue) : undefined;
  }

  get hasBeforeRow(): boolean { return this.beforeRowTriggers.length > 0; }
  get hasAfterRow(): boolean { return this.afterRowTriggers.length > 0; }
  get hasInstead(): boolean { return this.insteadTriggers.length > 0; }

  beforeStatement(): Promise<void> {
    return this.fireStatement(this.statementTriggers.before);
  }

  /** AFTER STATEMENT triggers (after the queued AFTER ROW events: `runAfterRowQueue` first). */
  afterStatement(): Promise<void> {
    return this.fireStatement(this.statementTriggers.after);
  }

  /**
   * BEFORE ROW: the row to write (INSERT / UPDATE: the new row as the triggers left it; DELETE:
   * the old row) or null when a trigger returned NULL.
   */
  async beforeRow(newRow: Row | null, oldRow: Row | null): Promise<Row | null> {
    let current = newRow;
    for (const trigger of this.beforeRowTriggers) {
      const call = this.call(trigger, current, oldRow);
      if (!(await this.when(trigger, call))) continue;
      const returned = await this.routines().trigger(this.fn(trigger), call);
      if (returned === null) return null;
      if (this.event !== 'delete') current = this.rowOf(returned);
    }
    return this.event === 'delete' ? oldRow : current;
  }

  /** INSERT's rows through the BEFORE ROW triggers: those they let through, as they left them. */
  async beforeInsertRows(rows: readonly Row[]): Promise<Row[]> {
    const kept: Row[] = [];
    for (const row of rows) {
      const next = await this.beforeRow(row, null);
      if (next) kept.push(next);
    }
    return kept;
  }

  /**
   * INSTEAD OF INSERT (views): per row, the row the triggers returned (what RETURNING reads);
   * a row one returned NULL for is dropped (not counted).
   */
  async insteadRows(rows: readonly Row[]): Promise<Row[]> {
    const done: Row[] = [];
    for (const row of rows) {
      const result = await this.insteadRow(row, null);
      if (result) done.push(result);
    }
    return done;
  }

  /**
   * INSTEAD OF ROW for one row of a view: the row the last trigger returned (DELETE: the old
   * row), or null when one returned NULL (the row then does not count as processed).
   */
  async insteadRow(newRow: Row | null, oldRow: Row | null): Promise<Row | null> {
    let result: Row | null = newRow;
    for (const trigger of this.insteadTriggers) {
      const returned = await this.routines().trigger(this.fn(trigger), this.call(trigger, result, oldRow));
      if (returned === null) return null;
      if (this.event !== 'delete') result = this.rowOf(returned);
    }
    return this.event === 'delete' ? oldRow : result;
  }

  /** Queues the AFTER ROW triggers' firings for a written row. */
  afterRow(newRow: Row | null, oldRow: Row | null): void {
    for (const trigger of this.afterRowTriggers) {
      const call = this.call(trigger, newRow, oldRow);
      this.queue.push(async () => {
        if (await this.when(trigger, call)) await this.routines().trigger(this.fn(trigger), call);
      });
    }
  }

  private async fireStatement(triggers: readonly StoredTrigger[]): Promise<void> {
    for (const trigger of triggers) await this.routines().trigger(this.fn(trigger), this.call(trigger, null, null));
  }

  private call(trigger: StoredTrigger, newRow: Row | null, oldRow: Row | null): TriggerCall {
    const row = trigger.level === 'row';
    return {
      trigger, table: this.table, schema: this.schema, tableName: this.tableName, event: this.event,
      newRow: row && this.event !== 'delete' ? newRow : null, oldRow: row && this.event !== 'insert' ? oldRow : null,
    };
  }

  private when(trigger: StoredTrigger, call: TriggerCall): Promise<boolean> | boolean {
    return trigger.whenSql === undefined ? true : this.routines().triggerWhen(trigger.whenSql, call);
  }

  private rowOf(value: Value): Row {
    if (!(value instanceof RecordValue)) {
      throw new SqlError(SQLSTATE.DatatypeMismatch, 'returned row structure does not match the structure of the triggering table');
    }
    return [...value.values];
  }

  private fn(trigger: StoredTrigger): StoredFunction {
    const fn = this.ctx.run.txn.listObjects().find((o): o is StoredFunction => o.kind === 'function' && o.id === trigger.functionId);
    if (!fn) throw new SqlError(SQLSTATE.UndefinedFunction, `function of trigger "${trigger.name}" does not exist`);
    return fn;
  }

  private routines(): RoutineRunner {
    const routines = this.ctx.run.routines;
    if (!routines) throw new SqlError(SQLSTATE.FeatureNotSupported, `trigger functions need a session to run (table "${this.tableName}" has triggers)`);
    return routines;
  }
}

/** triggered_data_change_violation. */
const TRIGGERED_DATA_CHANGE = '27000' as SqlError['code'];

/**
 * A statement that rewrites `table` as it read it must not publish over a write its BEFORE ROW
 * triggers made to the same table meanwhile (that write would be lost): 27000, as PostgreSQL
 * raises when such a write touched a row the statement changes. Stricter than PostgreSQL, which
 * lets a trigger change rows the statement does not touch.
 */
export function assertUnchangedByTriggers(table: StoredTable, ctx: ExecContext): void {
  if (ctx.run.txn.getTableById(table.id)?.rowGroups === table.rowGroups) return;
  throw new SqlError(TRIGGERED_DATA_CHANGE, 'tuple to be updated was already modified by an operation triggered by the current command',
    { hint: 'Consider using an AFTER trigger instead of a BEFORE trigger to propagate changes to other rows.' });
}

/** Fires the queued AFTER ROW events, in the order they were queued. */
export async function runAfterRowQueue(queue: AfterRowQueue): Promise<void> {
  for (let i = 0; i < queue.length; i++) await queue[i]!();
  queue.length = 0;
}
