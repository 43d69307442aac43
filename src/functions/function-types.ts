/**
 * The vocabulary of the function registry: argument specs (concrete types or polymorphic
 * pseudo-types), scalar overloads with per-row or vectorised implementations, aggregates,
 * and the evaluation context functions may read (settings, statement time).
 */
import type { RecordField, SqlType } from '../types/sql-type.js';
import type { StoredFunction, StoredTable, StoredTrigger, TriggerEvent } from '../types/stored-table.js';
import type { Value } from '../types/value.js';
import type { CatalogLookup } from './system/catalog-lookup.js';
import type { SequenceAccess } from './system/sequence-access.js';
import type { ServerAccess } from './system/server-access.js';
import type { Notice } from '../common/sql-error.js';

/** What a function returning void returns: not NULL, printed empty (PostgreSQL's void_out). */
export const VOID_RESULT = '';

/**
 * A parameter type: a concrete type, PostgreSQL's polymorphic `any*` pseudo-types, or
 * `record` (any composite value: ROW(…), a table's row).
 */
export type ArgSpec = SqlType | 'any' | 'anyelement' | 'anyarray' | 'anyenum' | 'record';

/** PostgreSQL's provolatile: only immutable calls are constant-folded. */
export type Volatility = 'immutable' | 'stable' | 'volatile';

/** What a function may ask of the statement running it. */
export interface EvalContext {
  /** Session setting by lower-cased name. */
  setting(name: string): string | undefined;
  /** Statement start time (microseconds since the epoch): statement_timestamp(). */
  readonly statementTime: number;
  /** Transaction start time (µs since the epoch): now(), current_timestamp, 'now', as in PostgreSQL. */
  readonly transactionTime: number;
  /** Relations of the running transaction (regclass, pg_table_is_visible); absent at plan time. */
  readonly catalog?: CatalogLookup;
  /** nextval & co.: the sequence counters and this session's values; absent at plan time. */
  readonly sequences?: SequenceAccess;
  /** set_config: changes a session setting and returns its new value; absent at plan time. */
  readonly setSetting?: (name: string, value: string | undefined, local: boolean) => string;
  /**
   * Throws 57014 when the statement was cancelled or ran past statement_timeout; functions that
   * wait or loop long call it (absent at plan time).
   */
  readonly checkInterrupts?: () => void;
  /** Other backends, signals, advisory locks; absent at plan time. */
  readonly server?: ServerAccess;
  /** Sends a NOTICE or WARNING to the client (absent at plan time). */
  readonly notice?: (notice: Notice) => void;
  /** The server's data directory, against which image paths are judged (image_url); absent at plan time. */
  readonly dataDir?: string;
  /** The running transaction's id (txid_current), assigned on first use; absent at plan time. */
  readonly transactionId?: () => bigint;
  /** The running transaction's id if one was assigned already, else undefined (pg_current_xact_id_if_assigned); absent at plan time. */
  readonly assignedTransactionId?: () => bigint | undefined;
  /** Runs functions written in a procedural language (PL/pgSQL); absent at plan time. */
  readonly routines?: RoutineRunner;
}

/**
 * Calls of user functions whose bodies are interpreted, not inlined (LANGUAGE plpgsql): the
 * engine implements it, since a body runs SQL statements of its own.
 */
export interface RoutineRunner {
  /** The function's value for one call (`returnType`: the call's resolved result type). */
  call(fn: StoredFunction, args: readonly Value[], argTypes: readonly SqlType[], returnType: SqlType): Promise<Value>;
  /** The rows of a SETOF function's call, one value per result column. */
  callSet(fn: StoredFunction, args: readonly Value[], argTypes: readonly SqlType[], returnType: SqlType,
    columns: readonly SqlType[]): Promise<Value[][]>;
  /**
   * Runs trigger function `fn` for one firing: the row it returned (a BEFORE or INSTEAD OF row
   * trigger's verdict: null skips the row), or null.
   */
  trigger(fn: StoredFunction, call: TriggerCall): Promise<Value>;
  /** A trigger's WHEN condition (SQL over `new` / `old`) for one firing. */
  triggerWhen(whenSql: string, call: TriggerCall): Promise<boolean>;
  /** pg_trigger_depth(): trigger functions running now, nested (0 outside any). */
  triggerDepth(): number;
}

/** One firing of a trigger: what PL/pgSQL's NEW, OLD and TG_ variables hold. */
export interface TriggerCall {
  readonly trigger: StoredTrigger;
  /** The table (or view) it is defined on. */
  readonly table: StoredTable;
  /** Its schema and name as TG_TABLE_SCHEMA / TG_TABLE_NAME show them. */
  readonly schema: string;
  readonly tableName: string;
  readonly event: TriggerEvent;
  /** The row versions, in the table's column order; null where the event has none (or for statement triggers). */
  readonly newRow: readonly Value[] | null;
  readonly oldRow: readonly Value[] | null;
}

