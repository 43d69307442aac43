/**
 * Reads a table's row groups as column-major batches. A column id absent from a group's
 * `columnIds` (added by ALTER TABLE ADD COLUMN after the group was written) reads as NULLs.
 *
 * With a pinned LMDB read transaction, chunks come from that snapshot, so a concurrent
 * commit that frees row groups cannot pull them out from under an older SQL transaction.
 * Row groups the reader's own SQL transaction staged after pinning are not in that LMDB
 * snapshot; since row-group ids are never reused, a miss falls back to the latest data.
 */
import type { Transaction } from 'lmdb';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { JsonbValue } from '../types/jsonb-value.js';
import type { Value } from '../types/value.js';
import type { TextSlices } from '../types/text-slices.js';
import { decodeChunk, decodeTextSlices } from './chunk-codec.js';
import { ChunkCodecId, readChunkHeader } from './chunk-format.js';
import { chunkKey, type StoreDbs } from './store-layout.js';
import type { ColumnBatch, RowGroupRef, ScanOptions, StoredTable } from './storage-api.js';

/** The raw bytes of one chunk, from the pinned snapshot or else the latest data. */
export function readRawChunk(
  dbs: StoreDbs, pinned: Transaction | undefined, tableId: number, rowGroupId: number, columnId: number,
): Uint8Array | undefined {
  const key = chunkKey(tableId, rowGroupId, columnId);
  return (pinned ? dbs.chunks.get(key, { transaction: pinned }) : undefined) ?? dbs.chunks.get(key);
}

/**
 * Yields one batch per row group of `table`, holding the requested columns in order; with
 * `rows`, only those row positions of each group (a late-materialising scan's second read);
 * with `options.textSlices` (and no `rows`), UTF-8 chunks as byte ranges (ColumnBatch.textSlices).
 */
export function* scanRowGroups(
  dbs: StoreDbs, pinned: Transaction | undefined, table: StoredTable, columnIds: readonly number[],
  rows?: readonly number[], options?: ScanOptions,
): Generator<ColumnBatch> {
  // jsonb chunks written before the jsonb codec are UTF-8 too, and must become jsonb values.
  const sliceable = !rows && options?.textSlices === true
    ? columnIds.map((id) => table.columns.find((c) => c.id === id)?.type.id !== 'jsonb') : undefined;
  for (const group of table.rowGroups) {
    const rowCount = rows ? rows.length : group.rowCount;
    let textSlices: (TextSlices | undefined)[] | undefined;
    const columns = columnIds.map((columnId, i): readonly Value[] => {
      if (!group.columnIds.includes(columnId)) return new Array<Value>(rowCount).fill(null);
      const picked = rows ? readVectorRows(dbs, pinned, table.id, group.id, columnId, rows) : undefined;
      if (picked) return picked;
      const raw = readRawChunk(dbs, pinned, table.id, group.id, columnId);
      if (raw === undefined) throw missingChunk(table, group.id, columnId);
      const slices = sliceable?.[i] ? decodeTextSlices(raw) : undefined;
      if (slices) {
        checkRowCount(table, group, slices.offsets.length - 1);
        (textSlices ??= new Array<TextSlices | undefined>(columnIds.length))[i] = slices;
        return [];
      }
      const values = upgradeLegacyJsonb(table, columnId, decodeChunk(raw, rows));
      if (!rows) checkRowCount(table, group, values.length);
      return values;
    });
    yield textSlices ? { rowCount, columns, textSlices } : { rowCount, columns };
  }
}

function checkRowCount(table: StoredTable, group: RowGroupRef, count: number): void {
  if (count !== group.rowCount) {
    throw new SqlError(SQLSTATE.InternalError,
      `row group ${group.id} of "${table.name}": chunk has ${count} rows, catalog says ${group.rowCount}`);
  }
}

/** lmdb-js's zero-copy read: the value's bytes in a buffer the next read overwrites (its typings omit the options). */
type FastGet = (key: unknown, options?: { transaction: Transaction }) => Uint8Array | undefined;

/**
 * Some rows of an embedding chunk without copying the chunk (a row group's embeddings are
 * megabytes; a top-k fetches a few rows of it): read in place, only those rows copied out.
 * Undefined for other codecs or a missing chunk (the caller's ordinary read decides).
 */
function readVectorRows(
  dbs: StoreDbs, pinned: Transaction | undefined, tableId: number, rowGroupId: number, columnId: number, rows: readonly number[],
): Value[] | undefined {
  const key = chunkKey(tableId, rowGroupId, columnId);
  const get = dbs.chunks.getBinaryFast.bind(dbs.chunks) as FastGet;
  const fast = (pinned ? get(key, { transaction: pinned }) : undefined) ?? get(key);
  // Float32Array views need 4-byte alignment; lmdb-js's buffer normally starts aligned, else copy.
  if (fast === undefined || fast.byteOffset % 4 !== 0) return undefined;
  const codec = readChunkHeader(fast).header.codec;
  if (codec !== ChunkCodecId.VectorDense && codec !== ChunkCodecId.VectorRagged) return undefined;
  return decodeChunk(fast, rows).map((v) => (v instanceof Float32Array ? v.slice() : v));
}

function missingChunk(table: StoredTable, rowGroupId: number, columnId: number): SqlError {
  return new SqlError(SQLSTATE.InternalError,
    `row group ${rowGroupId} of "${table.name}" has no chunk for column id ${columnId}`);
}

/** jsonb chunks written before the jsonb codec were plain UTF-8: read them as jsonb values. */
function upgradeLegacyJsonb(table: StoredTable, columnId: number, values: Value[]): Value[] {
  const type = table.columns.find((c) => c.id === columnId)?.type;
  if (type?.id !== 'jsonb' || type.array || !values.some((v) => typeof v === 'string')) return values;
  return values.map((v) => (typeof v === 'string' ? JsonbValue.fromNormalText(v) : v));
}
