/**
 * Messages between `ClipPool` (main thread) and `clip-worker` (piscina worker). Results are plain
 * data: errors cross as fields because structured cloning drops an Error's class and SQLSTATE.
 */
import type { ModelVariant } from '../model-files.js';
import type { ImageInput } from '../preprocess.js';

/** piscina `workerData`: which model every worker of the pool loads. */
export interface ClipWorkerData {
  readonly modelDir: string;
  readonly variant: ModelVariant;
  readonly intraOpNumThreads: number;
}

export interface TextTask {
  readonly texts: readonly string[];
}

export interface ImageTask {
  readonly inputs: readonly ImageInput[];
}

/** A failed task: the SqlError fields, or XX000 for anything else. */
export interface WorkerFailure {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
}

export type TextResult = { readonly ok: true; readonly data: Float32Array; readonly dim: number } | WorkerFailure;

export type ImageResult =
  | {
      readonly ok: true;
      readonly data: Float32Array;
      readonly dim: number;
      readonly valid: Uint8Array;
      readonly errors: readonly (string | null)[];
    }
  | WorkerFailure;

/** Queries [q, dim] · matrix [n, dim]ᵀ; a SharedArrayBuffer-backed matrix reaches the worker without a copy. */
export interface ScoreTask {
  readonly queries: Float32Array;
  readonly q: number;
  readonly matrix: Float32Array;
  readonly n: number;
  readonly dim: number;
}

export type ScoreResult = { readonly ok: true; readonly scores: Float32Array } | WorkerFailure;