/**
 * A function returning `record` (json_to_record, json_populate_record): its row type comes
 * from a column definition list in FROM (`AS t(a int, …)`), else from the type of argument
 * `fromArg` (a record with known fields); the binder decides which, with PostgreSQL's errors
 * (planner/binder/expression/bind-record-result.ts), and hands the fields to the implementation.
 */
export interface RecordResult {
  readonly fromArg?: number;
}

/** Computes the return type from the resolved argument types (polymorphic functions). */
export type ReturnTypeRule = SqlType | ((args: readonly SqlType[]) => SqlType);

/** One signature of a scalar function or operator. */
export interface ScalarOverload {
  readonly args: readonly ArgSpec[];
  /** Extra trailing arguments of this spec are accepted (concat, greatest, format). */
  readonly variadic?: ArgSpec;
  /** With `VARIADIC NULL`: 'empty' calls with no trailing arguments (format); otherwise the result is NULL. */
  readonly nullVariadicArray?: 'empty';
  readonly returns: ReturnTypeRule;
  readonly volatility: Volatility;
  /** STRICT: any NULL argument gives NULL without calling the implementation. */
  readonly strict: boolean;
  /** Per-row implementation; args already cast to the parameter types. */
  readonly call?: (args: readonly Value[], ctx: EvalContext, argTypes: readonly SqlType[]) => Value;
  /**
   * Vectorised implementation over a batch: `columns[i]` holds argument i for every row.
   * Used in preference to `call` (CLIP kernels need one call per batch, and may be async).
   */
  readonly vector?: (columns: readonly (readonly Value[])[], rowCount: number, ctx: EvalContext,
    argTypes: readonly SqlType[]) => Value[] | Promise<Value[]>;
  /** Returns `record`: `callRecord` is called instead of `call`, with the row type's fields. */
  readonly recordResult?: RecordResult;
  readonly callRecord?: (args: readonly Value[], ctx: EvalContext, argTypes: readonly SqlType[],
    fields: readonly RecordField[]) => Value;
}

/** A scalar function or operator and its overloads. */
export interface ScalarFunction {
  readonly name: string;
  readonly overloads: readonly ScalarOverload[];
}

/** Per-group running state of an aggregate. */
export interface Accumulator {
  /** Adds one input row (already filtered for NULLs when the aggregate is strict). */
  add(args: readonly Value[]): void;
  result(): Value;
}

/** The direction of one sort key of `agg(…) WITHIN GROUP (ORDER BY …)`. */
export interface SortDirection {
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/** One signature of an aggregate function. */
export interface AggregateOverload {
  readonly args: readonly ArgSpec[];
  readonly returns: ReturnTypeRule;
  /** Rows with a NULL argument are skipped (all built-ins except count(*) and array_agg). */
  readonly strict: boolean;
  /** `order`: the WITHIN GROUP sort keys' directions (hypothetical-set aggregates compare by them). */
  readonly create: (argTypes: readonly SqlType[], order?: readonly SortDirection[]) => Accumulator;
  /** The state keeps every input (array_agg, string_agg, json_agg): it counts against memory. */
  readonly retainsInput?: boolean;
  /**
   * Called only with WITHIN GROUP: 'ordered' (percentile_cont/disc, mode) takes its direct
   * arguments then the sorted inputs, fed in sort order; 'hypothetical' (rank, dense_rank,
   * percent_rank, cume_dist) takes one direct argument per sort key, then the sorted inputs.
   */
  readonly orderedSet?: 'ordered' | 'hypothetical';
}

export interface AggregateFunction {
  readonly name: string;
  readonly overloads: readonly AggregateOverload[];
}

/** Set-returning function used in FROM (generate_series, unnest). */
export interface TableFunctionOverload {
  readonly args: readonly ArgSpec[];
  /** Output column types (one column for the built-ins). */
  readonly returns: (args: readonly SqlType[]) => readonly SqlType[];
  /** Output column names when there are several (pg_get_keywords: word, catcode …). */
  readonly columnNames?: readonly string[];
  readonly strict: boolean;
  /** Rows of `record` (json_to_recordset): `returns` is not used; `fields` are the row type. */
  readonly recordResult?: RecordResult;
  readonly rows: (args: readonly Value[], argTypes: readonly SqlType[], fields?: readonly RecordField[],
    ctx?: EvalContext) => Iterable<Value[]>;
  /** Rows that can only be computed asynchronously (a PL/pgSQL function's); used instead of `rows`. */
  readonly rowsAsync?: (args: readonly Value[], argTypes: readonly SqlType[], ctx: EvalContext) => Promise<Iterable<Value[]>>;
}

export interface TableFunction {
  readonly name: string;
  readonly overloads: readonly TableFunctionOverload[];
}

/** Resolves a return-type rule against the bound argument types. */
export function returnTypeOf(rule: ReturnTypeRule, args: readonly SqlType[]): SqlType {
  return typeof rule === 'function' ? rule(args) : rule;
}
