/**
 * The logical plan: immutable operator nodes (`kind` literal, readonly fields) with their
 * output columns. Query nodes produce rows; command nodes (DML, DDL, COPY) wrap query nodes
 * and produce a command tag. Extensions (CLIP) add nodes through `LogicalExtension`.
 */
import type { AlterRelationKind, CopyOptions, AlterTableAction, TableConstraint, VectorIndexOptions } from '../../parser/ast.js';
import type { NewColumn } from '../../catalog/catalog-transaction.js';
import type { SequenceSettings } from '../../catalog/sequence-definition.js';
import type { StoredColumn, StoredPartitionKey, ViewRelation } from '../../types/stored-table.js';
import type { SqlType } from '../../types/sql-type.js';
import type {
  BoundAggregate, BoundExpr, BoundSetFunction, BoundTableFunction, BoundWindowFunction, SortKey,
} from './bound-expr.js';
import type { AttachPartitionBinding, PartitionedWrite, PartitionKeyEval, WriteMember } from './partition-plan.js';
import type { PlannedTable } from './planned-table.js';
import type { LogicalUserTypeCommand } from './logical-user-types.js';
import type { SchemaStatement } from '../../parser/ast.js';
import type { LogicalFunctionCommand } from './logical-functions.js';
import type { LogicalTriggerCommand } from './logical-triggers.js';

/** One output column: a plan-wide unique id plus what RowDescription reports. */
export interface OutputColumn {
  readonly id: number;
  readonly name: string;
  readonly type: SqlType;
  /** pg_class OID and 1-based attnum when the column is a plain table column, else 0. */
  readonly tableOid: number;
  readonly attnum: number;
}

export type LogicalPlan =
  | LogicalScan | LogicalFilter | LogicalProject | LogicalAggregate | LogicalSort | LogicalTopN
  | LogicalLimit | LogicalJoin | LogicalDistinct | LogicalSetOp | LogicalValues | LogicalFunctionScan
  | LogicalWindow | LogicalProjectSet | LogicalRecursiveUnion | LogicalWorkTableScan | LogicalCteScan | LogicalExtension;

export interface LogicalScan {
  readonly kind: 'Scan';
  /** The table by id; its rows come from the run's snapshot. */
  readonly table: PlannedTable;
  /** Storage column id read into each output column. */
  readonly columnIds: readonly number[];
  readonly output: readonly OutputColumn[];
  /** Predicate evaluated per batch inside the scan (filter pushdown). */
  readonly filter?: BoundExpr;
  /**
   * Also read the tables inheriting from it (no ONLY): the run's snapshot decides which those
   * are, and their columns are matched to the table's by name.
   */
  readonly inherit?: boolean;
}

export interface LogicalFilter {
  readonly kind: 'Filter';
  readonly input: LogicalPlan;
  readonly predicate: BoundExpr;
  readonly output: readonly OutputColumn[];
}

export interface LogicalProject {
  readonly kind: 'Project';
  readonly input: LogicalPlan;
  /** One expression per output column, same order. */
  readonly exprs: readonly BoundExpr[];
  readonly output: readonly OutputColumn[];
}

export interface LogicalAggregate {
  readonly kind: 'Aggregate';
  readonly input: LogicalPlan;
  readonly groups: readonly BoundExpr[];
  readonly aggregates: readonly BoundAggregate[];
  /**
   * GROUPING SETS / ROLLUP / CUBE: each set lists the `groups` it groups by (indexes); the
   * others are NULL in its rows. All sets are computed from one pass over the input.
   */
  readonly groupingSets?: readonly (readonly number[])[];
  /** GROUPING() calls, computed per set (only with groupingSets; otherwise they are 0). */
  readonly groupingCalls?: readonly LogicalGroupingCall[];
  /** Group columns first, then one per aggregate, then one per GROUPING() call. */
  readonly output: readonly OutputColumn[];
}

/** A GROUPING(…) call: output column `id`; its arguments as indexes into the node's groups. */
export interface LogicalGroupingCall {
  readonly id: number;
  readonly args: readonly number[];
}

export interface LogicalSort {
  readonly kind: 'Sort';
  readonly input: LogicalPlan;
  readonly keys: readonly SortKey[];
  readonly output: readonly OutputColumn[];
}

