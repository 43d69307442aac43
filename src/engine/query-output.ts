/**
 * What the engine needs from whoever carries results to the client (the wire connection, or a
 * test/in-process client): result metadata, row batches with back-pressure, notices, COPY
 * channels. The engine never imports protocol/; protocol/ implements this.
 */
import type { Notice } from '../common/sql-error.js';
import type { ColumnValues, CopyOutChannel, ResultColumn } from '../execution/statement-api.js';
import type { Row } from '../types/value.js';

export interface QueryOutput {
  /** The statement about to produce rows (simple query / FETCH): send RowDescription. */
  rowDescription(columns: readonly ResultColumn[], formats: readonly number[]): void;
  /** A batch of rows; resolves once the client has room for more (back-pressure). */
  dataRows(rows: readonly Row[], columns: readonly ResultColumn[], formats: readonly number[]): Promise<void>;
  /**
   * The same for a column-major batch (`batch.columns[i]` holds result column i), when the
   * statement yields them; optional: an output without it receives rows.
   */
  dataColumns?(batch: ColumnValues, columns: readonly ResultColumn[], formats: readonly number[]): Promise<void>;
  commandComplete(tag: string): void;
  emptyQuery(): void;
  portalSuspended(): void;
  notice(notice: Notice): void;
  /** COPY FROM STDIN: CopyInResponse, then CopyData payloads until CopyDone (CopyFail throws 57014). */
  copyIn(columnCount: number, format: 'text' | 'binary'): AsyncIterable<Uint8Array>;
  /** COPY TO STDOUT: CopyOutResponse, then chunks, then CopyDone on end(). */
  copyOut(columnCount: number, format: 'text' | 'binary'): CopyOutChannel;
}
