/**
 * Our own SQL AST: what `parse()` returns and the planner binds. PostgreSQL's parse tree
 * (libpg-query) never leaves `parser/`; ThanoSQL statements (COPY … OPTIONS, CONVERT, SEARCH,
 * PRINT, models) are nodes here like any other, and CONVERT/SEARCH are queries so they nest
 * wherever a query may stand.
 * All nodes are immutable: `kind` literal, readonly fields.
 */

// ---------------------------------------------------------------- types

import type { UserTypeStatement } from './ast-user-types.js';
import type { SchemaStatement } from './ast-schemas.js';
import type { DoBlock, FunctionStatement } from './ast-functions.js';
import type { TriggerStatement } from './ast-triggers.js';
export type * from './ast-user-types.js';
export type * from './ast-schemas.js';
export type * from './ast-functions.js';
export type * from './ast-triggers.js';

/** A type as written in SQL, normalised: name is pg_type's typname ('int4', 'float4', 'varchar'…). */
export interface TypeRef {
  readonly name: string;
  /**
   * Modifiers as written: varchar(20) → [20], numeric(12,2) → [12, 2]; interval's are
   * PostgreSQL's [field mask, precision?] (`interval day` → [8], `interval(3)` → [32767, 3]).
   */
  readonly modifiers: readonly number[];
  /** Array dimensions written (`real[]` → 1). */
  readonly arrayDims: number;
  /** Schema as written (`'x'::public.mood`); absent when unqualified or `pg_catalog.`. */
  readonly schema?: string;
}

// ---------------------------------------------------------------- expressions

export type Expr =
  | Literal | ColumnRef | Param | UnaryExpr | BinaryExpr | IsExpr | InListExpr | InSubqueryExpr
  | BetweenExpr | LikeExpr | CaseExpr | CastExpr | FunctionCall | ScalarSubquery | ExistsExpr
  | ArrayExpr | SubscriptExpr | QuantifiedExpr | RowExpr | DefaultExpr | FieldSelect | GroupingExpr;

/**
 * A constant. Numbers keep their source text so int8/numeric precision survives; the binder
 * types them as PostgreSQL does (int4 if it fits, else int8, else numeric; numeric if it has
 * a point or exponent). Strings are 'unknown'-typed until context decides.
 */
export interface Literal {
  readonly kind: 'Literal';
  readonly type: 'null' | 'boolean' | 'number' | 'string';
  readonly value: string | boolean | null;
}

export interface ColumnRef {
  readonly kind: 'ColumnRef';
  readonly table?: string;
  /** Column name, already case-folded unless it was quoted. `*` for `t.*` / `*`. */
  readonly column: string;
}

/** `$n` (1-based). */
export interface Param {
  readonly kind: 'Param';
  readonly index: number;
}

/** Prefix operators: `NOT`, `-`, `+`, `~`, and any other PostgreSQL prefix operator (`@`, `|/` …). */
export interface UnaryExpr {
  readonly kind: 'Unary';
  readonly op: string;
  readonly operand: Expr;
}

/**
 * Binary operators: arithmetic `+ - * / % ^`, comparison `= <> < <= > >=` (`!=` arrives as
 * `<>`), `AND OR`, `||`, bitwise `& | # << >>`, regex `~ ~* !~ !~*`, `IS DISTINCT FROM`,
 * `IS NOT DISTINCT FROM`, array and JSON operators (`@> <@ && ? ?| ?& -> ->> #> #>> #-`), and
 * any other operator PostgreSQL's grammar accepts. `OPERATOR(pg_catalog.~)` arrives as op `~`;
 * `a SIMILAR TO b [ESCAPE c]` as `a ~ similar_to_escape(b[, c])` (`!~` for NOT), as PostgreSQL
 * itself rewrites it.
 */
export interface BinaryExpr {
  readonly kind: 'Binary';
  readonly op: string;
  readonly left: Expr;
  readonly right: Expr;
}

/** `x IS [NOT] NULL | TRUE | FALSE | UNKNOWN`. */
export interface IsExpr {
  readonly kind: 'Is';
  readonly operand: Expr;
  readonly test: 'NULL' | 'TRUE' | 'FALSE' | 'UNKNOWN';
  readonly negated: boolean;
}

export interface InListExpr {
  readonly kind: 'InList';
  readonly operand: Expr;
  readonly list: readonly Expr[];
  readonly negated: boolean;
}

export interface InSubqueryExpr {
  readonly kind: 'InSubquery';
  readonly operand: Expr;
  readonly query: Query;
  readonly negated: boolean;
}

export interface BetweenExpr {
  readonly kind: 'Between';
  readonly operand: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly negated: boolean;
}

export interface LikeExpr {
  readonly kind: 'Like';
  readonly operand: Expr;
  readonly pattern: Expr;
  readonly caseInsensitive: boolean;
  readonly negated: boolean;
  readonly escape?: Expr;
}

export interface CaseExpr {
  readonly kind: 'Case';
  /** `CASE x WHEN …` form; absent for searched CASE. */
  readonly operand?: Expr;
  readonly whens: readonly { readonly when: Expr; readonly then: Expr }[];
  readonly else?: Expr;
}

/** `x::type`, `CAST(x AS type)`, and typed literals `DATE '2024-01-01'`. */
export interface CastExpr {
  readonly kind: 'Cast';
  readonly operand: Expr;
  readonly target: TypeRef;
}