/** ORDER BY … LIMIT k with a bounded heap (produced by the limit-pushdown rule). */
export interface LogicalTopN {
  readonly kind: 'TopN';
  readonly input: LogicalPlan;
  readonly keys: readonly SortKey[];
  readonly limit: BoundExpr;
  readonly offset?: BoundExpr;
  readonly output: readonly OutputColumn[];
}

export interface LogicalLimit {
  readonly kind: 'Limit';
  readonly input: LogicalPlan;
  readonly limit?: BoundExpr;
  readonly offset?: BoundExpr;
  /** WITH TIES: the ORDER BY keys; rows equal to the last counted one on them are kept too. */
  readonly ties?: readonly SortKey[];
  readonly output: readonly OutputColumn[];
}

export type JoinType = 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';

export interface LogicalJoin {
  readonly kind: 'Join';
  readonly joinType: JoinType;
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly condition?: BoundExpr;
  /**
   * LATERAL: the right side reads columns of the left one, so it is evaluated again for each
   * left row (that row is its outer row).
   */
  readonly lateral?: boolean;
  /** Left columns then right columns. */
  readonly output: readonly OutputColumn[];
}

/** DISTINCT (all columns) or DISTINCT ON (`on`: keep the first row per key, input sorted). */
export interface LogicalDistinct {
  readonly kind: 'Distinct';
  readonly input: LogicalPlan;
  readonly on?: readonly BoundExpr[];
  readonly output: readonly OutputColumn[];
}

export interface LogicalSetOp {
  readonly kind: 'SetOp';
  readonly op: 'UNION' | 'INTERSECT' | 'EXCEPT';
  readonly all: boolean;
  readonly left: LogicalPlan;
  readonly right: LogicalPlan;
  readonly output: readonly OutputColumn[];
}

export interface LogicalValues {
  readonly kind: 'Values';
  readonly rows: readonly (readonly BoundExpr[])[];
  readonly output: readonly OutputColumn[];
}

export interface LogicalFunctionScan {
  readonly kind: 'FunctionScan';
  readonly fn: BoundTableFunction;
  readonly output: readonly OutputColumn[];
}

/** Window functions over the input: the input's columns, then one column per function. */
export interface LogicalWindow {
  readonly kind: 'Window';
  readonly input: LogicalPlan;
  readonly functions: readonly BoundWindowFunction[];
  readonly output: readonly OutputColumn[];
}

/**
 * Set-returning functions in the select list (PostgreSQL 10+ ProjectSet): per input row the
 * functions advance in lockstep, shorter ones padded with NULL; a row whose functions all
 * return nothing is dropped. Output: the input's columns, then each function's columns.
 */
export interface LogicalProjectSet {
  readonly kind: 'ProjectSet';
  readonly input: LogicalPlan;
  readonly functions: readonly BoundSetFunction[];
  readonly output: readonly OutputColumn[];
}

/**
 * WITH RECURSIVE: `anchor` runs once; `recursive` runs against the rows of the previous
 * iteration (read by WorkTableScan nodes with the same `workTable`) until it yields no new
 * rows. Without `all`, duplicate rows are discarded (UNION).
 */
export interface LogicalRecursiveUnion {
  readonly kind: 'RecursiveUnion';
  readonly workTable: number;
  readonly all: boolean;
  readonly anchor: LogicalPlan;
  readonly recursive: LogicalPlan;
  readonly output: readonly OutputColumn[];
}

/** The working table of the enclosing RecursiveUnion with the same `workTable`. */
export interface LogicalWorkTableScan {
  readonly kind: 'WorkTableScan';
  readonly workTable: number;
  readonly name: string;
  readonly output: readonly OutputColumn[];
}

/**
 * A reference to a WITH item computed once per run and shared (binder/bind-shared-cte.ts):
 * every reference to item `share` carries the same body as `input`; the first to run fills a
 * buffer the others read. Output columns are the body's, renamed, by position.
 */
export interface LogicalCteScan {
  readonly kind: 'CteScan';
  readonly share: number;
  readonly name: string;
  readonly input: LogicalPlan;
  readonly output: readonly OutputColumn[];
}

