/**
 * The catalog's objects as the store keeps them: tables (columns, indexes, constraints,
 * partitioning, views, sequences), user types, and the snapshot of all of them at one commit.
 * They sit below storage so the planner and the catalog read them without importing the store.
 */
import type { SqlType } from './sql-type.js';

/** A column as stored: `id` is stable across renames and never reused within a table. */
export interface StoredColumn {
  readonly id: number;
  readonly name: string;
  readonly type: SqlType;
  readonly notNull: boolean;
  /** Default expression as SQL text (re-parsed when used), if any. */
  readonly defaultSql?: string;
  /** COMMENT ON COLUMN text, if any (absent in snapshots written before comments existed). */
  readonly comment?: string;
  /**
   * An identity column (pg_attribute.attidentity): 'a' GENERATED ALWAYS, 'd' BY DEFAULT. Its
   * values come from the sequence owned by this column (no `defaultSql`, as in PostgreSQL).
   */
  readonly identity?: 'a' | 'd';
  /** pg_attribute.attinhcount: how many parents pass this column down (absent = 0). */
  readonly inheritCount?: number;
  /** pg_attribute.attislocal: false when the column exists only by inheritance (absent = true). */
  readonly isLocal?: boolean;
  /** ALTER COLUMN SET STATISTICS target (pg_attribute.attstattarget); absent = -1, the default. */
  readonly statistics?: number;
  /** ALTER COLUMN SET STORAGE (pg_attribute.attstorage: p, e, m, x); absent = the type's own. */
  readonly storage?: string;
}

/**
 * An index as the catalog records it (CREATE INDEX, or the one a PRIMARY KEY / UNIQUE
 * constraint creates). Storage builds no index structure: it is metadata only.
 */
export interface StoredIndex {
  /** pg_class OID of the index relation. */
  readonly oid: number;
  readonly name: string;
  /** Key column ids of the owning table, in key order. */
  readonly columnIds: readonly number[];
  readonly unique: boolean;
  readonly primary: boolean;
  /** COMMENT ON INDEX text, if any. */
  readonly comment?: string;
  /**
   * A vector index (CREATE INDEX … USING hnsw): its options. Its data is derived, kept in files
   * beside the store by the vector workers (ml/inference/vector/), never read as the truth: see ml/sql/README.md.
   */
  readonly vector?: StoredVectorIndex;
}

/** A vector index's definition (pgvector's HNSW options; `quantization` of the vectors it holds). */
export interface StoredVectorIndex {
  readonly method: 'hnsw';
  readonly opclass: 'vector_cosine_ops' | 'vector_ip_ops';
  readonly m: number;
  readonly efConstruction: number;
  readonly quantization: 'f32' | 'f16' | 'i8';
}

/** A PRIMARY KEY ('p'), UNIQUE ('u') or FOREIGN KEY ('f') constraint of a table. */
export interface StoredConstraint {
  /** pg_constraint OID. */
  readonly oid: number;
  readonly name: string;
  readonly type: 'p' | 'u' | 'f' | 'c';
  /** COMMENT ON CONSTRAINT text, if any. */
  readonly comment?: string;
  /** Key columns; for 'c' the columns the expression reads. */
  readonly columnIds: readonly number[];
  /** 'p'/'u': OID of the StoredIndex that backs the constraint. */
  readonly indexOid?: number;
  /** 'f': the referenced table (by id) and its columns. */
  readonly references?: StoredForeignKeyTarget;
  /** 'c': the CHECK expression as SQL text, parenthesized as pg_get_expr shows it (`(a > 0)`); re-bound at each use. */
  readonly checkSql?: string;
  /** 'c'/'f' added NOT VALID and not validated since (pg_constraint.convalidated false): new rows are checked, old ones were not. */
  readonly notValid?: boolean;
  /** 'c': NO INHERIT (pg_constraint.connoinherit): children do not get it. */
  readonly noInherit?: boolean;
  /** pg_constraint.coninhcount: how many parents pass this constraint down (absent = 0). */
  readonly inheritCount?: number;
  /** pg_constraint.conislocal: false when it exists only by inheritance (absent = true). */
  readonly isLocal?: boolean;
}

/**
 * PARTITION BY: how a partitioned table (relkind 'p') divides its rows among its partitions.
 * It stores no rows itself.
 */
export interface StoredPartitionKey {
  readonly strategy: 'range' | 'list' | 'hash';
  readonly parts: readonly StoredPartitionKeyPart[];
}