export interface FunctionCall {
  readonly kind: 'FunctionCall';
  /** Lower-cased unless quoted; `pg_catalog.` qualification is kept in `schema`. */
  readonly name: string;
  readonly schema?: string;
  readonly args: readonly Expr[];
  /** `f(a, b => x)`: each argument's name, undefined for positional ones (absent when none is named). */
  readonly argNames?: readonly (string | undefined)[];
  /** `count(*)`. */
  readonly star: boolean;
  readonly distinct: boolean;
  /** `agg(x ORDER BY …)`: any aggregate (array_agg, string_agg, json_agg, json_object_agg …). */
  readonly orderBy?: readonly OrderItem[];
  /** `agg(direct…) WITHIN GROUP (ORDER BY …)`: an ordered-set call; `orderBy` holds the sorted inputs. */
  readonly withinGroup?: boolean;
  readonly filter?: Expr;
  /** `OVER (…)` / `OVER name`: a window function call. */
  readonly over?: WindowSpec;
  /** `f(a, VARIADIC arr)`: the last argument is the array for the variadic parameter. */
  readonly variadic?: boolean;
}

/**
 * `OVER (…)`, or a named window (`WINDOW w AS (…)`); `ref` names the window it builds on:
 * `OVER w` uses it as it is (`whole`), `OVER (w …)` copies it and may add ORDER BY / a frame.
 */
export interface WindowSpec {
  readonly ref?: string;
  readonly whole?: boolean;
  readonly partitionBy: readonly Expr[];
  readonly orderBy: readonly OrderItem[];
  readonly frame?: WindowFrame;
}

/**
 * `ROWS|RANGE|GROUPS BETWEEN start AND end [EXCLUDE …]` (`ROWS start` = `BETWEEN start AND
 * CURRENT ROW`); EXCLUDE NO OTHERS is no `exclude`.
 */
export interface WindowFrame {
  readonly mode: 'ROWS' | 'RANGE' | 'GROUPS';
  readonly start: FrameBound;
  readonly end: FrameBound;
  readonly exclude?: FrameExclusion;
}

export type FrameExclusion = 'CURRENT ROW' | 'GROUP' | 'TIES';

export type FrameBound =
  | { readonly kind: 'UnboundedPreceding' } | { readonly kind: 'CurrentRow' } | { readonly kind: 'UnboundedFollowing' }
  | { readonly kind: 'Preceding' | 'Following'; readonly offset: Expr };

export interface ScalarSubquery {
  readonly kind: 'ScalarSubquery';
  readonly query: Query;
}

export interface ExistsExpr {
  readonly kind: 'Exists';
  readonly query: Query;
}

/** `ARRAY[a, b]` or `'{…}'`-free array constructor; `ARRAY(SELECT …)` uses `query`. */
export interface ArrayExpr {
  readonly kind: 'Array';
  readonly elements: readonly Expr[];
  readonly query?: Query;
}

/** `x[i]` (1-based, PostgreSQL). */
export interface SubscriptExpr {
  readonly kind: 'Subscript';
  readonly operand: Expr;
  readonly index: Expr;
  /**
   * `x[a:b]`: a slice, which only arrays support and jsonb refuses; `lower` / `upper` are absent
   * when omitted (`x[:b]`, `x[a:]`), and `index` is then the lower bound (or upper, or NULL).
   * `position` is where an error points.
   */
  readonly slice?: { readonly position: number | undefined; readonly lower?: Expr; readonly upper?: Expr };
}

/** `x op ANY(array | subquery)` / `ALL(…)`. */
export interface QuantifiedExpr {
  readonly kind: 'Quantified';
  readonly op: string;
  readonly left: Expr;
  readonly quantifier: 'ANY' | 'ALL';
  readonly right: Expr | Query;
}

/** `(a, b)` row constructor. */
export interface RowExpr {
  readonly kind: 'Row';
  readonly fields: readonly Expr[];
}

/**
 * `(expr).field`: one field of a composite value, e.g. pgJDBC's
 * `(information_schema._pg_expandarray(i.indkey)).n`. `field` is case-folded unless quoted.
 */
export interface FieldSelect {
  readonly kind: 'FieldSelect';
  readonly operand: Expr;
  readonly field: string;
}

/**
 * `GROUPING(a, b)`: a bit per argument (the first is the most significant), set when the
 * grouping set that produced the row leaves that argument out.
 */
export interface GroupingExpr {
  readonly kind: 'Grouping';
  readonly args: readonly Expr[];
}

/**
 * `ROLLUP (…)`, `CUBE (…)`, `GROUPING SETS (…)` or `()` in GROUP BY. An element is an
 * expression, a parenthesised list of them (one composite element of ROLLUP / CUBE, one set of
 * GROUPING SETS), or — inside GROUPING SETS — a nested grouping set.
 */
export interface GroupingSet {
  readonly kind: 'GroupingSet';
  readonly type: 'ROLLUP' | 'CUBE' | 'SETS' | 'EMPTY';
  readonly content: readonly GroupingElement[];
}

export type GroupingElement = Expr | readonly Expr[] | GroupingSet;

/** One GROUP BY item. */
export type GroupByItem = Expr | GroupingSet;

/** `DEFAULT` in INSERT VALUES / UPDATE SET. */
export interface DefaultExpr {
  readonly kind: 'Default';
}

// ---------------------------------------------------------------- queries

/** PrintImage is a query too: `SELECT … FROM (PRINT IMAGE AS …) source`, as BI tools wrap SQL. */
export type Query = SelectQuery | SetOperationQuery | ValuesQuery | ConvertQuery | SearchQuery | PrintImage;

export interface SelectQuery {
  readonly kind: 'Select';
  readonly with?: readonly CommonTableExpr[];
  /** true = DISTINCT; an array = DISTINCT ON (…). */
  readonly distinct: boolean | readonly Expr[];
  readonly columns: readonly SelectItem[];
  readonly from: readonly FromItem[];
  readonly where?: Expr;
  readonly groupBy: readonly GroupByItem[];
  /** `GROUP BY DISTINCT`: duplicate grouping sets are dropped. */
  readonly groupDistinct?: boolean;
  readonly having?: Expr;
  readonly orderBy: readonly OrderItem[];
  readonly limit?: Expr;
  readonly offset?: Expr;
  /** `FETCH FIRST n ROWS WITH TIES`: also the rows that tie with the last one in ORDER BY. */
  readonly withTies?: boolean;
  /** `WINDOW name AS (…)`, … */
  readonly windows?: readonly { readonly name: string; readonly spec: WindowSpec }[];
  /** `FOR UPDATE | NO KEY UPDATE | SHARE | KEY SHARE [OF t, …] [NOWAIT]`, each clause. */
  readonly locking?: readonly RowLocking[];
}

