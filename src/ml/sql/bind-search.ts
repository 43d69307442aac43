/**
 * Binds `SEARCH IMAGE text=… | texts=[…] | image=… | images=[…] USING m AS <query>` to a
 * `ClipSearch` node: the query's columns plus one double precision column per input, named
 * `{model}_{base}_similarity{n}`. The query must already carry the model's embedding column
 * (`{model}_{base}`, written by CONVERT) — 42703 with a hint otherwise.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { SearchQuery } from '../../parser/ast.js';
import type { BindContext } from '../../planner/binder/bind-context.js';
import { bindQuery } from '../../planner/binder/bind-query.js';
import type { Scope } from '../../planner/binder/scope.js';
import type { LogicalPlan, OutputColumn } from '../../planner/logical/logical-plan.js';
import { formatTypeName, T } from '../../types/sql-type.js';
import { embeddingColumnName, similarityColumnName } from '../models/model-record.js';
import { bindModel } from './bind-model.js';
import { clipRuntimeOf } from './clip-services.js';
import { SEARCH_NODE, type SearchPayload } from './clip-plan-nodes.js';
import { checkKnownOptions, optionString } from './statement-options.js';

/** `SET thanosql.exact_search = on`: top-k scans every row instead of using a vector index. */
export const EXACT_SEARCH_SETTING = 'thanosql.exact_search';

/** Tables smaller than this scan exactly even with a vector index (default VECTOR_INDEX_MIN_ROWS). */
export const INDEX_MIN_ROWS_SETTING = 'thanosql.vector_index_min_rows';

function indexMinRows(value: string | undefined): { indexMinRows?: number } {
  const rows = value === undefined ? Number.NaN : Number(value);
  return Number.isInteger(rows) && rows >= 0 ? { indexMinRows: rows } : {};
}

/** PostgreSQL's spellings of a true boolean setting. */
function isOn(value: string | undefined): boolean {
  return value !== undefined && ['on', 'true', 'yes', '1', 't', 'y'].includes(value.trim().toLowerCase());
}

/** Era B's OPTIONS(emb_col=…) names the embedding column explicitly. */
const SEARCH_OPTIONS = ['emb_col'];

export function bindSearch(bind: BindContext, query: SearchQuery, parent: Scope | undefined): LogicalPlan {
  const runtime = clipRuntimeOf(bind.plan.extensions);
  if (query.target !== 'IMAGE') {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `SEARCH ${query.target} is not supported: CLIP models search images (SEARCH IMAGE)`);
  }
  checkKnownOptions(query.options, 'SEARCH IMAGE', SEARCH_OPTIONS);
  const model = bindModel(bind, query.model);
  const values = query.inputs.values;
  if (values.length === 0) throw new SqlError(SQLSTATE.InvalidParameterValue, `SEARCH IMAGE needs at least one ${query.inputs.kind}`);
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
  const similarities: OutputColumn[] = values.map((_, i) => ({
    id: bind.newId(), name: similarityColumnName(model, i + 1), type: T.float8, tableOid: 0, attnum: 0,
  }));
  const payload: SearchPayload = {
    model, inputKind: query.inputs.kind, inputs: values, embeddingIndex, embeddingColumn: columnName, workers: runtime.poolWorkers,
    ...(isOn(bind.plan.setting(EXACT_SEARCH_SETTING)) ? { exact: true } : {}),
    ...indexMinRows(bind.plan.setting(INDEX_MIN_ROWS_SETTING)),
  };
  const count = `${values.length} ${query.inputs.kind}${values.length === 1 ? '' : 's'}`;
  return {
    kind: 'Extension', name: SEARCH_NODE, inputs: [input], payload,
    output: [...input.output, ...similarities],
    describe: `Search(${model.name}, ${count}) on ${columnName}`,
  };
}
