/**
 * Buffers appended rows column-major and stages a row group each time ROW_GROUP_ROWS rows
 * have arrived: each group's chunks are written in one small LMDB transaction, so a large
 * COPY holds at most one row group in memory. Staged groups are invisible until the catalog
 * commit that references them; `discard()` deletes them.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Value } from '../types/value.js';
import { encodeChunk } from './chunk-codec.js';
import type { RowGroupRef, RowGroupWriter, StoredColumn } from './storage-api.js';

/**
 * Rows per row group. 2048 keeps a group of 512-d float32 embeddings at 4 MiB (the writer's
 * memory bound and the unit a vector scan scores in one call), amortizes per-chunk header and
 * LMDB overhead over many rows, and keeps UPDATE/DELETE rewrites (whole groups) small.
 */
export const ROW_GROUP_ROWS = 2048;

/** What a writer needs from the store: chunk I/O with id allocation. */
export interface ChunkStager {
  /**
   * Writes one row group's chunks (column id → bytes) in one LMDB transaction that also takes
   * the group's id from the persisted counter, so threads writing the same store never collide.
   */
  stageChunks(tableId: number, chunks: ReadonlyMap<number, Uint8Array>): number;
  /** Deletes the chunks of uncommitted row groups. */
  deleteRowGroups(tableId: number, rowGroupIds: readonly number[]): void;
}

export class StagingRowGroupWriter implements RowGroupWriter {
  private buffers: Value[][];
  private buffered = 0;
  private readonly stagedGroups: RowGroupRef[] = [];
  private discarded = false;

  constructor(
    private readonly stager: ChunkStager,
    private readonly tableId: number,
    private readonly columns: readonly StoredColumn[],
    private readonly rowsPerGroup = ROW_GROUP_ROWS,
  ) {
    this.buffers = columns.map(() => []);
  }

  append(row: readonly Value[]): void {
    if (this.discarded) throw new SqlError(SQLSTATE.InternalError, 'append to a discarded row group writer');
    if (row.length !== this.columns.length) {
      throw new SqlError(SQLSTATE.InternalError,
        `row has ${row.length} values, writer expects ${this.columns.length}`);
    }
    for (let i = 0; i < row.length; i++) this.buffers[i].push(row[i]);
    if (++this.buffered >= this.rowsPerGroup) this.flush();
  }

  finish(): readonly RowGroupRef[] {
    if (this.buffered > 0) this.flush();
    return [...this.stagedGroups];
  }

  staged(): readonly RowGroupRef[] {
    return [...this.stagedGroups];
  }

  discard(): void {
    this.discarded = true;
    this.buffers = this.columns.map(() => []);
    this.buffered = 0;
    if (this.stagedGroups.length === 0) return;
    this.stager.deleteRowGroups(this.tableId, this.stagedGroups.map((g) => g.id));
    this.stagedGroups.length = 0;
  }

  private flush(): void {
    // Encode first: a bad value must fail before any id is spent or byte is written.
    const chunks = new Map<number, Uint8Array>();
    this.columns.forEach((c, i) => chunks.set(c.id, encodeChunk(c.type, this.buffers[i])));
    const id = this.stager.stageChunks(this.tableId, chunks);
    this.stagedGroups.push(Object.freeze({ id, rowCount: this.buffered, columnIds: Object.freeze(this.columns.map((c) => c.id)) }));
    this.buffers = this.columns.map(() => []);
    this.buffered = 0;
  }
}