/**
 * A node contributed by an extension (CONVERT, SEARCH…). The executor asks the extension's
 * registered physical planner for it; `inputs` are ordinary plans it consumes.
 */
export interface LogicalExtension {
  readonly kind: 'Extension';
  readonly name: string;
  readonly inputs: readonly LogicalPlan[];
  readonly payload: unknown;
  readonly output: readonly OutputColumn[];
  /** One-line description for EXPLAIN. */
  readonly describe: string;
}

// ---------------------------------------------------------------- commands

export type LogicalCommand =
  | LogicalQuery | LogicalInsert | LogicalUpdate | LogicalDelete | LogicalCreateTable | LogicalCreateTableAs
  | LogicalDropTable | LogicalAlterTable | LogicalCopyFrom | LogicalCopyTo | LogicalThanoCopy | LogicalExplain
  | LogicalCreateIndex | LogicalCreateView | LogicalDropRelation | LogicalCommentOn
  | LogicalCreateSequence | LogicalAlterSequence | LogicalTruncate | LogicalUserTypeCommand | LogicalFunctionCommand
  | LogicalTriggerCommand
  /** CREATE / ALTER … RENAME / DROP SCHEMA need no binding: the statement is its own plan. */
  | SchemaStatement;

/** A statement returning rows: the plan's output is the result. */
export interface LogicalQuery {
  readonly kind: 'Query';
  readonly plan: LogicalPlan;
  readonly modifyingCtes?: readonly ModifyingCte[];
  /** SELECT … FOR UPDATE / SHARE: the tables whose row groups the run claims (catalog/row-group-locks.ts). */
  readonly locks?: readonly number[];
}

/**
 * A data-modifying WITH item (`WITH t AS (DELETE … RETURNING …)`): runs once, to completion,
 * before the statement, whether read or not; its RETURNING rows fill work table `workTable`,
 * which the statement's WorkTableScan nodes named after it read. Listed in run order (an item
 * another one reads comes first).
 */
export interface ModifyingCte {
  readonly name: string;
  readonly workTable: number;
  readonly command: LogicalInsert | LogicalUpdate | LogicalDelete;
}

/** RETURNING: expressions over the table row (ids in `rowColumns`). */
export interface Returning {
  readonly exprs: readonly BoundExpr[];
  readonly output: readonly OutputColumn[];
  /** The id `tableoid` is read under, when an expression reads it (its value follows the row's other columns). */
  readonly tableoidId?: number;
}

export interface LogicalInsert {
  readonly kind: 'Insert';
  /** Data-modifying WITH items run before this statement (top level only). */
  readonly modifyingCtes?: readonly ModifyingCte[];
  readonly table: PlannedTable;
  /** Table columns the input's output columns go to, in input order (already assignment-cast). */
  readonly targets: readonly StoredColumn[];
  /** Defaults for the table columns not in `targets` (by column id); absent = NULL. */
  readonly defaults: ReadonlyMap<number, BoundExpr>;
  readonly input: LogicalPlan;
  /** Ids under which the full new row is visible to RETURNING (table column order). */
  readonly rowColumns: readonly OutputColumn[];
  readonly returning?: Returning;
  readonly checks?: RowChecks;
  /** The target is partitioned (rows are routed) or a partition (its constraint is checked). */
  readonly partitions?: PartitionedWrite;
  readonly onConflict?: LogicalOnConflict;
}

/**
 * INSERT … ON CONFLICT: a proposed row whose key in one of `arbiters` matches a row of the table
 * (or one inserted earlier by the statement) is skipped (DO NOTHING) or updates that row.
 */
export interface LogicalOnConflict {
  readonly action: 'nothing' | 'update';
  /** Per arbiter unique index, its key columns' positions in the table's column order. */
  readonly arbiters: readonly (readonly number[])[];
  /** DO UPDATE: ids the proposed row is read under as `excluded` (table column order); the existing row is `rowColumns`. */
  readonly excluded: readonly OutputColumn[];
  /** DO UPDATE's SET over the existing row then `excluded`: table column index → new value (assignment-cast). */
  readonly assignments: readonly { readonly column: number; readonly expr: BoundExpr }[];
  /** DO UPDATE … WHERE over the same row. */
  readonly where?: BoundExpr;
}