/** One key column or expression (pg_partitioned_table.partattrs / partexprs). */
export interface StoredPartitionKeyPart {
  /** The key column's id; absent for an expression. */
  readonly columnId?: number;
  /** An expression key as SQL text, as pg_get_partkeydef shows it (re-bound over the row at each use). */
  readonly exprSql?: string;
  /** The key's type: the column's, or the expression's. */
  readonly type: SqlType;
  /** COLLATE written in PARTITION BY, if any. */
  readonly collation?: string;
  /** An operator class written in PARTITION BY, if any. */
  readonly opclass?: string;
}

/**
 * FOR VALUES …: a partition's bound in its parent. Values are kept as their text form in the
 * key's type (time zone UTC), NULL as null, and parsed again when rows are routed.
 */
export type StoredPartitionBound =
  | { readonly kind: 'default' }
  | { readonly kind: 'list'; readonly values: readonly (string | null)[] }
  | { readonly kind: 'range'; readonly from: readonly StoredRangeDatum[]; readonly to: readonly StoredRangeDatum[] }
  | { readonly kind: 'hash'; readonly modulus: number; readonly remainder: number };

/** One column of a range bound: a value's text, or MINVALUE / MAXVALUE. */
export type StoredRangeDatum = { readonly value: string } | 'minvalue' | 'maxvalue';

/** What a FOREIGN KEY points at, and its actions as pg_constraint letters (a, r, c, n, d). */
export interface StoredForeignKeyTarget {
  readonly tableId: number;
  readonly columnIds: readonly number[];
  readonly onUpdate: string;
  readonly onDelete: string;
  /** MATCH FULL (confmatchtype 'f'): NULL in some but not all key columns violates; absent = MATCH SIMPLE. */
  readonly matchFull?: boolean;
}

/** A view: its query as SQL text (bound anew at each use) and the relations it reads. */
export interface StoredView {
  readonly sql: string;
  /** Ids of the tables and views its query references (DROP … RESTRICT checks them). */
  readonly dependsOn: readonly number[];
  /**
   * Each relation name its SQL text uses, with the id it named when the view was made: the
   * query is bound by these ids, so the view follows its tables through ALTER … RENAME and SET
   * SCHEMA as PostgreSQL's views do (absent in views stored before: names are looked up).
   */
  readonly relations?: readonly ViewRelation[];
  /** WITH [LOCAL | CASCADED] CHECK OPTION: rows INSERT/UPDATE write through the view must satisfy its WHERE. */
  readonly checkOption?: 'local' | 'cascaded';
  /** `WITH (security_barrier = …)`: shown in pg_class.reloptions. */
  readonly securityBarrier?: boolean;
}

/** A relation name as written in a view's query and the relation id it stands for. */
export interface ViewRelation {
  readonly name: string;
  readonly id: number;
  /**
   * The table's columns the query reads, by id, with the names they had at CREATE VIEW: the
   * query binds to these, so a renamed column is still found, a later column is not part of
   * the view's `*`, and DROP COLUMN / ALTER COLUMN TYPE see the dependency (absent in views
   * stored before, and for views and system relations: current names are used).
   */
  readonly columns?: readonly ViewColumnUse[];
}

/** One column a view's query reads: its id in the table and its name when the view was made. */
export interface ViewColumnUse {
  readonly id: number;
  readonly name: string;
}

/**
 * A sequence's definition (CREATE/ALTER SEQUENCE). Integers are decimal strings (int8 range:
 * exact, and plain data for every serializer). Its counter is not part of the definition:
 * `Store.advanceSequence` keeps it outside transactions, as PostgreSQL does.
 */
export interface StoredSequence {
  readonly type: 'int2' | 'int4' | 'int8';
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly start: string;
  readonly cache: string;
  readonly cycle: boolean;
  /** OWNED BY: the column whose table or column DROP drops the sequence (serial, identity). */
  readonly ownedBy?: { readonly tableId: number; readonly columnId: number };
}

/** A sequence's counter as PostgreSQL keeps it: the last value (or the one to start from) and whether it was handed out. */
export interface SequenceState {
  readonly lastValue: bigint;
  readonly isCalled: boolean;
}

/** A committed row group: `rowCount` rows, one chunk per column id it was written with. */
export interface RowGroupRef {
  readonly id: number;
  readonly rowCount: number;
  /** Column ids that have a chunk; a column added later reads as NULL in older groups. */
  readonly columnIds: readonly number[];
}

