/**
 * The contract between the engine (sessions, the statement driver) and the executor: a
 * statement is prepared once (bound, typed, planned) and run any number of times with
 * parameter values. What binding needs (`PlanContext`) is the planner's: planner/plan-context.ts.
 * Session-level statements (SET, SHOW, BEGIN, DECLARE, …) are handled by the engine itself;
 * everything that reads or writes tables comes through here.
 */
import type { Notice } from '../common/sql-error.js';
import type { CursorInfo } from '../catalog/system/system-table.js';
import type { RoutineRunner, ServerAccess } from '../functions/index.js';
import type { CatalogReader, CatalogTransaction } from '../catalog/catalog-transaction.js';
import type { SqlType } from '../types/sql-type.js';
import type { Row, Value } from '../types/value.js';
import type { ReplanContext } from '../planner/plan-context.js';
import type { ExecutorExtensions } from './executor-extensions.js';
import type { ColumnValues } from './physical-operator.js';

export type { ColumnValues } from './physical-operator.js';

/** One output column as RowDescription reports it. */
export interface ResultColumn {
  readonly name: string;
  readonly type: SqlType;
  /** pg_class OID and attnum when the column comes straight from a table column, else 0. */
  readonly tableOid: number;
  readonly columnAttnum: number;
}

/** What a prepared statement needs from the session at run time. */
export interface RunContext {
  readonly txn: CatalogTransaction;
  /**
   * The snapshot the statement reads, when its portal took it at open (a cursor at DECLARE,
   * a portal at Bind: PostgreSQL's snapshot at portal start); else the run takes `txn.snapshot()`.
   */
  readonly snapshot?: CatalogReader;
  readonly signal: AbortSignal;
  /**
   * Throws 57014 when the statement must stop: a CancelRequest or statement_timeout, seen even
   * while the statement keeps the event loop busy (the session's shared interrupt cell). Call
   * it from every loop that can run long; optional so contexts without a session can omit it.
   */
  checkInterrupts?(): void;
  /** Session settings (lower-cased names), e.g. TimeZone, search_path, extra_float_digits. */
  setting(name: string): string | undefined;
  /**
   * set_config(name, value, is_local): sets a run-time parameter as SET [LOCAL] does and
   * returns its new value (optional: without it set_config is 0A000).
   */
  setSetting?(name: string, value: string | undefined, local: boolean): string;
  /** Every run-time parameter with its current value, for pg_settings (optional: tests omit it). */
  listSettings?(): readonly { name: string; setting: string; description: string; readOnly: boolean }[];
  /**
   * `WHERE CURRENT OF name`: the cursor's table and current row (optional: without it, 34000).
   * @throws SqlError 34000 no such cursor, 24000 a cursor held from an earlier transaction
   */
  currentOf?(cursor: string): CursorRowRef;
  /** The session's open cursors, for pg_cursors (optional: none). */
  listCursors?(): readonly CursorInfo[];
  notice(notice: Notice): void;
  /** COPY … FROM STDIN: ask the client for data; yields CopyData payloads until CopyDone. */
  copyIn(columnCount: number, format: 'text' | 'binary'): AsyncIterable<Uint8Array>;
  /** COPY … TO STDOUT: announce, then send chunks (each resolves when the socket has room). */
  copyOut(columnCount: number, format: 'text' | 'binary'): CopyOutChannel;
  /** Server paths: data directory for COPY/CONVERT files, models directory. */
  readonly dataDir: string;
  /**
   * Whether COPY may read files outside the data directory: the server's
   * --allow-absolute-paths, never a session setting (a client must not be able to widen it).
   */
  readonly allowAbsolutePaths: boolean;
  /** The database's extension registry: physical planners, index methods, services (e.g. 'clip'). */
  readonly extensions?: ExecutorExtensions;
  /** This session's currval/lastval state (absent: a statement of its own, as in unit tests). */
  readonly sequenceValues?: SessionSequenceValues;
  /** Other backends, signals and advisory locks (absent: a session without a server, as in unit tests). */
  readonly server?: ServerAccess;
  /** Runs PL/pgSQL functions (absent: calling one is 0A000, as in unit tests). */
  readonly routines?: RoutineRunner;
}

