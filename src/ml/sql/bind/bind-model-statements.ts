/**
 * BUILD MODEL / LIST MODEL / DELETE MODEL as queries over a `ClipModelCommand` node. Each returns
 * model rows (name, base, path, variant, state) — LIST all of them, BUILD the new registration,
 * DELETE the removed one — so clients see what happened instead of a bare "Success".
 *
 * `BUILD MODEL m USING clipen OPTIONS(model_path='dir' [, overwrite=True] [, variant='quantized'])`:
 * `dir` is relative to the models directory or absolute, and must lie inside the models directory
 * unless the server allows outside paths (--allow-absolute-paths): otherwise any SQL user could
 * probe the server's file system (`model_path='/etc'`). Without model_path the model shares the
 * built-in base weights (`<models-dir>/clipen`, downloaded on first use). Files are checked when
 * the statement runs.
 */
import { isAbsolute, resolve } from 'node:path';
import { isInsideDir } from '../../../common/path-inside.js';
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { BuildModel, DeleteModel, Statement } from '../../../parser/ast.js';
import type { BindContext } from '../../../planner/binder/bind-context.js';
import type { LogicalCommand, OutputColumn } from '../../../planner/logical/logical-plan.js';
import { T } from '../../../types/sql-type.js';
import { isModelVariant, MODEL_VARIANTS } from '../../inference/model/model-files.js';
import { BASE_MODELS, isBaseModel, type ModelRecord } from '../models/model-record.js';
import { clipRuntimeOf } from '../clip-services.js';
import { MODEL_COMMAND_NODE, type ModelCommandPayload } from '../plan/clip-plan-nodes.js';
import { checkKnownOptions, optionBool, optionString } from '../../../planner/binder/thano-options.js';

const BUILD_OPTIONS = ['model_path', 'overwrite', 'variant'];
/** LIST MODEL's columns, also returned by BUILD and DELETE. */
/** The rows BUILD / LIST / DELETE MODEL return; `dimension` is the embedding width (NULL while the files are missing). */
export const MODEL_COLUMNS = [['name', T.text], ['base', T.text], ['path', T.text], ['variant', T.text], ['state', T.text], ['dimension', T.int4]] as const;

export function bindModelStatement(bind: BindContext, statement: Statement): LogicalCommand {
  switch (statement.kind) {
    case 'ListModel': return command(bind, { action: 'list' }, 'List Models');
    case 'BuildModel': return bindBuild(bind, statement);
    case 'DeleteModel': return bindDelete(bind, statement);
    default: throw new SqlError(SQLSTATE.InternalError, `${statement.kind} is not a model statement`);
  }
}

function bindBuild(bind: BindContext, statement: BuildModel): LogicalCommand {
  const runtime = clipRuntimeOf(bind.plan.extensions);
  const base = statement.base.toLowerCase();
  if (!isBaseModel(base)) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `base model "${statement.base}" is not supported`, {
      hint: `BUILD MODEL takes one of: ${BASE_MODELS.join(', ')} (CLIP ViT-B/32, English, ONNX export)`,
    });
  }
  if (statement.query) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `${base} is pre-trained: BUILD MODEL … USING ${base} takes no AS query`, {
      hint: 'register an exported model directory with OPTIONS(model_path=\'…\')',
    });
  }
  checkKnownOptions(statement.options, 'BUILD MODEL', BUILD_OPTIONS);
  const variant = optionString(statement.options, 'variant') ?? 'fp32';
  if (!isModelVariant(variant)) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `unknown model variant "${variant}"`, {
      hint: `variants: ${Object.keys(MODEL_VARIANTS).join(', ')}`,
    });
  }
  const modelPath = optionString(statement.options, 'model_path');
  const path = modelPath === undefined ? resolve(runtime.modelsDir, base)
    : isAbsolute(modelPath) ? resolve(modelPath) : resolve(runtime.modelsDir, modelPath);
  if (modelPath !== undefined && !runtime.options.allowAbsolutePaths && !isInsideDir(runtime.modelsDir, path)) {
    throw new SqlError(SQLSTATE.InsufficientPrivilege, `model_path "${modelPath}" is outside the models directory`, {
      hint: `Put the model under ${runtime.modelsDir} (the server's --models-dir), or start the server with --allow-absolute-paths.`,
    });
  }
  const model: ModelRecord = { name: statement.name.toLowerCase(), base, path, variant, fetchable: modelPath === undefined };
  const overwrite = optionBool(statement.options, 'overwrite', false);
  return command(bind, { action: 'build', model, overwrite }, `Build Model ${model.name}`);
}

function bindDelete(bind: BindContext, statement: DeleteModel): LogicalCommand {
  clipRuntimeOf(bind.plan.extensions);
  const name = statement.name.toLowerCase();
  return command(bind, { action: 'delete', name }, `Delete Model ${name}`);
}

function command(bind: BindContext, payload: ModelCommandPayload, describe: string): LogicalCommand {
  const output: OutputColumn[] = MODEL_COLUMNS.map(([name, type]) => ({ id: bind.newId(), name, type, tableOid: 0, attnum: 0 }));
  return { kind: 'Query', plan: { kind: 'Extension', name: MODEL_COMMAND_NODE, inputs: [], payload, output, describe } };
}
