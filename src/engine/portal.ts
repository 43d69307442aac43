/**
 * A portal: a prepared statement bound to parameter values, run lazily. Its row generator stays
 * suspended between Execute(maxRows) calls and FETCHes (SQL cursors are named portals), so a
 * large result is never materialised. A portal that reads tables holds the snapshot taken when
 * it was opened (Bind, DECLARE), as PostgreSQL's do: writes made after that are not its rows.
 * A cursor (DECLARE) moves as FETCH / MOVE say, in any direction (cursor-fetch.ts over
 * cursor-rows.ts); its statement runs with the context of whichever FETCH is reading it.
 */
import type { CatalogReader } from '../catalog/catalog-transaction.js';
import type { ColumnValues, CommandResult, CursorRowRef, PreparedStatement, ResultColumn, RunContext } from '../execution/statement-api.js';
import { rowsFromColumns } from '../execution/operators/rows-from-columns.js';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Row, Value } from '../types/value.js';
import { CursorPosition, type FetchDirection, type FetchSink } from './cursor-fetch.js';
import { CursorRows } from './cursor-rows.js';
import { canceledByUser } from './session-control.js';

/** Why an aborted portal stopped: the SqlError it was aborted with (timeout), else a user cancel. */
const PORTAL_CLOSED = Symbol('portal closed');

export function abortReason(signal: AbortSignal): SqlError {
  return signal.reason instanceof SqlError ? signal.reason : canceledByUser();
}

/** Receives rows as they are produced; resolves when more may be produced. */
export type RowSink = (rows: readonly Row[]) => Promise<void>;
/** Receives column-major batches, where the statement yields them (PreparedStatement.runBatches). */
export type ColumnSink = (batch: ColumnValues) => Promise<void>;

/** A batch as rows (a column batch is turned into rows, for the paths that keep or slice them). */
function asRows(batch: readonly Row[] | ColumnValues): Row[] {
  return Array.isArray(batch) ? [...batch] : rowsFromColumns(batch as ColumnValues);
}

export interface PortalRunResult {
  /** True when maxRows stopped the run with rows possibly left. */
  readonly suspended: boolean;
  readonly rowCount: number;
  /** The statement's command tag when it finished. */
  readonly tag?: string;
}

export class Portal {
  private generator: AsyncGenerator<readonly Row[] | ColumnValues, CommandResult, void> | undefined;
  private buffered: Row[] = [];
  private finished: CommandResult | undefined;
  readonly abort = new AbortController();

  constructor(
    readonly name: string,
    readonly statement: PreparedStatement,
    readonly params: readonly Value[],
    /** Per-column result formats, already expanded to one per column. */
    readonly resultFormats: readonly number[],
    /** Opened by DECLARE (lives until CLOSE or transaction end) rather than Bind. */
    readonly isCursor = false,
    /** What the statement reads, taken at open; absent for session statements (SET, BEGIN …). */
    readonly snapshot?: CatalogReader,
    /** The session's portal counter at open (a ROLLBACK TO drops the portals opened after its savepoint). */
    readonly serial = 0,
    /** DECLARE … WITH HOLD: outlives its transaction, its remaining rows kept at commit. */
    readonly hold = false,
    /** DECLARE … NO SCROLL: FETCH may only move forwards. */
    readonly noScroll = false,
  ) {}

  /** The context the running FETCH (or Execute) gave; a cursor's statement reads through it. */
  private current: RunContext | undefined;
  private cursorRows: CursorRows | undefined;
  private cursorPosition: CursorPosition | undefined;
  /** The table the cursor's query is a simply updatable scan of (its rows carry locations). */
  private locatedTable: number | undefined;
  private held = false;
  private failed = false;

  /** True once `materialize` kept the remaining rows (the snapshot's transaction may be gone). */
  get materialized(): boolean {
    return this.isCursor ? this.held : this.finished !== undefined && this.hold;
  }

  /** True while the portal may still read its snapshot: a cursor not yet materialized, or a statement not finished. */
  get readsSnapshot(): boolean {
    if (!this.snapshot) return false;
    return this.isCursor ? !this.held : this.finished === undefined;
  }

  /** FETCH / MOVE on a cursor (sink absent for MOVE): the rows fetched or moved over. */
  async fetch(makeContext: () => RunContext, direction: FetchDirection, count: number, sink: FetchSink | undefined): Promise<number> {
    this.assertRunnable();
    this.current = makeContext();
    try {
      return await this.cursor().fetch(direction, count, sink);
    } catch (err) {
      // PostgreSQL marks a portal whose run failed as failed for good (MarkPortalFailed): a
      // cursor declared before a savepoint survives ROLLBACK TO but cannot be run again.
      this.failed = true;
      throw err;
    }
  }

  /** 55000 for a cursor whose earlier FETCH failed. */
  private assertRunnable(): void {
    if (this.failed) throw new SqlError(SQLSTATE.ObjectNotInPrerequisiteState, `portal "${this.name}" cannot be run`);
  }

