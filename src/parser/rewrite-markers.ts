/**
 * Stand-in spellings the rewriter puts into the text node-sql-parser sees, for PostgreSQL syntax
 * it cannot parse; the transforms recognise them and build the real AST node. Each is a name
 * no client would write, carried by a construct node-sql-parser does parse.
 */

/**
 * Every cast target becomes `varchar(TYPE_PLACEHOLDER_BASE + k)`; types[k] is the type we parsed.
 * node-sql-parser only knows a fixed list of type names (`'ok'::mood`, `x::oid[]` fail, and
 * `x::int2vector` comes back as `int(2) AS vector`), while `varchar(n)` passes through anywhere.
 */
export const TYPE_PLACEHOLDER_BASE = 900000;

/**
 * node-sql-parser accepts only number literals after LIMIT/OFFSET, but drivers send `LIMIT $1`
 * and PostgreSQL allows `LIMIT NULL` (no limit). `LIMIT $n` becomes `limit LIMIT_MARKER_BASE + n`
 * and `LIMIT NULL` `limit LIMIT_MARKER_BASE`; the transform turns them back into Param / NULL.
 * The base is far above any row count a client writes and below 2^53 (exact as a JS number).
 */
export const LIMIT_MARKER_BASE = 7_770_000_000_000;
/** Parameter numbers are < 65536 (Bind's int16 count), so markers stay below this. */
export const LIMIT_MARKER_SPAN = 65_536;

/** `__thano_swap_f(a, b)` → `f(b, a)`: `position(a IN b)` → strpos(b, a), `trim(c FROM x)` → btrim(x, c). */
export const SWAP_ARGS_PREFIX = '__thano_swap_';

/** Bare column `__thano_sqlfn_current_date` → FunctionCall current_date() (SQL value functions). */
export const SQL_VALUE_FN_PREFIX = '__thano_sqlfn_';

/**
 * Operators node-sql-parser lacks (`^ & | # << >>`) become `#- __thano_op_k #-`: the carrier
 * operator (jsonb `#-`, which we do not support) around a marker column naming OPERATOR_MARKED[k].
 */
export const OP_CARRIER = '#-';
export const OP_MARKER_PREFIX = '__thano_op_';
export const OPERATOR_MARKED: readonly string[] = ['^', '&', '|', '#', '<<', '>>'];

/** `(expr).field` → `__thano_field_k(expr)`; fields[k] is the field name. */
export const FIELD_SELECT_PREFIX = '__thano_field_';

/** `f(…) WITH ORDINALITY` → `__thano_ord_f(…)` (FROM only). */
export const ORDINALITY_PREFIX = '__thano_ord_';

/**
 * `NOT (x)` → `not __thano_paren(x)`: node-sql-parser reads `not (` as a call of a function
 * `not`, binding it tighter than `=` (PostgreSQL: `NOT (a) = b` is `NOT ((a) = b)`).
 */
export const PAREN_MARKER = '__thano_paren';

/**
 * `INTERSECT ALL SELECT a` / `EXCEPT ALL SELECT a` → `intersect select __thano_set_all, a`:
 * node-sql-parser has ALL only after UNION, so the right member's first column carries it.
 */
export const SET_ALL_MARKER = '__thano_set_all';

/**
 * `f(…) [FILTER (…)] OVER (spec)` → `__thano_over_<frame>(f(…) [FILTER (…)], 'base' | null,
 * (select 1 from __thano_window group by <partition> order by <order>))`: node-sql-parser accepts
 * OVER only after some functions and without frames in RANGE form. `<frame>` encodes the frame
 * (`rows_p2_cr`, empty for the default), `base` names a WINDOW the spec builds on. With
 * `FILTER (WHERE c)` the name gets `filter_` and `(c)` is the second argument.
 */
export const WINDOW_CALL_PREFIX = '__thano_over_';
export const WINDOW_SPEC_TABLE = '__thano_window';

/**
 * `f([DISTINCT] args ORDER BY …)` → `array_agg([DISTINCT] __thano_agg_f(args) ORDER BY …)`:
 * node-sql-parser takes an aggregate ORDER BY (and DISTINCT, FILTER) only in array_agg and in
 * string_agg with a literal separator, so every other ordered aggregate rides on array_agg's node.
 */
export const ORDERED_AGG_PREFIX = '__thano_agg_';
