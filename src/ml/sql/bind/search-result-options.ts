/**
 * ThanoSQL's later SEARCH forms (reference: thanosql-syntax.md, eras B–D): the similarity column
 * named by `result_col` (Era D) or `column_name` (B/C), default `search_result` when the input
 * came in OPTIONS; and Era D's ranking — rows best first, at most `top_k` (default 1000,
 * `top_k=None` for all). The seed's `SEARCH IMAGE text=…` form keeps `{m}_{base}_similarityN`
 * and SQL's unordered rows unless it asks for these options itself.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { Options } from '../../../parser/ast.js';
import type { LogicalPlan, OutputColumn } from '../../../planner/logical/logical-plan.js';
import { T } from '../../../types/sql-type.js';

/** OPTIONS the later forms add to SEARCH. */
export const SEARCH_RESULT_OPTIONS = ['search_by', 'search_input', 'search_input_type', 'result_col', 'column_name', 'top_k'];
/** Era B–D's default result column. */
const DEFAULT_RESULT_COLUMN = 'search_result';
/** Era D's default number of rows (ThanoSQL's docs). */
const DEFAULT_TOP_K = 1000;

/** The similarity columns' names: `result_col` (or `result_col1…N` for several inputs), else undefined (the seed's names). */
export function resultColumnNames(options: Options, count: number): string[] | undefined {
  const named = options['result_col'] ?? options['column_name'];
  const fromOptions = options['search_input'] !== undefined;
  if ((named === undefined || named === null) && !fromOptions) return undefined;
  if (named !== undefined && named !== null && (typeof named !== 'string' || named === '')) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `option "result_col" must be a non-empty string, got ${JSON.stringify(named)}`);
  }
  const base = (typeof named === 'string' ? named : DEFAULT_RESULT_COLUMN).toLowerCase();
  return count === 1 ? [base] : Array.from({ length: count }, (_, i) => `${base}${i + 1}`);
}

/**
 * Era D (`search_by`, or `top_k` given): the rows by the first similarity, best first (rows
 * without an embedding last), at most top_k. The optimizer turns it into a top-k as for
 * `ORDER BY … DESC LIMIT k`.
 */
export function rankSearch(options: Options, search: LogicalPlan, similarity: OutputColumn): LogicalPlan {
  const ranked = options['search_by'] !== undefined || options['top_k'] !== undefined;
  if (!ranked) return search;
  const topK = options['top_k'] === undefined ? DEFAULT_TOP_K : options['top_k'];
  if (topK !== null && (typeof topK !== 'number' || !Number.isInteger(topK) || topK < 1)) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `option "top_k" must be a positive integer or None, got ${JSON.stringify(topK)}`);
  }
  const sorted: LogicalPlan = {
    kind: 'Sort', input: search, output: search.output,
    keys: [{ expr: { kind: 'ColumnRef', type: similarity.type, id: similarity.id, name: similarity.name }, descending: true, nullsFirst: false }],
  };
  if (topK === null) return sorted;
  return { kind: 'Limit', input: sorted, limit: { kind: 'Constant', type: T.int8, value: BigInt(topK) }, output: search.output };
}