export interface StoredTable {
  readonly id: number;
  /** pg_class OID clients see; stable for the table's life. */
  readonly oid: number;
  readonly name: string;
  readonly columns: readonly StoredColumn[];
  readonly rowGroups: readonly RowGroupRef[];
  readonly nextColumnId: number;
  /** Bumped on every committed change to this table (conflict detection). */
  readonly version: number;
  /**
   * Optional so snapshots written before these existed still read: absent = none.
   * A relation with `view` is a view (no row groups; `columns` are its output columns).
   */
  readonly indexes?: readonly StoredIndex[];
  readonly constraints?: readonly StoredConstraint[];
  readonly comment?: string;
  /** CREATE UNLOGGED TABLE / SET UNLOGGED (pg_class.relpersistence 'u'); writes are durable all the same. */
  readonly unlogged?: boolean;
  /** Storage parameters (pg_class.reloptions) as `name=value` text, in order. */
  readonly options?: readonly string[];
  readonly view?: StoredView;
  /** A sequence (relkind 'S'): its definition; `columns` are last_value, log_cnt, is_called; no row groups. */
  readonly sequence?: StoredSequence;
  /** A session's temporary relation (schema pg_temp): never in a committed snapshot. */
  readonly temporary?: boolean;
  /**
   * Table inheritance (INHERITS, PARTITION OF, ALTER TABLE … INHERIT / ATTACH PARTITION): the
   * parents' ids in pg_inherits.inhseqno order. A partition has one parent, its partitioned table.
   */
  readonly inherits?: readonly number[];
  /** PARTITION BY: a partitioned table (relkind 'p'). */
  readonly partitionKey?: StoredPartitionKey;
  /** A partition (relispartition): its bound in its parent, `inherits[0]`. */
  readonly partitionBound?: StoredPartitionBound;
  /** CREATE TRIGGER: the table's (or view's) triggers, in creation order. */
  readonly triggers?: readonly StoredTrigger[];
}

/** The events a trigger fires on (pg_trigger.tgtype's event bits). */
export type TriggerEvent = 'insert' | 'update' | 'delete' | 'truncate';

/**
 * A trigger (CREATE TRIGGER), kept on its table like an index or constraint, so it is
 * transactional, goes with DROP TABLE, and rides the table's conflict checks.
 */
export interface StoredTrigger {
  /** pg_trigger OID. */
  readonly oid: number;
  readonly name: string;
  readonly timing: 'before' | 'after' | 'instead';
  readonly level: 'row' | 'statement';
  /** In PostgreSQL's display order: INSERT, DELETE, UPDATE, TRUNCATE as written (kept as written). */
  readonly events: readonly TriggerEvent[];
  /** UPDATE OF columns (column ids): fires only when the UPDATE's SET names one of them. */
  readonly updateColumns?: readonly number[];
  /** WHEN (condition) as SQL text over NEW / OLD (pg_get_triggerdef prints it). */
  readonly whenSql?: string;
  /** The column ids WHEN reads (DROP COLUMN of one is 2BP01). */
  readonly whenColumns?: readonly number[];
  /** The trigger function's pg_proc OID. */
  readonly functionId: number;
  /** The arguments written after the function name, as text (TG_ARGV). */
  readonly args: readonly string[];
  /** pg_trigger.tgenabled: O (origin, the default), D (disabled), R (replica), A (always). */
  readonly enabled: 'O' | 'D' | 'R' | 'A';
}

/**
 * A user-defined type: CREATE TYPE … AS (…) (composite), CREATE TYPE … AS ENUM, CREATE DOMAIN.
 * `type` is the SqlType values of it have, fully resolved (fields, labels, constraints); the
 * catalog rewrites it, and the column types that embed it, when the type is altered.
 */
export interface StoredUserType {
  readonly kind: 'type';
  /** The object id: its pg_type OID. */
  readonly id: number;
  readonly name: string;
  /** Bumped on every committed change (first committer wins, as for tables). */
  readonly version: number;
  readonly type: SqlType;
  readonly comment?: string;
}

/**
 * A schema made by CREATE SCHEMA (public, pg_catalog … are built in). Its relations are stored
 * under `schema.name` in the one table name space (catalog/schemas.ts).
 */
export interface StoredSchema {
  readonly kind: 'schema';
  /** The object id: its pg_namespace OID. */
  readonly id: number;
  readonly name: string;
  readonly version: number;
}