export interface LogicalUpdate {
  readonly kind: 'Update';
  /** Data-modifying WITH items run before this statement (top level only). */
  readonly modifyingCtes?: readonly ModifyingCte[];
  readonly table: PlannedTable;
  /** Ids of the table's columns as seen by WHERE/SET/RETURNING (table column order). */
  readonly rowColumns: readonly OutputColumn[];
  readonly predicate?: BoundExpr;
  /** `WHERE CURRENT OF cursor`: the one row the cursor is on, found when the statement runs. */
  readonly currentOf?: string;
  /** Index into the table's columns → new value (assignment-cast). */
  readonly assignments: readonly { readonly column: number; readonly expr: BoundExpr }[];
  /** UPDATE … FROM: rows joined to each target row (first match wins). */
  readonly from?: LogicalPlan;
  readonly returning?: Returning;
  readonly checks?: RowChecks;
  /** The tables the UPDATE reaches when others inherit from the target (the target first, unless partitioned). */
  readonly members?: readonly WriteMember[];
  /** The target is partitioned (a row whose key changes moves) or a partition (its constraint is checked). */
  readonly partitions?: PartitionedWrite;
  /** The target is a view with an INSTEAD OF trigger: its rows (output = `rowColumns`), handed to the trigger. */
  readonly viewRows?: LogicalPlan;
}

export interface LogicalDelete {
  readonly kind: 'Delete';
  /** Data-modifying WITH items run before this statement (top level only). */
  readonly modifyingCtes?: readonly ModifyingCte[];
  readonly table: PlannedTable;
  readonly rowColumns: readonly OutputColumn[];
  readonly predicate?: BoundExpr;
  /** `WHERE CURRENT OF cursor` (see LogicalUpdate). */
  readonly currentOf?: string;
  /** DELETE … USING: rows joined to each target row (a match deletes it). */
  readonly from?: LogicalPlan;
  readonly returning?: Returning;
  /** The tables the DELETE reaches when others inherit from the target (see LogicalUpdate). */
  readonly members?: readonly WriteMember[];
  /** The target is a view with an INSTEAD OF trigger (see LogicalUpdate). */
  readonly viewRows?: LogicalPlan;
}

export interface LogicalCreateTable {
  readonly kind: 'CreateTable';
  readonly name: string;
  readonly ifNotExists: boolean;
  /** CREATE TEMP TABLE: the session's own, shadowing a permanent table of the same name. */
  readonly temporary: boolean;
  readonly columns: readonly NewColumn[];
  /** Column-level constraints (in column order) then table-level ones; names resolved at run time. */
  readonly constraints?: readonly CreateTableConstraint[];
  /** serial and identity columns: the sequences created with the table and owned by them. */
  readonly sequences?: readonly ColumnSequence[];
  /** INHERITS / PARTITION OF: the parents' ids, in order (columns and CHECKs already merged in). */
  readonly inherits?: readonly number[];
  /** PARTITION BY: the new table is partitioned. */
  readonly partitionKey?: StoredPartitionKey;
  /** PARTITION OF: the bound in its parent (`inherits[0]`), evaluated and checked when it runs. */
  readonly partitionBound?: BoundPartitionBound;
  /** PARTITION OF: the parent's key, to check that no row of its DEFAULT partition belongs in the new one. */
  readonly parentKey?: PartitionKeyEval;
  /** NOTICEs merging inherited columns raised, sent when the statement runs. */
  readonly notices?: readonly { readonly message: string; readonly detail?: string }[];
  /** Indexes that are no constraint's (LIKE … INCLUDING INDEXES); named when created. */
  readonly indexes?: readonly LikeIndex[];
  /** Column comments, storage and statistics targets copied by LIKE … INCLUDING. */
  readonly columnExtras?: readonly ColumnExtras[];
  /** WITH (…) storage parameters, validated (pg_class.reloptions). */
  readonly options?: readonly string[];
  readonly unlogged?: boolean;
}

/** An index copied by LIKE … INCLUDING INDEXES (its name is generated for the new table). */
export interface LikeIndex {
  readonly columns: readonly string[];
  readonly unique: boolean;
  readonly comment?: string;
}