/**
 * The values this session's nextval/setval handed out, by sequence OID, and the OID of the last
 * nextval (lastval): PostgreSQL keeps them per session. DISCARD SEQUENCES / ALL clears them.
 */
export interface SessionSequenceValues {
  readonly current: Map<number, bigint>;
  last: number | undefined;
}

export interface CopyOutChannel {
  write(chunk: Uint8Array): Promise<void>;
  end(): void;
}

/** The outcome of running a statement: rows were streamed through the generator. */
export interface CommandResult {
  /** PostgreSQL command tag: `SELECT 3`, `INSERT 0 2`, `CREATE TABLE`, `COPY 10`… */
  readonly tag: string;
}

export interface PreparedStatement {
  /** Inferred parameter types, one per $n (ParameterDescription). */
  readonly paramTypes: readonly SqlType[];
  /** Result columns, or null when the statement returns no rows (NoData). */
  readonly columns: readonly ResultColumn[] | null;
  /** True if running it may change data (used for read-only checks and cursor rules). */
  readonly mutates: boolean;
  /**
   * Re-binds the statement if a relation it read changed shape since it was planned (as seen
   * by `ctx.txn`); 0A000 if its result columns would change. `run` does this itself; a portal
   * calls it at Bind, as PostgreSQL does, so Describe reports the current columns. Absent on
   * statements that read no tables (the session's own: SET, BEGIN …), which take no snapshot.
   */
  revalidate?(ctx: ReplanContext): void;
  /**
   * Runs the statement. Yields batches of rows (each row has `columns.length` values); the
   * return value carries the command tag. Honours `ctx.signal` (throws SqlError 57014).
   */
  run(ctx: RunContext, params: readonly Value[]): AsyncGenerator<readonly Row[], CommandResult, void>;
  /**
   * The same run for a consumer that also takes column-major batches (a portal streaming to the
   * client): where the plan's top holds them (plain columns of an unfiltered scan) it yields
   * `ColumnValues`, which a DataRow encoder reads without building a row per tuple; otherwise
   * rows, as `run`. Absent where only rows exist (the session's own statements).
   */
  runBatches?(ctx: RunContext, params: readonly Value[]): AsyncGenerator<readonly Row[] | ColumnValues, CommandResult, void>;
  /** EXPLAIN text, one line per element. */
  explain(): readonly string[];
  /**
   * Milliseconds per phase of the statement driver (bind, optimize: the latest binding;
   * physical plan: the latest run). Absent on the session's own statements.
   */
  readonly timings?: ReadonlyMap<string, number>;
  /**
   * The statement for these parameter values: itself, unless its result shape depends on a
   * value (`SEARCH IMAGE texts=$1`: one similarity column per text), in which case it is planned
   * again for them — at Bind, so a portal's Describe reports the columns its rows will have.
   */
  specialize?(params: readonly Value[]): PreparedStatement;
  /**
   * For a cursor: when the query is a simply updatable scan of one table (planner/logical/
   * with-row-location.ts), that table and a run whose rows carry each row's store location as
   * one more, last value (what `WHERE CURRENT OF` reads); else undefined.
   */
  located?(): LocatedRun | undefined;
}

/** A cursor's run with row locations (PreparedStatement.located). */
export interface LocatedRun {
  readonly tableId: number;
  run(ctx: RunContext, params: readonly Value[]): AsyncGenerator<readonly Row[], CommandResult, void>;
}

/** What `WHERE CURRENT OF cursor` learns from the session about the cursor. */
export interface CursorRowRef {
  /** The table the cursor's query is a simply updatable scan of; undefined when it is none. */
  readonly tableId: number | undefined;
  /** The current row's store location (row-location.ts), or undefined when not on a row. */
  readonly location: string | undefined;
}
