/**
 * The payloads of the CLIP extension's logical nodes (`LogicalExtension` with these names). The
 * binders build them; the physical planners registered for the names read them.
 */
import type { BoundExpr } from '../../../planner/logical/bound-expr.js';
import type { LogicalPlan } from '../../../planner/logical/logical-plan.js';
import type { PlannedTable } from '../../../planner/logical/planned-table.js';
import type { SqlType } from '../../../types/sql-type.js';
import type { ModelRecord } from '../models/model-record.js';

/** `SEARCH IMAGE …`: appends one similarity column per input to every input row. */
export const SEARCH_NODE = 'ClipSearch';
/** `ORDER BY similarity DESC LIMIT k` over a SEARCH of a table: a top-k scan in the worker pool. */
export const SEARCH_TOP_K_NODE = 'ClipSearchTopK';
/** `CONVERT USING …`: appends the embedding column and stores it into `tableName`. */
export const CONVERT_NODE = 'ClipConvert';
/** BUILD / LIST / DELETE MODEL: rows describing models. */
export const MODEL_COMMAND_NODE = 'ClipModelCommand';

export interface SearchPayload {
  readonly model: ModelRecord;
  readonly inputKind: 'text' | 'image';
  /** The literal inputs (empty when `param` supplies them). */
  readonly inputs: readonly string[];
  /** `text=$n` / `texts=$n`: the 0-based parameter holding the input (a text, or a text[] when `list`). */
  readonly param?: { readonly index: number; readonly list: boolean };
  /** How many inputs, so similarity columns, the plan has. */
  readonly count: number;
  /** The similarity columns' names (for messages). */
  readonly similarityColumns: readonly string[];
  /** Position and name of the embedding column in the input's rows. */
  readonly embeddingIndex: number;
  readonly embeddingColumn: string;
  /**
   * Set by projection pruning (prune-search.ts) when nothing above the SEARCH reads the embedding
   * column: it is in the input only to be scored, so a SearchTopK need not fetch it for its winners.
   */
  readonly embeddingUnread?: boolean;
  /** Workers the model's pool runs (shown by EXPLAIN of a SearchTopK). */
  readonly workers: number;
  /** `SET thanosql.exact_search = on` when bound: top-k never uses a vector index. */
  readonly exact?: boolean;
  /** `thanosql.vector_index_min_rows` when bound, if set: the table size from which a vector index is used. */
  readonly indexMinRows?: number;
  /** pgvector's `hnsw.ef_search` when bound, if set: candidates each index shard's graph search keeps. */
  readonly efSearch?: number;
}

/** The vector index a SearchTopK searches (its catalog entry, as planned). */
export interface SearchIndexChoice {
  readonly oid: number;
  readonly name: string;
  readonly m: number;
  readonly efConstruction: number;
  readonly quantization: 'f32' | 'f16' | 'i8';
}

/**
 * A SEARCH's top k rows by one similarity, read by the pool's workers straight from the store.
 * Output: the SEARCH's (its input's columns, then one similarity per input).
 */
export interface SearchTopKPayload {
  readonly search: SearchPayload;
  /** The scanned table by id; its rows come from the run's snapshot. */
  readonly table: PlannedTable;
  /** Storage column id of each column of the SEARCH's input, in order (the columns fetched for the winners). */
  readonly fetchColumnIds: readonly number[];
  /** Storage column id of the embedding. */
  readonly embeddingColumnId: number;
  /** Which input's similarity orders the rows (0-based). */
  readonly queryIndex: number;
  /** `DESC` puts NULL similarities first unless `NULLS LAST` (PostgreSQL). */
  readonly nullsFirst: boolean;
  readonly limit: BoundExpr;
  readonly offset?: BoundExpr;
  /** The same query the ordinary way (TopN over the SEARCH), run when the workers cannot see what the statement sees. */
  readonly fallback: LogicalPlan;
  /** An HNSW index on the embedding column, when the table is large enough and exact search is not asked for. */
  readonly index?: SearchIndexChoice;
  /** The WHERE of the SEARCH's query (pushed into its scan): only rows it keeps are ranked. */
  readonly filter?: SearchTopKFilter;
}

/** A scan's filter as SearchTopK evaluates it: over just the columns it reads. */
export interface SearchTopKFilter {
  readonly expr: BoundExpr;
  /** The scan's output ids of the columns the filter reads (the layout it is compiled against). */
  readonly columnIds: readonly number[];
  /** Their storage column ids, in the same order. */
  readonly storageIds: readonly number[];
}

export interface ConvertPayload {
  readonly model: ModelRecord;
  /** Position of the image path column in the input's rows. */
  readonly imageIndex: number;
  readonly imageColumn: string;
  /** Table the embedding column is stored into (lower-cased), if any. */
  readonly tableName: string | undefined;
  readonly columnName: string;
  /** Position of an existing column named `columnName` in the input (dropped: re-CONVERT replaces it), or -1. */
  readonly replacedIndex: number;
  readonly batchSize: number;
  /** The rows with their embedding (a new table `tableName` is created with them). */
  readonly outputColumns: readonly { readonly name: string; readonly type: SqlType }[];
  /** The CONVERT is the statement itself, not inside a query (only then may it answer with a summary). */
  readonly wholeStatement: boolean;
  /** `thanosql.convert_result = 'summary'` on a whole-statement CONVERT: one row of counts instead (CONVERT_SUMMARY_COLUMNS). */
  readonly summary: boolean;
}

export type ModelCommandPayload =
  | { readonly action: 'list' }
  | { readonly action: 'build'; readonly model: ModelRecord; readonly overwrite: boolean }
  | { readonly action: 'delete'; readonly name: string };
