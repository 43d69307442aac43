/**
 * A registered model as the registry stores it, and the names the SQL surface derives from it.
 * Only one base algorithm exists (`clipen`, CLIP ViT-B/32 English in the Xenova ONNX layout);
 * the table keeps room for more.
 */
import { join } from 'node:path';
import type { ModelVariant } from '../../inference/model/model-files.js';

/** Base algorithms BUILD MODEL accepts (lower-case, as in column names). */
export const BASE_MODELS = ['clipen'] as const;
export type BaseModel = (typeof BASE_MODELS)[number];

/** The model ThanoSQL ships pre-built, and the directory its weights live in. */
export const TUTORIAL_MODEL = 'tutorial_search_clip';
export const DEFAULT_BASE: BaseModel = 'clipen';

export interface ModelRecord {
  /** Lower-cased model name. */
  readonly name: string;
  readonly base: BaseModel;
  /** Absolute model directory. */
  readonly path: string;
  readonly variant: ModelVariant;
  /** True when missing files may be downloaded from the hub (the built-in `<models-dir>/clipen`). */
  readonly fetchable: boolean;
  /**
   * When BUILD MODEL registered it (ms since the epoch; absent for the seeded record). Part of
   * an engine thread's pool key, so a rebuild in another thread makes every thread load anew.
   */
  readonly builtAt?: number;
}

export function isBaseModel(name: string): name is BaseModel {
  return (BASE_MODELS as readonly string[]).includes(name);
}

/** The built-in `tutorial_search_clip` registration: base weights under `<modelsDir>/clipen`. */
export function tutorialModel(modelsDir: string): ModelRecord {
  return { name: TUTORIAL_MODEL, base: DEFAULT_BASE, path: join(modelsDir, DEFAULT_BASE), variant: 'fp32', fetchable: true };
}

/** CONVERT's output column: `{model}_{base}`, e.g. `tutorial_search_clip_clipen`. */
export function embeddingColumnName(model: Pick<ModelRecord, 'name' | 'base'>): string {
  return `${model.name}_${model.base}`;
}

/** SEARCH's n-th (1-based) output column: `{model}_{base}_similarity{n}`. */
export function similarityColumnName(model: Pick<ModelRecord, 'name' | 'base'>, n: number): string {
  return `${embeddingColumnName(model)}_similarity${n}`;
}