/** One locking clause of a SELECT. */
export interface RowLocking {
  /** As PostgreSQL names it in messages: `FOR UPDATE`, `FOR NO KEY UPDATE`, `FOR SHARE`, `FOR KEY SHARE`. */
  readonly strength: string;
  /** `OF a, b`: the FROM items (by alias or name) it locks; empty: all of them. */
  readonly of: readonly string[];
}

export interface SetOperationQuery {
  readonly kind: 'SetOperation';
  /** `WITH … (SELECT …) UNION (SELECT …)`: CTEs visible to both sides. */
  readonly with?: readonly CommonTableExpr[];
  readonly op: 'UNION' | 'INTERSECT' | 'EXCEPT';
  readonly all: boolean;
  readonly left: Query;
  readonly right: Query;
  readonly orderBy: readonly OrderItem[];
  readonly limit?: Expr;
  readonly offset?: Expr;
  readonly withTies?: boolean;
}

export interface ValuesQuery {
  readonly kind: 'Values';
  readonly with?: readonly CommonTableExpr[];
  readonly rows: readonly (readonly Expr[])[];
  readonly orderBy: readonly OrderItem[];
  readonly limit?: Expr;
  readonly offset?: Expr;
  readonly withTies?: boolean;
}

export interface CommonTableExpr {
  readonly name: string;
  readonly columns?: readonly string[];
  /** A query, or a data-modifying statement (`WITH t AS (INSERT … RETURNING …)`, top level only). */
  readonly query: Query | DataModifyingStatement;
  /** Declared in `WITH RECURSIVE`: the query may read its own working table. */
  readonly recursive?: boolean;
  /** `SEARCH {DEPTH|BREADTH} FIRST BY cols SET seq` (WITH RECURSIVE only). */
  readonly search?: CteSearchClause;
  /** `CYCLE cols SET mark [TO v DEFAULT d] USING path` (WITH RECURSIVE only). */
  readonly cycle?: CteCycleClause;
}

/** A statement that may stand in a WITH item: its RETURNING rows are the item's rows. */
export type DataModifyingStatement = Insert | Update | Delete;

export interface CteSearchClause {
  readonly breadthFirst: boolean;
  readonly columns: readonly string[];
  readonly sequenceColumn: string;
}

export interface CteCycleClause {
  readonly columns: readonly string[];
  readonly markColumn: string;
  /** TO value / DEFAULT value; both absent = true / false. */
  readonly markValue?: Expr;
  readonly markDefault?: Expr;
  readonly pathColumn: string;
}

export type SelectItem =
  | { readonly kind: 'SelectExpr'; readonly expr: Expr; readonly alias?: string }
  | { readonly kind: 'SelectStar'; readonly table?: string };

export type FromItem = TableRef | SubqueryRef | JoinRef | FunctionRef;

export interface TableRef {
  readonly kind: 'TableRef';
  readonly schema?: string;
  readonly name: string;
  readonly alias?: string;
  /** `FROM t AS a (x, y)`: new names for the first columns. */
  readonly columnAliases?: readonly string[];
  /** `FROM ONLY t`: the table's own rows, without those of tables inheriting from it. */
  readonly only?: boolean;
}

/** `[LATERAL] ( query ) [AS alias]`; the alias is optional as in the ThanoSQL tutorials. */
export interface SubqueryRef {
  readonly kind: 'SubqueryRef';
  readonly query: Query;
  readonly alias?: string;
  readonly columnAliases?: readonly string[];
  /** LATERAL: the query may refer to the FROM items before it. */
  readonly lateral?: boolean;
}

export interface JoinRef {
  readonly kind: 'Join';
  readonly type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS';
  readonly left: FromItem;
  readonly right: FromItem;
  readonly on?: Expr;
  readonly using?: readonly string[];
  /** NATURAL: USING the column names both sides have (found when the sides are bound). */
  readonly natural?: boolean;
  /** `JOIN … USING (x) AS u` (PostgreSQL 14+): `u.x` names the merged columns, and only them. */
  readonly usingAlias?: string;
  /** `(a JOIN b …) AS j [(x, y)]`: the join's columns are then reached as j.x only. */
  readonly alias?: string;
  readonly columnAliases?: readonly string[];
}

/** A set-returning function in FROM: generate_series(…), unnest(…). */
export interface FunctionRef {
  readonly kind: 'FunctionRef';
  readonly call: FunctionCall;
  readonly alias?: string;
  readonly columnAliases?: readonly string[];
  /** `f(…) AS t(a int, b text)`: the row type of a function returning `record`. */
  readonly columnDefs?: readonly { readonly name: string; readonly type: TypeRef }[];
  /** `f(…) WITH ORDINALITY`: an extra int8 column numbering the rows from 1. */
  readonly withOrdinality?: boolean;
  /** Written LATERAL (functions in FROM may always refer to the items before them). */
  readonly lateral?: boolean;
}

export interface OrderItem {
  readonly expr: Expr;
  readonly direction: 'ASC' | 'DESC';
  /** Absent = PostgreSQL's default (NULLS LAST for ASC, NULLS FIRST for DESC). */
  readonly nulls?: 'FIRST' | 'LAST';
}

// ---------------------------------------------------------------- ThanoSQL

/** An OPTIONS(…) value: Python-style literals as ThanoSQL accepts them. */
export type OptionValue = string | number | boolean | null | readonly OptionValue[];
export type Options = Readonly<Record<string, OptionValue>>;

