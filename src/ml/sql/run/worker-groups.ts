/**
 * A SEARCH top-k's row groups split by the vector worker that owns them, each worker's list also
 * packed for its task (packed-scan-groups.ts). A table's row-group list is immutable — a commit
 * makes a new one — so the unfiltered split is kept per list and reused by every statement that
 * reads that version: at 1M rows it is ~490 groups, and splitting and packing them again cost
 * ~0.4 ms of the engine thread per query (issue 8's HNSW latency). A filtered scan (some groups
 * left out) splits afresh.
 */
import type { RowGroupRef, StoredTable } from '../../../storage/storage-api.js';
import type { VectorPool } from '../../inference/pool/vector-pool.js';
import { packScanGroups, type PackedScanGroups, type TopKScanGroup } from '../../inference/worker/packed-scan-groups.js';

export class WorkerGroups {
  private packedGroups: PackedScanGroups | undefined;

  constructor(readonly groups: TopKScanGroup[]) {}

  /** The groups packed (once). */
  get packed(): PackedScanGroups {
    return (this.packedGroups ??= packScanGroups(this.groups));
  }
}

interface CachedSplit {
  readonly columnId: number;
  readonly workers: number;
  readonly split: ReadonlyMap<number, WorkerGroups>;
}

const unfiltered = new WeakMap<readonly RowGroupRef[], CachedSplit>();

/**
 * Worker → its groups of `table` with rows, in scan order (`ordinal` = position in the table's
 * list); `skip(ordinal)` leaves groups out (a WHERE that keeps none of their rows).
 */
export function groupsByWorker(table: StoredTable, columnId: number, vectors: VectorPool,
  skip?: (ordinal: number) => boolean): ReadonlyMap<number, WorkerGroups> {
  if (!skip) {
    const cached = unfiltered.get(table.rowGroups);
    if (cached && cached.columnId === columnId && cached.workers === vectors.workers) return cached.split;
  }
  const lists = new Map<number, TopKScanGroup[]>();
  table.rowGroups.forEach((g, ordinal) => {
    if (g.rowCount === 0 || skip?.(ordinal)) return;
    const worker = vectors.workerOf(g.id);
    const list = lists.get(worker) ?? [];
    list.push({ id: g.id, ordinal, rowCount: g.rowCount, hasColumn: g.columnIds.includes(columnId) });
    lists.set(worker, list);
  });
  const split = new Map([...lists].map(([worker, groups]) => [worker, new WorkerGroups(groups)]));
  if (!skip) unfiltered.set(table.rowGroups, { columnId, workers: vectors.workers, split });
  return split;
}
