/**
 * Binds `CONVERT USING m OPTIONS(image_col=…, table_name=…, batch_size=…) AS <query>` to a
 * `ClipConvert` node: the query's columns plus a `real[]` column `{model}_{base}`. A column of
 * that name already in the query (a second CONVERT over the same table) is replaced, not
 * duplicated. When `table_name` names an existing table it must hold `image_col`.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { ConvertQuery } from '../../parser/ast.js';
import type { BindContext } from '../../planner/binder/bind-context.js';
import { bindQuery } from '../../planner/binder/bind-query.js';
import type { Scope } from '../../planner/binder/scope.js';
import type { LogicalPlan, OutputColumn } from '../../planner/logical/logical-plan.js';
import { formatTypeName, T } from '../../types/sql-type.js';
import { DEFAULT_IMAGE_BATCH } from '../pool.js';
import { embeddingColumnName } from '../models/model-record.js';
import { bindModel } from './bind-model.js';
import { CONVERT_NODE, type ConvertPayload } from './clip-plan-nodes.js';
import { checkKnownOptions, optionPositiveInt, optionString } from './statement-options.js';

const CONVERT_OPTIONS = ['image_col', 'table_name', 'batch_size'];
const DEFAULT_IMAGE_COLUMN = 'image_path';
/** Larger batches only cost memory in a worker without speeding a CPU model up. */
const MAX_BATCH_SIZE = 1024;

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
  const columnName = embeddingColumnName(model);
  const replacedIndex = input.output.findIndex((c) => c.name === columnName);
  const embedding: OutputColumn = { id: bind.newId(), name: columnName, type: T.float4Array, tableOid: 0, attnum: 0 };
  const output = [...input.output.filter((_, i) => i !== replacedIndex), embedding];
  const outputColumns = output.map((c) => ({ name: c.name, type: c.type }));
  const payload: ConvertPayload = { model, imageIndex, imageColumn, tableName, columnName, replacedIndex, batchSize, outputColumns };
  return {
    kind: 'Extension', name: CONVERT_NODE, inputs: [input], payload, output,
    describe: `Convert(${model.name}, ${imageColumn} → ${columnName}${tableName ? `, stored in ${tableName}` : ''})`,
  };
}