/** `CONVERT USING model OPTIONS(…) AS query` — returns the query's rows plus an embedding column. */
export interface ConvertQuery {
  readonly kind: 'Convert';
  readonly model: string;
  readonly options: Options;
  readonly query: Query;
}

/**
 * What a SEARCH compares against: literal texts or image paths, or one driver parameter —
 * `text=$1` / `image=$1` (one text value), `texts=$1` / `images=$1` (a text[] value).
 */
export interface SearchInputs {
  readonly kind: 'text' | 'image';
  /** The literal inputs; empty when `param` is given. */
  readonly values: readonly string[];
  /** `$n` (1-based) and whether it holds a list (the plural keys). */
  readonly param?: { readonly index: number; readonly list: boolean };
}

/**
 * `SEARCH IMAGE text="…" | texts=[…] | image="…" | images=[…] USING model [OPTIONS(…)] AS query`.
 * Era B–D forms (inputs given in OPTIONS) are normalised into the same node.
 */
export interface SearchQuery {
  readonly kind: 'Search';
  readonly target: 'IMAGE' | 'TEXT' | 'AUDIO' | 'VIDEO';
  readonly inputs: SearchInputs;
  readonly model: string;
  readonly options: Options;
  readonly query: Query;
}

// ---------------------------------------------------------------- statements

export type Statement =
  | QueryStatement | CreateTable | CreateTableAs | DropTable | AlterTable
  | Insert | Update | Delete
  | CopyFrom | CopyTo | ThanoCopy
  | PrintImage | BuildModel | ListModel | DeleteModel
  | TransactionStatement | SetTransaction | Maintenance | SetStatement | ShowStatement | ResetStatement
  | DiscardStatement | DeallocateStatement | PrepareStatement | ExecuteStatement
  | DeclareCursor | FetchCursor | CloseCursor
  | Explain | NoOpStatement
  | CreateIndex | CreateView | DropRelation | CommentOn
  | CreateSequence | AlterSequence | Truncate | CreateTableAsExecute | UserTypeStatement | SchemaStatement
  | FunctionStatement | DoBlock | TriggerStatement;

/**
 * `CREATE TABLE t AS EXECUTE name [(args)]`: the session turns it into CreateTableAs over the
 * prepared query (its parameters replaced by the arguments) before binding.
 */
export interface CreateTableAsExecute {
  readonly kind: 'CreateTableAsExecute';
  readonly target: Omit<CreateTableAs, 'kind' | 'query'>;
  readonly execute: ExecuteStatement;
}

export interface QueryStatement {
  readonly kind: 'QueryStatement';
  readonly query: Query;
}

export interface ColumnDef {
  readonly name: string;
  readonly type: TypeRef;
  readonly notNull: boolean;
  readonly primaryKey: boolean;
  readonly unique: boolean;
  readonly default?: Expr;
  /** Column-level PRIMARY KEY / UNIQUE / REFERENCES, as constraints over this one column. */
  readonly constraints?: readonly TableConstraint[];
  /**
   * Written as `smallserial` / `serial` / `bigserial` (or serial2/4/8): `type` is the integer
   * type, and the column gets a new sequence it owns, `nextval(…)` as its default and NOT NULL.
   */
  readonly serial?: boolean;
  /** `GENERATED ALWAYS | BY DEFAULT AS IDENTITY [(sequence options)]`. */
  readonly identity?: IdentitySpec;
}

/** An identity column: values from a sequence the column owns; ALWAYS refuses explicit values. */
export interface IdentitySpec {
  readonly always: boolean;
  readonly options: readonly SequenceOption[];
}

/**
 * One option of CREATE/ALTER SEQUENCE or of an identity column, in PostgreSQL's words. Numbers
 * are bigint (int8 range). `null` bounds are NO MINVALUE / NO MAXVALUE; `OwnedBy` without a
 * column is OWNED BY NONE.
 */
export type SequenceOption =
  | { readonly kind: 'As'; readonly type: TypeRef }
  | { readonly kind: 'Increment'; readonly value: bigint }
  | { readonly kind: 'MinValue'; readonly value: bigint | null }
  | { readonly kind: 'MaxValue'; readonly value: bigint | null }
  | { readonly kind: 'Start'; readonly value: bigint }
  | { readonly kind: 'Restart'; readonly value?: bigint }
  | { readonly kind: 'Cache'; readonly value: bigint }
  | { readonly kind: 'Cycle'; readonly cycle: boolean }
  | { readonly kind: 'OwnedBy'; readonly table?: string; readonly column?: string }
  | { readonly kind: 'SequenceName'; readonly name: string };

/** `CREATE [TEMP] SEQUENCE [IF NOT EXISTS] name [options]`. */
export interface CreateSequence {
  readonly kind: 'CreateSequence';
  readonly name: string;
  readonly temporary: boolean;
  readonly ifNotExists: boolean;
  readonly options: readonly SequenceOption[];
}

/** `ALTER SEQUENCE [IF EXISTS] name options` (RESTART, OWNED BY and the CREATE options). */
export interface AlterSequence {
  readonly kind: 'AlterSequence';
  readonly name: string;
  readonly ifExists: boolean;
  readonly options: readonly SequenceOption[];
}

/** A PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK constraint (table-level, or a column's own). */
export interface TableConstraint {
  readonly kind: 'PrimaryKey' | 'Unique' | 'ForeignKey' | 'Check';
  /** `CONSTRAINT name`; absent → PostgreSQL's generated name (t_pkey, t_a_key, t_a_fkey, t_a_check). */
  readonly name?: string;
  /** Key columns; empty for CHECK (its columns are the ones the expression reads). */
  readonly columns: readonly string[];
  readonly references?: ForeignKeyReference;
  /** CHECK: the expression, and its source text (stored when it cannot be deparsed). */
  readonly check?: { readonly expr: Expr; readonly text: string };
  /** `NOT VALID` (ALTER TABLE … ADD CONSTRAINT, CHECK / FOREIGN KEY): existing rows are not checked. */
  readonly notValid?: boolean;
  /** CHECK … NO INHERIT (pg_constraint.connoinherit). */
  readonly noInherit?: boolean;
}

