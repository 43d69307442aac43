/**
 * Binds `SEARCH IMAGE text=… | texts=[…] | image=… | images=[…] USING m AS <query>` to a
 * `ClipSearch` node: the query's columns plus one double precision column per input, named
 * `{model}_{base}_similarity{n}`. The query must already carry the model's embedding column
 * (`{model}_{base}`, written by CONVERT) — 42703 with a hint otherwise.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { SearchQuery } from '../../../parser/ast.js';
import type { BindContext } from '../../../planner/binder/bind-context.js';
import { bindQuery } from '../../../planner/binder/bind-query.js';
import type { Scope } from '../../../planner/binder/scope.js';
import type { LogicalPlan, OutputColumn } from '../../../planner/logical/logical-plan.js';
import { formatTypeName, T } from '../../../types/sql-type.js';
import { embeddingColumnName, similarityColumnName } from '../models/model-record.js';
import { bindModel } from './bind-model.js';
import { clipRuntimeOf } from '../clip-services.js';
import { SEARCH_NODE, type SearchPayload } from '../plan/clip-plan-nodes.js';
import { rankSearch, resultColumnNames, SEARCH_RESULT_OPTIONS } from './search-result-options.js';
import { checkKnownOptions, optionString } from '../../../planner/binder/thano-options.js';

/** `SET thanosql.exact_search = on`: top-k scans every row instead of using a vector index. */
export const EXACT_SEARCH_SETTING = 'thanosql.exact_search';

/** Tables smaller than this scan exactly even with a vector index (default VECTOR_INDEX_MIN_ROWS). */
export const INDEX_MIN_ROWS_SETTING = 'thanosql.vector_index_min_rows';

/**
 * pgvector's `SET hnsw.ef_search = n`: the candidate list of an HNSW search (default EF_SEARCH).
 * pgvector allows 1–1000; up to SEARCH_TOP_K_MAX_K here, so recall can be bought further.
 */
export const EF_SEARCH_SETTING = 'hnsw.ef_search';
export const MAX_EF_SEARCH = 10_000;

function efSearch(value: string | undefined): { efSearch?: number } {
  const ef = value === undefined ? Number.NaN : Number(value);
  return Number.isInteger(ef) && ef >= 1 && ef <= MAX_EF_SEARCH ? { efSearch: ef } : {};
}

function indexMinRows(value: string | undefined): { indexMinRows?: number } {
  const rows = value === undefined ? Number.NaN : Number(value);
  return Number.isInteger(rows) && rows >= 0 ? { indexMinRows: rows } : {};
}

/** PostgreSQL's spellings of a true boolean setting. */
function isOn(value: string | undefined): boolean {
  return value !== undefined && ['on', 'true', 'yes', '1', 't', 'y'].includes(value.trim().toLowerCase());
}

/** Era B's OPTIONS(emb_col=…) names the embedding column explicitly; the rest: search-result-options.ts. */
const SEARCH_OPTIONS = ['emb_col', ...SEARCH_RESULT_OPTIONS];

export function bindSearch(bind: BindContext, query: SearchQuery, parent: Scope | undefined): LogicalPlan {
  const runtime = clipRuntimeOf(bind.plan.extensions);
  if (query.target !== 'IMAGE') {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `SEARCH ${query.target} is not supported: CLIP models search images (SEARCH IMAGE)`);
  }
  checkKnownOptions(query.options, 'SEARCH IMAGE', SEARCH_OPTIONS);
  const model = bindModel(bind, query.model);
  const values = query.inputs.values;
  const param = query.inputs.param && bindInputParam(bind, query.inputs.param);
  const count = param ? param.count : values.length;
  if (count === 0) throw new SqlError(SQLSTATE.InvalidParameterValue, `SEARCH IMAGE needs at least one ${query.inputs.kind}`);
  const input = bindQuery(bind, query.query, parent);
  const columnName = optionString(query.options, 'emb_col')?.toLowerCase() ?? embeddingColumnName(model);
  const embeddingIndex = input.output.findIndex((c) => c.name === columnName);
  if (embeddingIndex < 0) {
    throw new SqlError(SQLSTATE.UndefinedColumn, `column "${columnName}" does not exist in the rows SEARCH reads`, {
      hint: `run CONVERT USING ${model.name} OPTIONS(image_col='image_path', table_name='<table>') AS SELECT * FROM <table> first, ` +
        `so the table has the embedding column "${columnName}"`,
    });
  }
  const embedding = input.output[embeddingIndex]!;
  if (!embedding.type.array || (embedding.type.id !== 'float4' && embedding.type.id !== 'float8')) {
    throw new SqlError(SQLSTATE.DatatypeMismatch, `column "${columnName}" is ${formatTypeName(embedding.type)}, not an embedding (real[])`);
  }
  const names = resultColumnNames(query.options, count);
  const similarities: OutputColumn[] = Array.from({ length: count }, (_, i) => ({
    id: bind.newId(), name: names?.[i] ?? similarityColumnName(model, i + 1), type: T.float8, tableOid: 0, attnum: 0,
  }));
  const payload: SearchPayload = {
    model, inputKind: query.inputs.kind, inputs: values, count, similarityColumns: similarities.map((c) => c.name),
    embeddingIndex, embeddingColumn: columnName, workers: runtime.poolWorkers,
    ...(param ? { param: { index: param.index, list: param.list } } : {}),
    ...(isOn(bind.plan.setting(EXACT_SEARCH_SETTING)) ? { exact: true } : {}),
    ...indexMinRows(bind.plan.setting(INDEX_MIN_ROWS_SETTING)),
    ...efSearch(bind.plan.setting(EF_SEARCH_SETTING)),
  };
  const search: LogicalPlan = {
    kind: 'Extension', name: SEARCH_NODE, inputs: [input], payload,
    output: [...input.output, ...similarities],
    describe: `Search(${model.name}, ${describeSearchInputs(payload)}) on ${columnName}`,
  };
  return rankSearch(query.options, search, similarities[0]!);
}

/** EXPLAIN's words for a SEARCH's inputs: `1 text`, `3 images`, `$1: 2 texts`. */
export function describeSearchInputs(payload: SearchPayload): string {
  const count = `${payload.count} ${payload.inputKind}${payload.count === 1 ? '' : 's'}`;
  return payload.param ? `$${payload.param.index + 1}: ${count}` : count;
}

/**
 * `text=$n` takes a text, `texts=$n` a text[]: one similarity column per element, so the list's
 * length decides the result's shape. Planned at Parse for one element; a Bind with another
 * length plans the statement again for its value (PreparedStatement.specialize).
 */
function bindInputParam(bind: BindContext, param: { readonly index: number; readonly list: boolean }) {
  const index = param.index - 1;
  if (index >= bind.paramTypes.length) bind.paramTypes.length = index + 1;
  bind.paramTypes[index] ??= param.list ? T.textArray : T.text;
  if (!param.list) return { index, list: false, count: 1 };
  const value = bind.plan.paramValues?.[index];
  const count = Array.isArray(value) ? value.length : 1;
  bind.shapeParams.set(index, count);
  return { index, list: true, count };
}
