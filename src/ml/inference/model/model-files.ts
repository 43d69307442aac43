/**
 * The on-disk layout of a CLIP model (Hugging Face / Xenova ONNX export) and its validation.
 *
 * @example
 * const files = await resolveModelFiles('models/clipen', 'quantized');
 * files.visionModel; // …/models/clipen/onnx/vision_model_quantized.onnx
 */
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { SqlError } from '../../../common/sql-error.js';
import { SQLSTATE } from '../../../common/sqlstate.js';

/** Weight variants of a Xenova export; each maps to a file-name suffix under `onnx/`. */
export const MODEL_VARIANTS = {
  fp32: '',
  fp16: '_fp16',
  quantized: '_quantized',
  int8: '_int8',
  uint8: '_uint8',
  q4: '_q4',
  q4f16: '_q4f16',
  bnb4: '_bnb4',
} as const;
export type ModelVariant = keyof typeof MODEL_VARIANTS;

/** The Hugging Face repository the real model comes from by default. */
export const DEFAULT_MODEL_REPO = 'Xenova/clip-vit-base-patch32';

export function isModelVariant(name: string): name is ModelVariant {
  return Object.hasOwn(MODEL_VARIANTS, name);
}

/** Relative path of one of the two ONNX graphs for a variant. */
export function onnxFileName(part: 'vision' | 'text', variant: ModelVariant = 'fp32'): string {
  return `onnx/${part}_model${MODEL_VARIANTS[variant]}.onnx`;
}

/** Every file a model directory must hold, relative to it (in download order: small files first). */
export function modelFileList(variant: ModelVariant = 'fp32'): string[] {
  return [
    'config.json',
    'preprocessor_config.json',
    'tokenizer.json',
    onnxFileName('text', variant),
    onnxFileName('vision', variant),
  ];
}

/** Absolute paths of a validated model directory. */
export interface ClipModelFiles {
  readonly dir: string;
  readonly variant: ModelVariant;
  readonly config: string;
  readonly preprocessorConfig: string;
  readonly tokenizer: string;
  readonly textModel: string;
  readonly visionModel: string;
  /** Embedding width from config.json (`projection_dim`), 512 for ViT-B/32. */
  readonly embedDim: number;
  /** True for the generated colour TEST model (config.json `thanosql_test_model`). */
  readonly isTestModel: boolean;
}

/**
 * Checks that `dir` holds every file of the variant and reads config.json.
 * Throws SqlError 58P01 naming each missing file and how to place the files by hand.
 */
export async function resolveModelFiles(dir: string, variant: ModelVariant = 'fp32'): Promise<ClipModelFiles> {
  const root = resolve(dir);
  if (!(await stat(root).catch(() => undefined))?.isDirectory()) {
    throw new SqlError(SQLSTATE.UndefinedFile,
      `CLIP model directory ${root} does not exist (it should hold ${modelFileList(variant).join(', ')})`,
      { hint: `create it and place a CLIP ONNX export there (https://huggingface.co/${DEFAULT_MODEL_REPO}/tree/main, keep the onnx/ subfolder)` });
  }
  const files = modelFileList(variant);
  const missing: string[] = [];
  for (const f of files) {
    const s = await stat(join(root, f)).catch(() => undefined);
    if (!s?.isFile() || s.size === 0) missing.push(f);
  }
  if (missing.length > 0) throw missingFilesError(root, variant, missing);
  const config = await readJson(join(root, 'config.json'));
  const embedDim = Number(config['projection_dim'] ?? 512);
  if (!Number.isInteger(embedDim) || embedDim <= 0) {
    throw new SqlError(SQLSTATE.InvalidParameterValue, `${join(root, 'config.json')}: projection_dim must be a positive integer`);
  }
  return {
    dir: root,
    variant,
    config: join(root, 'config.json'),
    preprocessorConfig: join(root, 'preprocessor_config.json'),
    tokenizer: join(root, 'tokenizer.json'),
    textModel: join(root, onnxFileName('text', variant)),
    visionModel: join(root, onnxFileName('vision', variant)),
    embedDim,
    isTestModel: config['thanosql_test_model'] === true,
  };
}

/** Reads a JSON object, with an error that names the file. */
export async function readJson(path: string): Promise<Record<string, unknown>> {
  const text = await readFile(path, 'utf8').catch((err: Error) => {
    throw new SqlError(SQLSTATE.UndefinedFile, `could not read ${path}: ${err.message}`);
  });
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new SqlError(SQLSTATE.InvalidParameterValue, `${path} is not a JSON object`);
}

function missingFilesError(root: string, variant: ModelVariant, missing: readonly string[]): SqlError {
  return new SqlError(
    SQLSTATE.UndefinedFile,
    `CLIP model directory ${root} is missing ${missing.length} file(s): ${missing.join(', ')}`,
    {
      detail: `variant "${variant}" needs: ${modelFileList(variant).join(', ')}`,
      hint:
        `download them from https://huggingface.co/${DEFAULT_MODEL_REPO}/tree/main (keep the onnx/ ` +
        `subfolder) and place them under ${root}`,
    },
  );
}