/** `REFERENCES t [(cols)] [ON DELETE|UPDATE action]`; actions as pg_constraint letters. */
export interface ForeignKeyReference {
  readonly table: string;
  readonly columns?: readonly string[];
  readonly onDelete: string;
  readonly onUpdate: string;
  /** MATCH FULL: a key with some but not all columns NULL is a violation (pg_constraint.confmatchtype 'f'). */
  readonly matchFull?: boolean;
}

/** `CREATE [UNIQUE] INDEX [IF NOT EXISTS] [name] ON t [USING btree] (cols)`. */
export interface CreateIndex {
  readonly kind: 'CreateIndex';
  readonly name?: string;
  readonly table: string;
  readonly unique: boolean;
  readonly ifNotExists: boolean;
  readonly columns: readonly string[];
  /** `USING hnsw (col vector_cosine_ops) WITH (…)`: a vector index (pgvector's syntax). */
  readonly vector?: VectorIndexOptions;
}

/** A vector index as written: pgvector's HNSW options, plus our `quantization` of the stored vectors. */
export interface VectorIndexOptions {
  readonly method: 'hnsw';
  readonly opclass: 'vector_cosine_ops' | 'vector_ip_ops';
  readonly m: number;
  readonly efConstruction: number;
  readonly quantization: 'f32' | 'f16' | 'i8';
}

/** `CREATE [OR REPLACE] VIEW v [(cols)] AS query`; `sql` is the query's text as written. */
export interface CreateView {
  readonly kind: 'CreateView';
  readonly name: string;
  readonly orReplace: boolean;
  readonly columns?: readonly string[];
  readonly query: Query;
  readonly sql: string;
  /** WITH [LOCAL | CASCADED] CHECK OPTION (or `WITH (check_option = …)`): rows written through it must stay visible. */
  readonly checkOption?: ViewCheckOption;
  /** `WITH (security_barrier)`. */
  readonly securityBarrier?: boolean;
}

export type ViewCheckOption = 'local' | 'cascaded';

/** `DROP INDEX | VIEW | SEQUENCE [IF EXISTS] a, b [CASCADE|RESTRICT]`. */
export interface DropRelation {
  readonly kind: 'DropRelation';
  readonly relkind: 'index' | 'view' | 'sequence';
  readonly names: readonly string[];
  readonly ifExists: boolean;
  readonly cascade: boolean;
}

/** `COMMENT ON TABLE|VIEW|INDEX t IS '…'` / `COMMENT ON COLUMN t.c IS '…'`; NULL removes it. */
export interface CommentOn {
  readonly kind: 'CommentOn';
  readonly target: 'table' | 'view' | 'index' | 'column' | 'constraint';
  readonly relation: string;
  /** The column (target 'column') or constraint (target 'constraint') of `relation`. */
  readonly column?: string;
  readonly text: string | null;
}

export interface CreateTable {
  readonly kind: 'CreateTable';
  readonly name: string;
  readonly ifNotExists: boolean;
  readonly columns: readonly ColumnDef[];
  readonly temporary: boolean;
  /** Table-level constraints, in the order written. */
  readonly constraints?: readonly TableConstraint[];
  /** `INHERITS (parent, …)`: the parents, in order. */
  readonly inherits?: readonly string[];
  /** `PARTITION BY …`: a partitioned table. */
  readonly partitionBy?: PartitionBy;
  /** `PARTITION OF parent [(column options)] FOR VALUES … | DEFAULT`. */
  readonly partitionOf?: PartitionOf;
  /** `LIKE source [INCLUDING … | EXCLUDING …]` elements, in the order written. */
  readonly like?: readonly TableLike[];
  /** WITH (storage parameters). */
  readonly options?: readonly RelOption[];
  /** CREATE UNLOGGED TABLE. */
  readonly unlogged?: boolean;
}

/** What `LIKE source INCLUDING …` copies besides names, types and NOT NULL (PostgreSQL's TableLikeOption). */
export type LikeOption = 'comments' | 'compression' | 'constraints' | 'defaults' | 'generated' | 'identity' | 'indexes' | 'statistics' | 'storage';

/** One `LIKE source …` element of CREATE TABLE; its columns go where it stands among the column definitions. */
export interface TableLike {
  readonly table: string;
  /** How many column definitions precede it. */
  readonly at: number;
  readonly including: readonly LikeOption[];
}

/** `PARTITION BY RANGE | LIST | HASH (key, …)`. */
export interface PartitionBy {
  readonly strategy: 'range' | 'list' | 'hash';
  readonly parts: readonly PartitionKeyElement[];
}

/** One key of PARTITION BY: a column, or an expression (with its source text). */
export interface PartitionKeyElement {
  readonly column?: string;
  readonly expr?: { readonly expr: Expr; readonly text: string };
  readonly collation?: string;
  /** An operator class named after the key (`a int4_ops`). */
  readonly opclass?: string;
}

/** `CREATE TABLE t PARTITION OF parent [(a NOT NULL, …)] FOR VALUES …`. */
export interface PartitionOf {
  readonly parent: string;
  readonly bound: PartitionBoundSpec;
  /** Column options without types (NOT NULL, DEFAULT, CHECK …) for the parent's columns. */
  readonly columnOptions?: readonly ColumnOptions[];
}

/** A column definition without a type (`a WITH OPTIONS NOT NULL`), as PARTITION OF allows. */
export type ColumnOptions = Omit<ColumnDef, 'type'>;

