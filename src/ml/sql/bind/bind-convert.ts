/**
 * Binds `CONVERT USING m OPTIONS(image_col=…, table_name=…, batch_size=…) AS <query>` to a
 * `ClipConvert` node: the query's columns plus a `real[]` column `{model}_{base}`. A column of
 * that name already in the query (a second CONVERT over the same table) is replaced, not
 * duplicated. When `table_name` names an existing table it must hold `image_col`.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { ConvertQuery } from '../../../parser/ast.js';
import type { BindContext } from '../../../planner/binder/bind-context.js';
import { bindQuery } from '../../../planner/binder/bind-query.js';
import type { Scope } from '../../../planner/binder/scope.js';
import type { LogicalPlan, OutputColumn } from '../../../planner/logical/logical-plan.js';
import { formatTypeName, T, type SqlType } from '../../../types/sql-type.js';
import { DEFAULT_IMAGE_BATCH } from '../../inference/pool/clip-pool.js';
import { embeddingColumnName } from '../models/model-record.js';
import { bindModel } from './bind-model.js';
import { CONVERT_NODE, type ConvertPayload } from '../plan/clip-plan-nodes.js';
import { checkKnownOptions, optionPositiveInt, optionString } from '../../../planner/binder/thano-options.js';

/** `result_col` (Era D; `column_name` in B/C) names the embedding column instead of `{model}_{base}`. */
const CONVERT_OPTIONS = ['image_col', 'table_name', 'batch_size', 'result_col', 'column_name'];
const DEFAULT_IMAGE_COLUMN = 'image_path';
/** Larger batches only cost memory in a worker without speeding a CPU model up. */
const MAX_BATCH_SIZE = 1024;

/**
 * The session setting choosing what a CONVERT statement returns: 'rows' (ThanoSQL's result, the
 * default: every row with its embedding) or 'summary' (one row, below). Only a CONVERT that is
 * the whole statement summarises; one inside a query (CREATE TABLE … AS SELECT * FROM (CONVERT …))
 * keeps its rows.
 */
export const CONVERT_RESULT_SETTING = 'thanosql.convert_result';
export const CONVERT_RESULTS = ['rows', 'summary'] as const;

/** The summary row: model, the query's rows, images embedded and skipped (unreadable), table rows stored into and where, seconds. */
const SUMMARY_COLUMNS: readonly (readonly [string, SqlType])[] = [
  ['model', T.text], ['rows', T.int8], ['embedded', T.int8], ['skipped', T.int8], ['stored', T.int8], ['table_name', T.text], ['seconds', T.float8],
];

/** SET checked the value (clip-settings.ts). */
function convertResultSetting(bind: BindContext): (typeof CONVERT_RESULTS)[number] {
  return bind.plan.setting(CONVERT_RESULT_SETTING) === 'summary' ? 'summary' : 'rows';
}

export function bindConvert(bind: BindContext, query: ConvertQuery, parent: Scope | undefined): LogicalPlan {
  checkKnownOptions(query.options, 'CONVERT', CONVERT_OPTIONS);
  const model = bindModel(bind, query.model);
  const imageColumn = (optionString(query.options, 'image_col') ?? DEFAULT_IMAGE_COLUMN).toLowerCase();
  const tableName = optionString(query.options, 'table_name')?.toLowerCase();
  const batchSize = optionPositiveInt(query.options, 'batch_size', DEFAULT_IMAGE_BATCH, MAX_BATCH_SIZE);
  const input = bindQuery(bind, query.query, parent);
  const imageIndex = input.output.findIndex((c) => c.name === imageColumn);
  if (imageIndex < 0) {
    throw new SqlError(SQLSTATE.UndefinedColumn, `column "${imageColumn}" does not exist in the rows CONVERT reads`, {
      hint: 'name the column holding image paths with OPTIONS(image_col=\'…\')',
    });
  }
  const imageType = input.output[imageIndex]!.type;
  if (imageType.array || (imageType.id !== 'text' && imageType.id !== 'varchar' && imageType.id !== 'bpchar')) {
    throw new SqlError(SQLSTATE.DatatypeMismatch, `image column "${imageColumn}" is ${formatTypeName(imageType)}, not text`);
  }
  const table = tableName === undefined ? undefined : bind.lookupTable(tableName);
  if (table && !table.columns.some((c) => c.name === imageColumn)) {
    throw new SqlError(SQLSTATE.UndefinedColumn, `column "${imageColumn}" of relation "${table.name}" does not exist`, {
      hint: 'CONVERT matches the query\'s rows to the table\'s rows by the image path column, so both need it',
    });
  }
  const columnName = (optionString(query.options, 'result_col') ?? optionString(query.options, 'column_name'))?.toLowerCase() ?? embeddingColumnName(model);
  const replacedIndex = input.output.findIndex((c) => c.name === columnName);
  const embedding: OutputColumn = { id: bind.newId(), name: columnName, type: T.float4Array, tableOid: 0, attnum: 0 };
  const output = [...input.output.filter((_, i) => i !== replacedIndex), embedding];
  const outputColumns = output.map((c) => ({ name: c.name, type: c.type }));
  const wholeStatement = bind.statementQuery === query;
  const summary = wholeStatement && convertResultSetting(bind) === 'summary';
  const payload: ConvertPayload = {
    model, imageIndex, imageColumn, tableName, columnName, replacedIndex, batchSize, outputColumns, wholeStatement, summary,
  };
  return {
    kind: 'Extension', name: CONVERT_NODE, inputs: [input], payload,
    output: summary ? SUMMARY_COLUMNS.map(([name, type]) => ({ id: bind.newId(), name, type, tableOid: 0, attnum: 0 })) : output,
    describe: `Convert(${model.name}, ${imageColumn} → ${columnName}${tableName ? `, stored in ${tableName}` : ''})`,
  };
}
