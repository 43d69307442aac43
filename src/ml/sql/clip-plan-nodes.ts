/**
 * The payloads of the CLIP extension's logical nodes (`LogicalExtension` with these names). The
 * binders build them; the physical planners registered for the names read them.
 */
import type { SqlType } from '../../types/sql-type.js';
import type { ModelRecord } from '../models/model-record.js';

/** `SEARCH IMAGE …`: appends one similarity column per input to every input row. */
export const SEARCH_NODE = 'ClipSearch';
/** `CONVERT USING …`: appends the embedding column and stores it into `tableName`. */
export const CONVERT_NODE = 'ClipConvert';
/** BUILD / LIST / DELETE MODEL: rows describing models. */
export const MODEL_COMMAND_NODE = 'ClipModelCommand';

export interface SearchPayload {
  readonly model: ModelRecord;
  readonly inputKind: 'text' | 'image';
  readonly inputs: readonly string[];
  /** Position and name of the embedding column in the input's rows. */
  readonly embeddingIndex: number;
  readonly embeddingColumn: string;
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
  /** The node's output columns (a new table `tableName` is created with them). */
  readonly outputColumns: readonly { readonly name: string; readonly type: SqlType }[];
}

export type ModelCommandPayload =
  | { readonly action: 'list' }
  | { readonly action: 'build'; readonly model: ModelRecord; readonly overwrite: boolean }
  | { readonly action: 'delete'; readonly name: string };