/** `FOR VALUES IN (…) | FROM (…) TO (…) | WITH (MODULUS m, REMAINDER r)` or `DEFAULT`. */
export type PartitionBoundSpec =
  | { readonly kind: 'default' }
  | { readonly kind: 'list'; readonly values: readonly Expr[] }
  | { readonly kind: 'range'; readonly from: readonly RangeDatumSpec[]; readonly to: readonly RangeDatumSpec[] }
  | { readonly kind: 'hash'; readonly modulus: number; readonly remainder: number };

/** A range bound's column: an expression, or MINVALUE / MAXVALUE. */
export type RangeDatumSpec = { readonly kind: 'value'; readonly expr: Expr } | { readonly kind: 'minvalue' | 'maxvalue' };

export interface CreateTableAs {
  readonly kind: 'CreateTableAs';
  readonly name: string;
  readonly ifNotExists: boolean;
  /** `CREATE TABLE t (a, b) AS …`: names for the first columns. */
  readonly columns?: readonly string[];
  /** CREATE TEMP TABLE … AS. */
  readonly temporary?: boolean;
  readonly query: Query;
  readonly withData: boolean;
  /** WITH (storage parameters). */
  readonly options?: readonly RelOption[];
  /** Made from CREATE TABLE … AS EXECUTE: the tag is `SELECT n` even WITH NO DATA, as PostgreSQL's. */
  readonly fromExecute?: boolean;
}

export interface DropTable {
  readonly kind: 'DropTable';
  readonly names: readonly string[];
  readonly ifExists: boolean;
  /** DROP … CASCADE: dependent views and foreign keys go too (else 2BP01). */
  readonly cascade?: boolean;
}

/** TRUNCATE [TABLE] [ONLY] a, b [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]. */
export interface Truncate {
  readonly kind: 'Truncate';
  readonly names: readonly string[];
  /** RESTART IDENTITY: the sequences the tables' columns own start over. */
  readonly restartIdentity: boolean;
  /** CASCADE: tables whose FOREIGN KEYs reference a truncated one are truncated too. */
  readonly cascade: boolean;
  /** The names written with ONLY: their inheriting tables and partitions are not truncated. */
  readonly only?: readonly string[];
}

export type AlterTableAction =
  | { readonly kind: 'AddColumn'; readonly column: ColumnDef; readonly ifNotExists: boolean }
  | { readonly kind: 'DropColumn'; readonly name: string; readonly ifExists: boolean; readonly cascade?: boolean }
  | { readonly kind: 'RenameColumn'; readonly from: string; readonly to: string }
  | { readonly kind: 'RenameTable'; readonly to: string }
  | { readonly kind: 'Inherit' | 'NoInherit'; readonly parent: string }
  | { readonly kind: 'AttachPartition'; readonly partition: string; readonly bound: PartitionBoundSpec }
  | { readonly kind: 'DetachPartition'; readonly partition: string; readonly mode?: 'concurrently' | 'finalize' }
  | { readonly kind: 'AddConstraint'; readonly constraint: TableConstraint }
  | { readonly kind: 'DropConstraint'; readonly name: string; readonly ifExists: boolean; readonly cascade: boolean }
  | { readonly kind: 'ValidateConstraint'; readonly name: string }
  | { readonly kind: 'RenameConstraint'; readonly from: string; readonly to: string }
  | { readonly kind: 'SetNotNull' | 'DropNotNull'; readonly column: string }
  /** SET DEFAULT expr, or DROP DEFAULT (`value` absent). */
  | { readonly kind: 'SetDefault'; readonly column: string; readonly value?: Expr }
  /** `ALTER [COLUMN] c [SET DATA] TYPE t [USING expr]`. */
  | { readonly kind: 'AlterColumnType'; readonly column: string; readonly type: TypeRef; readonly using?: Expr }
  /** SET STATISTICS n (planner statistics target: stored and shown, there is no ANALYZE). */
  | { readonly kind: 'SetStatistics'; readonly column: string; readonly value: number }
  /** SET STORAGE plain | external | extended | main (stored and shown; values are never TOASTed here). */
  | { readonly kind: 'SetStorage'; readonly column: string; readonly storage: string }
  /** SET (storage parameters) / RESET (their names): pg_class.reloptions, stored and shown. */
  | { readonly kind: 'SetRelOptions' | 'ResetRelOptions'; readonly options: readonly RelOption[] }
  /** SET LOGGED / SET UNLOGGED (pg_class.relpersistence only). */
  | { readonly kind: 'SetLogged'; readonly unlogged: boolean }
  /** `ALTER TABLE | VIEW | SEQUENCE … SET SCHEMA schema`. */
  | { readonly kind: 'SetSchema'; readonly schema: string }
  /** ENABLE [REPLICA | ALWAYS] / DISABLE TRIGGER name | ALL | USER: pg_trigger.tgenabled becomes `enabled`. */
  | { readonly kind: 'EnableTrigger'; readonly which: 'named' | 'all' | 'user'; readonly name?: string; readonly enabled: 'O' | 'D' | 'R' | 'A' };

/** A storage parameter `[namespace.]name [= value]` of WITH (…), SET (…) or RESET (…). */
export interface RelOption {
  readonly namespace?: string;
  readonly name: string;
  /** The value as written (a number's digits); absent when only the name is given. */
  readonly value?: string;
}

/** Which ALTER statement: ALTER TABLE works on any relation for renames; the others insist on their kind (42809). */
export type AlterRelationKind = 'table' | 'index' | 'view' | 'sequence';

export interface AlterTable {
  readonly kind: 'AlterTable';
  readonly name: string;
  readonly ifExists: boolean;
  readonly actions: readonly AlterTableAction[];
  /** `ALTER TABLE ONLY t`: not recursing to tables inheriting from t. */
  readonly only?: boolean;
  /** ALTER INDEX / VIEW / SEQUENCE …; absent = ALTER TABLE. */
  readonly relkind?: AlterRelationKind;
}