/** What a column copied by LIKE carries besides its definition. */
export interface ColumnExtras {
  readonly column: string;
  readonly comment?: string | undefined;
  readonly storage?: string | undefined;
  readonly statistics?: number | undefined;
}

/** A partition bound whose values are expressions of the key columns' types (constant, evaluated at run time). */
export type BoundPartitionBound =
  | { readonly kind: 'default' }
  | { readonly kind: 'list'; readonly values: readonly BoundExpr[] }
  | { readonly kind: 'range'; readonly from: readonly BoundRangeDatum[]; readonly to: readonly BoundRangeDatum[] }
  | { readonly kind: 'hash'; readonly modulus: number; readonly remainder: number };

/** One column of a range bound: a value expression, or MINVALUE / MAXVALUE. */
export type BoundRangeDatum = BoundExpr | 'minvalue' | 'maxvalue';

/**
 * The sequence a serial or identity column owns: created with the table, named
 * `<table>_<column>_seq` (or the next free variant) unless `name` is given, and used by the
 * column's default `nextval('…'::regclass)`.
 */
export interface ColumnSequence {
  readonly column: string;
  readonly settings: SequenceSettings;
  readonly name?: string;
  /** Identity columns: 'a' GENERATED ALWAYS, 'd' BY DEFAULT; absent for serial. */
  readonly identity?: 'a' | 'd';
}

/** `OWNED BY table.column` (null: OWNED BY NONE). */
export interface SequenceOwner {
  readonly table: string;
  readonly column: string;
}

/** CREATE SEQUENCE: the definition is checked when it runs (defineSequence). */
export interface LogicalCreateSequence {
  readonly kind: 'CreateSequence';
  readonly name: string;
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly settings: SequenceSettings;
  readonly ownedBy?: SequenceOwner | null;
}

/** ALTER SEQUENCE: new settings, RESTART [WITH n] (applied at once, like setval), OWNED BY. */
export interface LogicalAlterSequence {
  readonly kind: 'AlterSequence';
  readonly name: string;
  readonly ifExists: boolean;
  readonly settings: SequenceSettings;
  readonly restart?: { readonly value?: bigint };
  readonly ownedBy?: SequenceOwner | null;
}

/** A CREATE TABLE constraint; a CHECK's `columns` are those its expression reads (table order). */
export interface CreateTableConstraint extends TableConstraint {
  /** CHECK: the expression as the catalog stores it (StoredConstraint.checkSql). */
  readonly checkSql?: string;
  /** An inherited CHECK: from this many parents (coninhcount). */
  readonly inheritCount?: number;
  /** False for a CHECK that exists only by inheritance (conislocal). */
  readonly isLocal?: boolean;
}

/** The CHECK constraints of a written table, bound over the full new row (`rowColumns`, table order). */
export interface RowChecks {
  readonly rowColumns: readonly OutputColumn[];
  /** `view`: a view's CHECK OPTION (44000 naming it), checked after the table's own constraints. */
  readonly checks: readonly { readonly name: string; readonly expr: BoundExpr; readonly view?: string }[];
}

export interface LogicalCreateTableAs {
  readonly kind: 'CreateTableAs';
  readonly name: string;
  readonly ifNotExists: boolean;
  readonly temporary: boolean;
  readonly input: LogicalPlan;
  readonly withData: boolean;
  /** WITH (…) storage parameters, validated (pg_class.reloptions). */
  readonly options?: readonly string[];
  /** CREATE TABLE … AS EXECUTE: tagged `SELECT n` even WITH NO DATA. */
  readonly fromExecute?: boolean;
}

export interface LogicalDropTable {
  readonly kind: 'DropTable';
  readonly names: readonly string[];
  readonly ifExists: boolean;
  readonly cascade?: boolean;
}

/** TRUNCATE; the tables (and, with CASCADE, the ones referencing them) are resolved when it runs. */
export interface LogicalTruncate {
  readonly kind: 'Truncate';
  readonly names: readonly string[];
  readonly restartIdentity: boolean;
  readonly cascade: boolean;
  readonly only?: readonly string[];
}