/** The polymorphic pseudo-types a user function's parameters and result may be declared with. */
/** Polymorphic parameter types; `any` ("any") takes any argument and binds no other parameter. */
export type PolymorphicType = 'anyelement' | 'anyarray' | 'anynonarray' | 'anycompatible' | 'anycompatiblearray' | 'anyenum' | 'any';

/** One parameter of a user function, as pg_proc lists it (mode: proargmodes' letter). */
export interface StoredFunctionParameter {
  readonly name?: string;
  readonly type: SqlType;
  readonly mode: 'i' | 'o' | 'b' | 'v' | 't';
  /** A polymorphic parameter (anyelement …): `type` is then a placeholder, the call decides. */
  readonly poly?: PolymorphicType;
  /** The DEFAULT as SQL text (an input parameter's default). */
  readonly default?: string;
}

/**
 * A user function or procedure (CREATE FUNCTION / PROCEDURE … LANGUAGE sql): its declaration
 * and its body as SQL text, parsed and bound with the arguments of each call.
 */
export interface StoredFunction {
  readonly kind: 'function';
  /** The object id: its pg_proc OID. */
  readonly id: number;
  readonly name: string;
  readonly version: number;
  readonly procedure: boolean;
  readonly params: readonly StoredFunctionParameter[];
  /** The declared result type (record for OUT parameters / RETURNS TABLE, void for procedures). */
  readonly returns: SqlType;
  /** A polymorphic result: resolved from the arguments bound to polymorphic parameters. */
  readonly returnsPoly?: PolymorphicType;
  /** RETURNS trigger (`returns` is then void): runs only as a trigger (CREATE TRIGGER). */
  readonly returnsTrigger?: boolean;
  readonly setof: boolean;
  readonly language: string;
  readonly body: string;
  readonly atomic: boolean;
  readonly volatility: 'i' | 's' | 'v';
  readonly strict: boolean;
  readonly securityDefiner: boolean;
  readonly cost: number;
  readonly rows: number;
  /** CREATE AGGREGATE: the function is an aggregate (pg_proc.prokind 'a') run by these support functions. */
  readonly aggregate?: StoredAggregate;
}

/**
 * A user aggregate's pg_aggregate entry. Support functions are kept by name and resolved against the state and input types at each call, as the call's
 * types decide polymorphic ones; `supportIds` are the user functions it was created over
 * (DROP FUNCTION of one is 2BP01).
 */
export interface StoredAggregate {
  readonly sfunc: StoredFunctionRef;
  readonly stype: SqlType;
  readonly stypePoly?: PolymorphicType;
  readonly finalfunc?: StoredFunctionRef;
  /** FINALFUNC_EXTRA: the final function also takes one NULL per aggregated argument. */
  readonly finalExtra: boolean;
  /** INITCOND as written (input text of the state type); absent: the state starts NULL. */
  readonly initcond?: string;
  readonly combinefunc?: StoredFunctionRef;
  readonly msfunc?: StoredFunctionRef;
  readonly minvfunc?: StoredFunctionRef;
  readonly mstype?: SqlType;
  readonly minitcond?: string;
  readonly sortop?: string;
  readonly supportIds: readonly number[];
}

/** A support function of an aggregate: its name (argument types written at CREATE are checked then). */
export interface StoredFunctionRef {
  readonly name: string;
  readonly schema?: string;
}

/**
 * A user operator (CREATE OPERATOR): `left symbol right` (a prefix operator has no `left`)
 * calls `procedure`, resolved like any call of it; its result type is the procedure's.
 */
export interface StoredOperator {
  readonly kind: 'operator';
  /** The object id: its pg_operator OID. */
  readonly id: number;
  /** The operator's symbol. */
  readonly name: string;
  readonly version: number;
  readonly left?: SqlType;
  readonly right: SqlType;
  readonly procedure: StoredFunctionRef;
  readonly returns: SqlType;
  readonly commutator?: string;
  readonly negator?: string;
}

/** A catalog object that is not a relation (kept apart from `tables`, by id). */
export type StoredObject = StoredUserType | StoredSchema | StoredFunction | StoredOperator;

/** An immutable view of every table at one commit. Names are unique (one schema: public). */
export interface CatalogSnapshot {
  readonly version: number;
  readonly tables: ReadonlyMap<string, StoredTable>;
  /** User types (and other non-relation objects) by id; absent in snapshots written before them. */
  readonly objects?: ReadonlyMap<number, StoredObject>;
  /** Next free table id / OID (allocated by the catalog layer when it creates tables). */
  readonly nextTableId: number;
  readonly nextOid: number;
}