export interface Insert {
  readonly kind: 'Insert';
  /** `WITH … INSERT`: CTEs visible to the whole statement (data-modifying ones allowed). */
  readonly with?: readonly CommonTableExpr[];
  readonly table: string;
  readonly columns?: readonly string[];
  /** `INSERT INTO t (a[1], f.x)`: per listed column, its steps (absent for a plain column). */
  readonly indirection?: readonly (readonly AssignStep[] | undefined)[];
  /** VALUES rows or a query. */
  readonly source: Query;
  /** `INSERT INTO t AS x`: the name ON CONFLICT and RETURNING know the target by. */
  readonly alias?: string;
  readonly onConflict?: OnConflict;
  readonly returning?: readonly SelectItem[];
}

/**
 * `ON CONFLICT [(cols) [WHERE …] | ON CONSTRAINT name] DO NOTHING | DO UPDATE SET … [WHERE …]`.
 * The target names the unique index whose conflicts are handled (absent: any, DO NOTHING only).
 */
export interface OnConflict {
  readonly action: 'nothing' | 'update';
  /** `(a, b)`: index elements; a column by name, anything else as an expression. */
  readonly target?: readonly OnConflictElement[];
  /** `(cols) WHERE …`: a partial index's predicate. */
  readonly targetWhere?: Expr;
  /** `ON CONSTRAINT name`. */
  readonly constraint?: string;
  /** DO UPDATE's SET items (they see the target row and `excluded`, the row proposed for insertion). */
  readonly assignments?: readonly (Assignment | MultiAssignment)[];
  /** DO UPDATE … WHERE: rows it is false for are left alone. */
  readonly where?: Expr;
}

/** One element of an ON CONFLICT target: a column, or an expression (matches only an expression index). */
export type OnConflictElement = { readonly column: string } | { readonly expr: Expr };

export interface Update {
  readonly kind: 'Update';
  /** `WITH … UPDATE`: CTEs visible to the whole statement (data-modifying ones allowed). */
  readonly with?: readonly CommonTableExpr[];
  readonly table: string;
  readonly alias?: string;
  /** `UPDATE ONLY t`: not the rows of tables inheriting from t. */
  readonly only?: boolean;
  readonly assignments: readonly (Assignment | MultiAssignment)[];
  readonly from: readonly FromItem[];
  readonly where?: Expr;
  /** `WHERE CURRENT OF cursor`: the row the cursor is on (instead of `where`). */
  readonly currentOf?: string;
  readonly returning?: readonly SelectItem[];
}

/** `SET column = value` (value may be `{ kind: 'Default' }`). */
export interface Assignment {
  readonly column: string;
  /** `SET col[i][j] = v`, `SET col[l:u]`, `SET col.f = v`: the steps into the column, in order. */
  readonly indirection?: readonly AssignStep[];
  readonly value: Expr;
}

/** One step of an assignment target into a column: `[i]`, `[l:u]` (bounds may be omitted), `.field`. */
export type AssignStep =
  | { readonly kind: 'index'; readonly index: Expr }
  | { readonly kind: 'slice'; readonly lower?: Expr; readonly upper?: Expr }
  | { readonly kind: 'field'; readonly name: string };

/**
 * `SET (a, b) = (x, y)` / `= ROW(x, y)` / `= (SELECT x, y …)`: the columns take the source's
 * values in order; `source` is a Row (its fields may be DEFAULT) or a ScalarSubquery.
 */
export interface MultiAssignment {
  readonly columns: readonly string[];
  readonly source: Expr;
}

export interface Delete {
  readonly kind: 'Delete';
  /** `WITH … DELETE`: CTEs visible to the whole statement (data-modifying ones allowed). */
  readonly with?: readonly CommonTableExpr[];
  readonly table: string;
  readonly alias?: string;
  /** `DELETE FROM ONLY t`: not the rows of tables inheriting from t. */
  readonly only?: boolean;
  /** `DELETE … USING a, b`: rows joined to each target row (a row goes when any match). */
  readonly using?: readonly FromItem[];
  readonly where?: Expr;
  /** `WHERE CURRENT OF cursor`: the row the cursor is on (instead of `where`). */
  readonly currentOf?: string;
  readonly returning?: readonly SelectItem[];
}

/** COPY options shared by the FROM STDIN and TO STDOUT forms. */
export interface CopyOptions {
  readonly format: 'text' | 'csv' | 'binary';
  /** `match` (COPY FROM): the header line must name the copied columns in order. */
  readonly header: boolean | 'match';
  readonly delimiter?: string;
  readonly null?: string;
  readonly quote?: string;
  readonly escape?: string;
  readonly forceQuote?: readonly string[] | '*';
  /** CSV COPY FROM: these columns never read NULL from an unquoted null string (they get it as text). */
  readonly forceNotNull?: readonly string[];
  /** CSV COPY FROM: these columns read NULL from a quoted null string too. */
  readonly forceNull?: readonly string[];
}

/** PostgreSQL `COPY t [(cols)] FROM STDIN [WITH …]`. */
export interface CopyFrom {
  readonly kind: 'CopyFrom';
  readonly table: string;
  readonly columns?: readonly string[];
  readonly options: CopyOptions;
  /** `WHERE cond`: only rows for which it is true are stored. */
  readonly where?: Expr;
}

/** PostgreSQL `COPY t [(cols)] | (query) TO STDOUT [WITH …]`. */
export interface CopyTo {
  readonly kind: 'CopyTo';
  readonly source:
    | { readonly kind: 'table'; readonly table: string; readonly columns?: readonly string[] }
    | { readonly kind: 'query'; readonly query: Query };
  readonly options: CopyOptions;
}

/** ThanoSQL `COPY t [OPTIONS(overwrite=True)] FROM "path.csv"`: create t from a CSV file. */
export interface ThanoCopy {
  readonly kind: 'ThanoCopy';
  readonly table: string;
  readonly options: Options;
  readonly path: string;
}