  /** The cursor's position over its rows, made on first use. */
  private cursor(): CursorPosition {
    if (!this.cursorPosition) {
      // Live: the statement reads the current FETCH's signal and settings, not the first one's.
      const live = new Proxy({} as RunContext, { get: (_t, key) => Reflect.get(this.current!, key) });
      const located = this.statement.located?.();
      this.locatedTable = located?.tableId;
      const statement = located ?? this.statement;
      this.cursorRows = new CursorRows(() => statement.run(this.withSnapshot(live), this.params), !this.noScroll);
      this.cursorPosition = new CursorPosition(this.cursorRows, this.noScroll, located !== undefined);
    }
    return this.cursorPosition;
  }

  /**
   * WHERE CURRENT OF: the table the cursor scans and its current row's location
   * (execCurrent.c's order: a held cursor is 24000 before anything else is looked at).
   */
  currentOf(): CursorRowRef {
    // PostgreSQL asks whether the portal is ready; a failed one gets the same message as a held one.
    if (this.held || this.failed) throw new SqlError(SQLSTATE.InvalidCursorState, `cursor "${this.name}" is held from a previous transaction`);
    const position = this.cursor();
    const row = this.locatedTable === undefined ? undefined : position.currentRow;
    return { tableId: this.locatedTable, location: row ? row[row.length - 1] as string : undefined };
  }

  /**
   * WITH HOLD at commit: computes the rows not fetched yet from the portal's snapshot, while its
   * transaction is still open, and keeps them for later FETCHes (PostgreSQL's holdable portal).
   */
  async materialize(makeContext: () => RunContext): Promise<void> {
    if (this.isCursor) {
      this.current = makeContext();
      await this.cursor().materialize();
      this.held = true;
      return;
    }
    if (this.finished) return;
    this.generator ??= this.statement.run(this.withSnapshot(makeContext()), this.params);
    for (;;) {
      const step = await this.generator.next();
      if (step.done) {
        this.finished = step.value;
        return;
      }
      this.buffered.push(...asRows(step.value));
    }
  }

  get columns(): readonly ResultColumn[] | null {
    return this.statement.columns;
  }

  get done(): boolean {
    return this.finished !== undefined && this.buffered.length === 0;
  }

  /**
   * Runs until the statement ends or `maxRows` rows (0 = no limit) were handed to `sink`.
   * `makeContext` is called once, on the first run. With `columnSink`, a statement that yields
   * column batches hands each whole batch that fits in `maxRows` to it (a batch cut by
   * `maxRows` goes to `sink` as rows, its rest kept for the next run).
   */
  async run(makeContext: () => RunContext, maxRows: number, sink: RowSink, columnSink?: ColumnSink): Promise<PortalRunResult> {
    if (this.isCursor) {
      // Execute on a cursor's portal: FETCH FORWARD maxRows.
      const rowCount = await this.fetch(makeContext, 'FORWARD', maxRows > 0 ? maxRows : Infinity, sink);
      return maxRows > 0 && rowCount === maxRows ? { suspended: true, rowCount } : { suspended: false, rowCount, tag: `SELECT ${rowCount}` };
    }
    let rowCount = 0;
    const room = () => (maxRows > 0 ? maxRows - rowCount : Infinity);
    const deliver = async (batch: readonly Row[] | ColumnValues) => {
      if (columnSink && !Array.isArray(batch) && (batch as ColumnValues).rowCount <= room()) {
        rowCount += (batch as ColumnValues).rowCount;
        await columnSink(batch as ColumnValues);
        return;
      }
      const rows = asRows(batch);
      const take = rows.length <= room() ? rows : rows.slice(0, room());
      if (take.length < rows.length) this.buffered = rows.slice(take.length);
      if (take.length > 0) {
        rowCount += take.length;
        await sink(take);
      }
    };
    if (this.buffered.length > 0) {
      const rows = this.buffered;
      this.buffered = [];
      await deliver(rows);
    }
    if (!this.finished) {
      const ctx = () => this.withSnapshot(makeContext());
      this.generator ??= columnSink && this.statement.runBatches ? this.statement.runBatches(ctx(), this.params) : this.statement.run(ctx(), this.params);
    }
    while (room() > 0 && !this.finished) {
      // The executor checks the signal too; this catches cancels between batches.
      if (this.abort.signal.aborted) throw abortReason(this.abort.signal);
      const step = await this.generator!.next();
      if (step.done) this.finished = step.value;
      else await deliver(step.value);
    }
    if (this.done) return { suspended: false, rowCount, tag: this.finished!.tag };
    return { suspended: true, rowCount };
  }

  /** `ctx` reading this portal's snapshot (FETCH hands in its own statement's context). */
  private withSnapshot(ctx: RunContext): RunContext {
    if (!this.snapshot) return ctx;
    // A prototype link, not a spread: RunContext.txn may be a getter that must stay live.
    return Object.create(ctx, { snapshot: { value: this.snapshot, enumerable: true } }) as RunContext;
  }

  /** Stops the generator (Close, end of transaction); its finally blocks run. */
  async close(): Promise<void> {
    // A shared reason: abort() without one builds a DOMException with a stack trace on every
    // Close (≈2 % of a simple query's time); readers map a non-SqlError reason to 57014 anyway.
    this.abort.abort(PORTAL_CLOSED);
    await this.cursorRows?.close();
    const gen = this.generator;
    this.generator = undefined;
    this.buffered = [];
    if (gen && !this.finished) await gen.return({ tag: '' }).catch(() => undefined);
  }
}
