/**
 * Bound (typed, name-resolved) expressions: what the binder produces from AST expressions and
 * the executor compiles. Columns are referenced by plan-wide unique ids, not positions, so
 * optimizer rules can move expressions between operators without renumbering.
 */
import type { AggregateOverload, ScalarOverload, TableFunctionOverload } from '../../functions/function-types.js';
import type { WindowOverload } from '../../functions/window/window-types.js';
import type { RecordField, SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { LogicalPlan } from './logical-plan.js';

export type CompareOp = '=' | '<>' | '<' | '<=' | '>' | '>=';

export type BoundExpr =
  | BoundConstant | BoundColumnRef | BoundParam | BoundCall | BoundCast | BoundBoolean | BoundNot
  | BoundCompare | BoundIsNull | BoundIsBool | BoundIsDistinct | BoundLike | BoundInList | BoundCase
  | BoundCoalesce | BoundNullIf | BoundMinMax | BoundArray | BoundSubscript | BoundQuantified | BoundSubquery
  | BoundDomainCheck;

export interface BoundConstant { readonly kind: 'Constant'; readonly type: SqlType; readonly value: Value }
/** A column of an input operator (or of an enclosing query, for correlated subqueries). */
export interface BoundColumnRef { readonly kind: 'ColumnRef'; readonly type: SqlType; readonly id: number; readonly name: string }
/** `$n`; `index` is 0-based. */
export interface BoundParam { readonly kind: 'Param'; readonly type: SqlType; readonly index: number }
export interface BoundCall {
  readonly kind: 'Call'; readonly type: SqlType; readonly name: string;
  readonly overload: ScalarOverload; readonly args: readonly BoundExpr[];
  /** Called as `f(…, VARIADIC array)` (the overload spreads the array). */
  readonly variadic?: boolean;
}
export interface BoundCast { readonly kind: 'Cast'; readonly type: SqlType; readonly operand: BoundExpr; readonly explicit: boolean }
export interface BoundBoolean { readonly kind: 'And' | 'Or'; readonly type: SqlType; readonly args: readonly BoundExpr[] }
export interface BoundNot { readonly kind: 'Not'; readonly type: SqlType; readonly operand: BoundExpr }
/** Both sides already coerced to one type. */
export interface BoundCompare {
  readonly kind: 'Compare'; readonly type: SqlType; readonly op: CompareOp;
  readonly left: BoundExpr; readonly right: BoundExpr;
}
/**
 * `IS [NOT] NULL`. `rowwise` (the SQL predicate on a composite operand): a record IS NULL when
 * all its fields are, IS NOT NULL when none is; otherwise only the value itself is tested.
 */
export interface BoundIsNull {
  readonly kind: 'IsNull'; readonly type: SqlType; readonly operand: BoundExpr; readonly negated: boolean;
  readonly rowwise?: boolean;
}
export interface BoundIsBool {
  readonly kind: 'IsBool'; readonly type: SqlType; readonly operand: BoundExpr;
  readonly test: 'TRUE' | 'FALSE' | 'UNKNOWN'; readonly negated: boolean;
}
export interface BoundIsDistinct {
  readonly kind: 'IsDistinct'; readonly type: SqlType; readonly left: BoundExpr; readonly right: BoundExpr;
  readonly negated: boolean;
}
export interface BoundLike {
  readonly kind: 'Like'; readonly type: SqlType; readonly operand: BoundExpr; readonly pattern: BoundExpr;
  readonly escape?: BoundExpr; readonly caseInsensitive: boolean; readonly negated: boolean;
}
export interface BoundInList {
  readonly kind: 'InList'; readonly type: SqlType; readonly operand: BoundExpr;
  readonly list: readonly BoundExpr[]; readonly negated: boolean;
}
export interface BoundCase {
  readonly kind: 'Case'; readonly type: SqlType;
  readonly whens: readonly { readonly when: BoundExpr; readonly then: BoundExpr }[];
  readonly else?: BoundExpr;
}
export interface BoundCoalesce { readonly kind: 'Coalesce'; readonly type: SqlType; readonly args: readonly BoundExpr[] }
export interface BoundNullIf { readonly kind: 'NullIf'; readonly type: SqlType; readonly left: BoundExpr; readonly right: BoundExpr }
export interface BoundMinMax {
  readonly kind: 'MinMax'; readonly type: SqlType; readonly op: 'greatest' | 'least'; readonly args: readonly BoundExpr[];
}
export interface BoundArray { readonly kind: 'Array'; readonly type: SqlType; readonly elements: readonly BoundExpr[] }
export interface BoundSubscript { readonly kind: 'Subscript'; readonly type: SqlType; readonly operand: BoundExpr; readonly index: BoundExpr }
/** `left op ANY|ALL (array)`; `left` and the array's elements share one type. */
export interface BoundQuantified {
  readonly kind: 'Quantified'; readonly type: SqlType; readonly op: CompareOp;
  readonly quantifier: 'ANY' | 'ALL'; readonly left: BoundExpr; readonly right: BoundExpr;
  /** Any other boolean operator (`x LIKE ANY (arr)`): `symbol` is called per element, `op` unused. */
  readonly operator?: { readonly symbol: string; readonly overload: ScalarOverload; readonly argTypes: readonly SqlType[] };
}

/**
 * A value becoming a domain type (casts, stores): NOT NULL and each CHECK of the domain and
 * the domains it is built on are tested on `operand`'s value (23502 / 23514, naming `domain`).
 * The checks are bound over one column, `valueId` (PostgreSQL's VALUE); they are opaque to
 * expression traversal, like a subquery's plan.
 */
export interface BoundDomainCheck {
  readonly kind: 'DomainCheck'; readonly type: SqlType; readonly operand: BoundExpr;
  readonly domain: string;
  readonly valueId: number;
  readonly notNull: boolean;
  readonly checks: readonly { readonly name: string; readonly expr: BoundExpr }[];
}

/**
 * A subquery used as an expression. `scalar`: one column, at most one row; `exists`;
 * `in` / `any` / `all`: compares `operand` with the single output column; `array`:
 * ARRAY(SELECT …). `correlated` subqueries read columns of enclosing rows.
 */
export interface BoundSubquery {
  readonly kind: 'Subquery'; readonly type: SqlType;
  readonly mode: 'scalar' | 'exists' | 'in' | 'any' | 'all' | 'array';
  readonly plan: LogicalPlan;
  readonly operand?: BoundExpr;
  readonly op?: CompareOp;
  readonly negated: boolean;
  readonly correlated: boolean;
  /** `(a, b) IN (SELECT x, y …)`: the operand is a record compared field by field with each row's columns. */
  readonly rowWise?: boolean;
}

/** An aggregate call computed by LogicalAggregate. */
export interface BoundAggregate {
  readonly id: number;
  readonly name: string;
  readonly type: SqlType;
  readonly overload: AggregateOverload;
  readonly args: readonly BoundExpr[];
  readonly distinct: boolean;
  readonly filter?: BoundExpr;
  readonly orderBy?: readonly SortKey[];
  /** A CREATE AGGREGATE aggregate: run by its support functions (`overload` gives its types and strictness). */
  readonly user?: BoundUserAggregate;
}

/**
 * A user aggregate's support functions, bound over placeholder columns: the state
 * (`stateId`) and one column per aggregated argument (`argIds`). The executor folds each
 * group's inputs through `transition` in arrival (or ORDER BY) order, then applies `final`.
 */
export interface BoundUserAggregate {
  readonly stateId: number;
  readonly argIds: readonly number[];
  readonly transition: BoundExpr;
  /**
   * A strict transition function: rows with a NULL argument are skipped, and without INITCOND
   * the first row's value becomes the state (PostgreSQL's advance_transition_function).
   */
  readonly strict: boolean;
  /** INITCOND as a value of the state type; absent: the state starts NULL. */
  readonly init?: BoundExpr;
  /** The final function over the state (and NULL arguments, for FINALFUNC_EXTRA); absent: the state is the result. */
  readonly final?: BoundExpr;
}

export interface SortKey {
  readonly expr: BoundExpr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
}

/** A set-returning function call in FROM. */
export interface BoundTableFunction {
  readonly name: string;
  readonly overload: TableFunctionOverload;
  readonly args: readonly BoundExpr[];
  readonly argTypes: readonly SqlType[];
  /** The row type of a function returning `record` (see RecordResult). */
  readonly fields?: readonly RecordField[];
}

/**
 * One bound of a window frame; offsets are evaluated once per run: row counts (ROWS), peer
 * group counts (GROUPS), or a distance from the ORDER BY value (RANGE, in its in_range type).
 */
export type BoundFrameBound =
  | { readonly kind: 'UnboundedPreceding' | 'CurrentRow' | 'UnboundedFollowing' }
  | { readonly kind: 'Preceding' | 'Following'; readonly offset: BoundExpr };

/** A window frame; the default is RANGE UNBOUNDED PRECEDING … CURRENT ROW (with peers). */
export interface BoundFrame {
  readonly mode: 'ROWS' | 'RANGE' | 'GROUPS';
  readonly start: BoundFrameBound;
  readonly end: BoundFrameBound;
  readonly exclude?: 'CURRENT ROW' | 'GROUP' | 'TIES';
  /** RANGE with an offset bound: how rows are compared with `value ± offset`. */
  readonly range?: BoundRangeOffsets;
}

/**
 * RANGE … offset PRECEDING / FOLLOWING over the one ORDER BY key (PostgreSQL's in_range): a
 * row is in the frame when its key is at least (at most, for the end) the current row's key
 * minus / plus the offset, mirrored for DESC. Numbers add exactly (no overflow, NaN and
 * infinities as PostgreSQL orders them); other types use `startSum` / `endSum`, the key ±
 * offset computed per row by the type's own operator.
 */
export interface BoundRangeOffsets {
  /** The ORDER BY key, cast as its in_range compares it (date → timestamp). */
  readonly key: BoundExpr;
  readonly descending: boolean;
  readonly nullsFirst: boolean;
  readonly arithmetic: 'integer' | 'float' | 'numeric' | 'time' | 'operator';
  readonly startSum?: BoundExpr;
  readonly endSum?: BoundExpr;
}

/** A window function call computed by LogicalWindow (its value is output column `id`). */
export interface BoundWindowFunction {
  readonly id: number;
  readonly name: string;
  readonly type: SqlType;
  /** A window-only function, or an aggregate run over each row's frame. */
  readonly fn:
    | { readonly kind: 'window'; readonly overload: WindowOverload }
    | { readonly kind: 'aggregate'; readonly overload: AggregateOverload; readonly user?: BoundUserAggregate };
  readonly args: readonly BoundExpr[];
  readonly filter?: BoundExpr;
  readonly partitionBy: readonly BoundExpr[];
  readonly orderBy: readonly SortKey[];
  readonly frame: BoundFrame;
}

/** A set-returning function in the select list; `ids` name its output columns. */
export interface BoundSetFunction {
  readonly fn: BoundTableFunction;
  readonly ids: readonly number[];
}
