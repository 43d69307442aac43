/**
 * Buffers appended rows column-major and seals a row group each time ROW_GROUP_ROWS rows have
 * arrived: its chunks are encoded at once and staged, with the groups sealed before it, in one
 * LMDB transaction once STAGE_BYTES of them are pending, so a large COPY holds at most that
 * much encoded data plus one group's rows in memory. Staged groups are invisible until the
 * catalog commit that references them; `discard()` deletes them.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Value } from '../types/value.js';
import { encodeChunk } from './chunk-codec.js';
import { encodeColumnVector, type ColumnVector } from './column-vector.js';
import type { RowGroupRef, RowGroupWriter, StoredColumn } from './storage-api.js';

/**
 * Rows per row group. 2048 keeps a group of 512-d float32 embeddings at 4 MiB (the writer's
 * memory bound and the unit a vector scan scores in one call), amortizes per-chunk header and
 * LMDB overhead over many rows, and keeps UPDATE/DELETE rewrites (whole groups) small.
 */
export const ROW_GROUP_ROWS = 2048;

/**
 * Encoded bytes of sealed groups held before they are staged together. Each staging
 * transaction flushes its pages to disk (lmdb-store.ts), so one per group made a COPY of narrow
 * rows wait on an fsync every 2,048 rows (~20 % of COPY FROM STDIN's time, 2026-12-07); a few
 * MiB per transaction makes that noise, and a wide group (512-d embeddings: 4 MiB) still goes alone.
 */
export const STAGE_BYTES = 4 * 1024 * 1024;

/** What a writer needs from the store: chunk I/O with id allocation. */
export interface ChunkStager {
  /**
   * Writes row groups' chunks (per group: column id → bytes) in one LMDB transaction that also
   * takes the groups' ids from the persisted counter, so threads writing the same store never
   * collide; returns the ids in order.
   */
  stageRowGroups(tableId: number, groups: readonly ReadonlyMap<number, Uint8Array>[]): number[];
  /** Deletes the chunks of uncommitted row groups. */
  deleteRowGroups(tableId: number, rowGroupIds: readonly number[]): void;
}

export class StagingRowGroupWriter implements RowGroupWriter {
  private buffers: Value[][];
  private buffered = 0;
  private readonly stagedGroups: RowGroupRef[] = [];
  /** Sealed groups not staged yet: their chunks and row counts, and their encoded size. */
  private sealed: { readonly chunks: ReadonlyMap<number, Uint8Array>; readonly rowCount: number }[] = [];
  private sealedBytes = 0;
  private discarded = false;

  constructor(
    private readonly stager: ChunkStager,
    private readonly tableId: number,
    private readonly columns: readonly StoredColumn[],
    private readonly rowsPerGroup = ROW_GROUP_ROWS,
  ) {
    this.buffers = this.emptyBuffers();
  }

  /**
   * One array per column. Once a group has been sealed the writer is a bulk one (COPY, INSERT …
   * SELECT), and the next group's arrays are sized for it, so appending never grows (and copies)
   * them; a writer of a few rows starts with empty ones.
   */
  private emptyBuffers(sized = false): Value[][] {
    return this.columns.map(() => (sized ? new Array<Value>(this.rowsPerGroup) : []));
  }

  append(row: readonly Value[]): void {
    if (this.discarded) throw new SqlError(SQLSTATE.InternalError, 'append to a discarded row group writer');
    if (row.length !== this.columns.length) {
      throw new SqlError(SQLSTATE.InternalError,
        `row has ${row.length} values, writer expects ${this.columns.length}`);
    }
    const at = this.buffered;
    for (let i = 0; i < row.length; i++) this.buffers[i]![at] = row[i]!;
    if (++this.buffered >= this.rowsPerGroup) this.flush();
  }

  appendGroup(vectors: readonly ColumnVector[], rowCount: number): void {
    if (this.discarded) throw new SqlError(SQLSTATE.InternalError, 'append to a discarded row group writer');
    if (vectors.length !== this.columns.length || rowCount > this.rowsPerGroup) {
      throw new SqlError(SQLSTATE.InternalError,
        `a group of ${vectors.length} columns × ${rowCount} rows for a writer of ${this.columns.length} × ${this.rowsPerGroup}`);
    }
    if (this.buffered > 0) this.flush();
    if (rowCount === 0) return;
    const chunks = new Map<number, Uint8Array>();
    this.columns.forEach((c, i) => {
      const bytes = encodeColumnVector(c.type, vectors[i]!, rowCount);
      chunks.set(c.id, bytes);
      this.sealedBytes += bytes.byteLength;
    });
    this.seal(chunks, rowCount);
  }

  finish(): readonly RowGroupRef[] {
    if (this.buffered > 0) this.flush();
    this.stageSealed();
    return [...this.stagedGroups];
  }

  staged(): readonly RowGroupRef[] {
    this.stageSealed();
    return [...this.stagedGroups];
  }

  discard(): void {
    this.discarded = true;
    this.buffers = this.emptyBuffers();
    this.buffered = 0;
    this.sealed = [];
    this.sealedBytes = 0;
    if (this.stagedGroups.length === 0) return;
    this.stager.deleteRowGroups(this.tableId, this.stagedGroups.map((g) => g.id));
    this.stagedGroups.length = 0;
  }

  /** Seals the buffered rows as a group; stages the sealed groups once they are big enough. */
  private flush(): void {
    // Encode first: a bad value must fail before any id is spent or byte is written.
    const chunks = new Map<number, Uint8Array>();
    this.columns.forEach((c, i) => {
      const values = this.buffers[i]!;
      if (values.length > this.buffered) values.length = this.buffered;
      const bytes = encodeChunk(c.type, values);
      chunks.set(c.id, bytes);
      this.sealedBytes += bytes.byteLength;
    });
    const rowCount = this.buffered;
    this.buffers = this.emptyBuffers(true);
    this.buffered = 0;
    this.seal(chunks, rowCount);
  }

  /** Queues an encoded group; stages the queue once it holds STAGE_BYTES. */
  private seal(chunks: ReadonlyMap<number, Uint8Array>, rowCount: number): void {
    this.sealed.push({ chunks, rowCount });
    if (this.sealedBytes >= STAGE_BYTES) this.stageSealed();
  }

  private stageSealed(): void {
    if (this.sealed.length === 0) return;
    const groups = this.sealed;
    this.sealed = [];
    this.sealedBytes = 0;
    const ids = this.stager.stageRowGroups(this.tableId, groups.map((g) => g.chunks));
    const columnIds = Object.freeze(this.columns.map((c) => c.id));
    groups.forEach((g, i) => this.stagedGroups.push(Object.freeze({ id: ids[i]!, rowCount: g.rowCount, columnIds })));
  }
}