/** `PRINT IMAGE [OPTIONS(image_col='…')] AS (query)`. */
export interface PrintImage {
  readonly kind: 'PrintImage';
  readonly options: Options;
  readonly query: Query;
}

/** `BUILD MODEL name USING base OPTIONS(…) [AS query]`. */
export interface BuildModel {
  readonly kind: 'BuildModel';
  readonly name: string;
  readonly base: string;
  readonly options: Options;
  readonly query?: Query;
}

export interface ListModel {
  readonly kind: 'ListModel';
}

export interface DeleteModel {
  readonly kind: 'DeleteModel';
  readonly name: string;
}

export interface TransactionStatement {
  readonly kind: 'Transaction';
  readonly action: 'BEGIN' | 'START' | 'COMMIT' | 'ROLLBACK' | 'SAVEPOINT' | 'RELEASE' | 'ROLLBACK_TO';
  readonly savepoint?: string;
  /** BEGIN / START TRANSACTION's modes (ISOLATION LEVEL, READ ONLY | WRITE, [NOT] DEFERRABLE). */
  readonly modes?: TransactionModes;
  /** COMMIT / ROLLBACK AND CHAIN: a new transaction starts at once with the same modes. */
  readonly chain?: boolean;
}

/** Transaction modes as written; absent fields keep their current or default value. */
export interface TransactionModes {
  /** Lower-case, as PostgreSQL spells it: 'read uncommitted' | 'read committed' | 'repeatable read' | 'serializable'. */
  readonly isolation?: string;
  readonly readOnly?: boolean;
  readonly deferrable?: boolean;
}

/** VACUUM / ANALYZE: accepted (nothing to do in the columnar store); the tables and columns named must exist. */
export interface Maintenance {
  readonly kind: 'Maintenance';
  readonly command: 'VACUUM' | 'ANALYZE';
  readonly tables: readonly { readonly name: string; readonly columns: readonly string[] }[];
}

/** `SET TRANSACTION modes` (this transaction) or `SET SESSION CHARACTERISTICS AS TRANSACTION modes` (the defaults). */
export interface SetTransaction {
  readonly kind: 'SetTransaction';
  readonly session: boolean;
  readonly modes: TransactionModes;
}

/** `SET [SESSION|LOCAL] name {TO|=} value[, …]`, `SET TIME ZONE …`, `SET SESSION CHARACTERISTICS …`. */
export interface SetStatement {
  readonly kind: 'Set';
  readonly name: string;
  /** Values as text; `DEFAULT` → undefined. */
  readonly value?: string;
  readonly local: boolean;
}

export interface ShowStatement {
  readonly kind: 'Show';
  /** Lower-cased; `all` for SHOW ALL. */
  readonly name: string;
}

export interface ResetStatement {
  readonly kind: 'Reset';
  /** `all` for RESET ALL. */
  readonly name: string;
}

export interface DiscardStatement {
  readonly kind: 'Discard';
  readonly what: 'ALL' | 'PLANS' | 'SEQUENCES' | 'TEMP';
}

export interface DeallocateStatement {
  readonly kind: 'Deallocate';
  /** undefined = DEALLOCATE ALL. */
  readonly name?: string;
}

/** `PREPARE name [(type, …)] AS statement`: a named prepared statement (shared with Parse's names). */
export interface PrepareStatement {
  readonly kind: 'Prepare';
  readonly name: string;
  /** Declared types of $1…$n; the rest are inferred. */
  readonly paramTypes: readonly TypeRef[];
  /** SELECT, VALUES, INSERT, UPDATE or DELETE (PostgreSQL's PreparableStmt). */
  readonly statement: Statement;
}

/** `EXECUTE name [(arg, …)]`: runs a prepared statement with the args as $1…$n. */
export interface ExecuteStatement {
  readonly kind: 'Execute';
  readonly name: string;
  readonly args: readonly Expr[];
}

export interface DeclareCursor {
  readonly kind: 'DeclareCursor';
  readonly name: string;
  readonly query: Query;
  readonly binary: boolean;
  readonly hold: boolean;
  /** SCROLL: may move backwards. */
  readonly scroll: boolean;
  /** NO SCROLL: may only move forwards (55000 otherwise). Neither: backwards is allowed. */
  readonly noScroll?: boolean;
}

/**
 * FETCH / MOVE as PostgreSQL's grammar leaves them: NEXT is FORWARD 1, PRIOR BACKWARD 1,
 * FIRST ABSOLUTE 1, LAST ABSOLUTE -1, a bare count FORWARD n (negative: backwards).
 */
export interface FetchCursor {
  readonly kind: 'FetchCursor';
  readonly name: string;
  readonly direction: 'FORWARD' | 'BACKWARD' | 'ABSOLUTE' | 'RELATIVE';
  /** Row count or position; Infinity for ALL. `move` = MOVE (no rows returned). */
  readonly count: number;
  readonly move: boolean;
}

export interface CloseCursor {
  readonly kind: 'CloseCursor';
  /** undefined = CLOSE ALL. */
  readonly name?: string;
}

export interface Explain {
  readonly kind: 'Explain';
  readonly statement: Statement;
  readonly analyze: boolean;
}

/**
 * Statements accepted for client compatibility with no effect on data (UNLISTEN *, LISTEN,
 * SET TRANSACTION …); `tag` is the command tag PostgreSQL returns.
 */
export interface NoOpStatement {
  readonly kind: 'NoOp';
  readonly tag: string;
}

/** One statement of a query string, with its source text for error positions. */
export interface ParsedStatement {
  readonly statement: Statement;
  /** The statement's text (without the trailing semicolon). */
  readonly text: string;
  /** Offset of `text` in the whole query string, 0-based. */
  readonly offset: number;
}