/** CREATE [UNIQUE] INDEX (or a vector index); the table and columns are resolved when it runs. */
export interface LogicalCreateIndex {
  readonly kind: 'CreateIndex';
  readonly name?: string;
  readonly table: string;
  readonly unique: boolean;
  readonly ifNotExists: boolean;
  readonly columns: readonly string[];
  readonly vector?: VectorIndexOptions;
}

/** CREATE [OR REPLACE] VIEW: output columns of the bound query and the relations it read. */
export interface LogicalCreateView {
  readonly kind: 'CreateView';
  readonly name: string;
  readonly orReplace: boolean;
  readonly sql: string;
  readonly columns: readonly NewColumn[];
  readonly dependsOn: readonly number[];
  /** The relation names its query uses and the ids they named (StoredView.relations). */
  readonly relations: readonly ViewRelation[];
  readonly checkOption?: 'local' | 'cascaded';
  readonly securityBarrier?: boolean;
}

export interface LogicalDropRelation {
  readonly kind: 'DropRelation';
  readonly relkind: 'index' | 'view' | 'sequence';
  readonly names: readonly string[];
  readonly ifExists: boolean;
  readonly cascade: boolean;
}

export interface LogicalCommentOn {
  readonly kind: 'CommentOn';
  readonly target: 'table' | 'view' | 'index' | 'column' | 'constraint';
  readonly relation: string;
  readonly column?: string;
  readonly text: string | null;
}

export interface LogicalAlterTable {
  readonly kind: 'AlterTable';
  readonly name: string;
  readonly ifExists: boolean;
  /** ALTER TABLE, INDEX, VIEW or SEQUENCE (which relations the statement accepts). */
  readonly relkind: AlterRelationKind;
  /** Actions other than ADD COLUMN are bound when they run, against this text (error positions). */
  readonly sql: string;
  readonly actions: readonly AlterTableAction[];
  /** ALTER TABLE ONLY: the tables inheriting from it are not changed. */
  readonly only?: boolean;
  /** NewColumn for each AddColumn action, in order (types resolved). */
  readonly newColumns: readonly NewColumn[];
  /** Each new column's bound DEFAULT (assignment-coerced), for rows already stored. */
  readonly newDefaults: readonly (BoundExpr | undefined)[];
  /** Sequences of new serial / identity columns (their stored rows are numbered from them). */
  readonly sequences?: readonly ColumnSequence[];
  /** One per ATTACH PARTITION action, in order. */
  readonly attachments?: readonly AttachPartitionBinding[];
}

export interface LogicalCopyFrom {
  readonly kind: 'CopyFrom';
  readonly table: PlannedTable;
  readonly targets: readonly StoredColumn[];
  readonly defaults: ReadonlyMap<number, BoundExpr>;
  readonly options: CopyOptions;
  readonly checks?: RowChecks;
  /** The target is partitioned (rows are routed) or a partition (its constraint is checked). */
  readonly partitions?: PartitionedWrite;
  /** CSV: positions among `targets` of FORCE_NOT_NULL / FORCE_NULL columns. */
  readonly forceNotNull?: readonly number[];
  readonly forceNull?: readonly number[];
  /** `WHERE`: bound over the whole new row (the table's columns in order, defaults filled). */
  readonly where?: { readonly rowColumns: readonly OutputColumn[]; readonly expr: BoundExpr };
}

export interface LogicalCopyTo {
  readonly kind: 'CopyTo';
  readonly input: LogicalPlan;
  readonly options: CopyOptions;
  /** CSV: positions among the output columns always quoted (FORCE_QUOTE; `*` is all). */
  readonly forceQuote?: readonly number[];
}

export interface LogicalThanoCopy {
  readonly kind: 'ThanoCopy';
  readonly table: string;
  readonly path: string;
  readonly overwrite: boolean;
  /**
   * `if_exists='append'` into an existing table: the file's header names the columns it fills
   * (matched at run time); the rest get their defaults; constraints are checked as COPY FROM's.
   */
  readonly append?: {
    readonly table: PlannedTable;
    readonly defaults: ReadonlyMap<number, BoundExpr>;
    readonly checks?: RowChecks;
  };
}

export interface LogicalExplain { readonly kind: 'Explain'; readonly inner: LogicalCommand; readonly analyze: boolean }
