/**
 * Messages between `ClipPool` (main thread) and `clip-worker` (piscina worker). Results are plain
 * data: errors cross as fields because structured cloning drops an Error's class and SQLSTATE.
 */
import type { DataFilePolicy } from '../../../common/data-path.js';
import type { ModelVariant } from '../model/model-files.js';
import type { ImageInput } from '../embed/preprocess.js';
import type { VectorIndexSpec } from '../vector/index-shard.js';
import type { PackedScanGroups } from './packed-scan-groups.js';

/** piscina `workerData`: which model every worker of the pool loads. */
export interface ClipWorkerData {
  readonly modelDir: string;
  readonly variant: ModelVariant;
  readonly intraOpNumThreads: number;
}

/** The task name that makes a vector worker exit once its queued work is done (VectorWorkers.close). */
export const EXIT_TASK = 'exit';
/** The task name that hands a vector worker a MessagePort to serve tasks on too (VectorWorkers.connect). */
export const PORT_TASK = 'port';

/** A vector worker's `workerData`. */
export interface VectorWorkerData {
  /** Bytes of embedding rows the worker may cache (vector-cache.ts). */
  readonly cacheBytes: number;
  /** This worker's number (the row groups and index shards it owns). */
  readonly worker: number;
}

export interface TextTask {
  readonly texts: readonly string[];
}

export interface ImageTask {
  readonly inputs: readonly ImageInput[];
  /** The policy string inputs (paths) are opened under; absent = trusted paths. */
  readonly files?: DataFilePolicy;
  /** The batch this task's lane sends next: the worker decodes it while the model runs this one. */
  readonly prefetch?: readonly ImageInput[];
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

export type { PackedScanGroups, TopKScanGroup } from './packed-scan-groups.js';

/**
 * Score `groups` of one embedding column against one normalised query, read by a vector worker
 * (from its cache, else straight from LMDB by row group id: groups are immutable and ids never
 * reused, so any snapshot's groups can be read), keeping the k best rows and the first k rows
 * without a score (NULL or zero embedding).
 */
export interface TopKScanTask {
  readonly storeDir: string;
  /** The vector worker that owns these groups (`vectorWorkerOf`). */
  readonly worker: number;
  readonly tableId: number;
  readonly columnId: number;
  /** `packScanGroups` of the groups, in scan order. */
  readonly groups: PackedScanGroups;
  readonly query: Float32Array;
  readonly k: number;
  /** By group ordinal: 1 for rows that pass the query's WHERE; a group without an entry passes whole. */
  readonly rowFilters?: Readonly<Record<number, Uint8Array>>;
}

/** A top-k through the worker's shard of a vector index (index-search.ts). */
export interface IndexSearchTask extends TopKScanTask {
  readonly index: VectorIndexSpec;
  /** Candidates to ask the graph for per row wanted (1 / the fraction of rows `rowFilters` keep); absent = 1. */
  readonly oversample?: number;
  /** Candidates the graph search keeps (`hnsw.ef_search`); absent = EF_SEARCH. */
  readonly efSearch?: number;
}

/** Part of a CREATE INDEX: index these row groups into the worker's new shard; `finish` saves and serves it. */
export interface IndexBuildTask {
  readonly worker: number;
  readonly index: VectorIndexSpec;
  readonly groups: readonly { readonly id: number; readonly rowCount: number }[];
  readonly begin: boolean;
  readonly finish: boolean;
}

/** A CREATE INDEX that will not finish (cancelled, failed): drop what the worker built. */
export interface IndexAbortTask {
  readonly worker: number;
  readonly oid: number;
}

export type VectorAck = { readonly ok: true } | WorkerFailure;

export type TopKScanResult =
  | {
      readonly ok: true;
      readonly stale: false;
      /** The kept rows, parallel arrays, in no particular order. */
      readonly scores: Float64Array;
      readonly ordinals: Int32Array;
      readonly rows: Int32Array;
      /** The first k rows without a score, in scan order. */
      readonly nullOrdinals: Int32Array;
      readonly nullRows: Int32Array;
    }
  /** The worker cannot read what the statement sees (another snapshot, a chunk that is not a dense matrix …). */
  | { readonly ok: true; readonly stale: true; readonly reason: string }
  | WorkerFailure;
