/**
 * A vector worker's index shards: the ones it serves (opened from their files on first use),
 * the ones a CREATE INDEX is building, and the upkeep that keeps them in step with the table —
 * after each search the shard is brought to the latest committed row groups it owns, a few
 * groups per step between tasks, then saved; a shard whose dead rows outnumber its live ones
 * starts again empty and is refilled the same way (searches scan what it lacks exactly meanwhile;
 * its last saved file serves a restart until the new one is saved). Shards and files of indexes
 * no committed catalog lists any more (DROP INDEX, DROP TABLE, a rolled-back CREATE INDEX) are removed.
 */
import { SqlError } from '../../../common/sql-error.js';
import { SQLSTATE } from '../../../common/sqlstate.js';
import type { Store, StoredTable } from '../../../storage/index.js';
import { vectorWorkerOf } from '../pool/vector-workers.js';
import { listIndexDirs, removeShard } from './index-files.js';
import { IndexShard, type VectorIndexSpec } from './index-shard.js';
import type { VectorCache } from './vector-cache.js';

/** Row groups indexed per upkeep step (~16k rows: well under a second, so searches wait little). */
const GROUPS_PER_STEP = 8;
/** Dead rows (index-shard.ts) a shard carries before it is rebuilt, at least: one full row group's worth. */
const MIN_DEAD_ROWS_TO_REBUILD = 2048;
/** Files of an index never seen committed are kept this long (its CREATE INDEX may still commit). */
const UNCOMMITTED_GRACE_MS = 10 * 60_000;

export class WorkerIndexes {
  private readonly live = new Map<number, IndexShard>();
  private readonly building = new Map<number, IndexShard>();
  /** Indexes that have been in a committed catalog: once gone from it, they were dropped. */
  private readonly seenCommitted = new Set<number>();
  private readonly pending = new Map<number, VectorIndexSpec>();
  /**
   * The catalog version each served shard last caught up with: upkeep after a search at the same
   * version has nothing to do, and skipping it spares the next search a wait behind it.
   */
  private readonly caughtUp = new Map<number, { readonly shard: IndexShard; readonly version: number }>();
  private sweptVersion = -1;

  constructor(private readonly worker: number, private readonly cache: VectorCache) {}

  /** The shard serving `spec`, opened from its files if not in memory (empty if they are missing or stale). */
  shard(spec: VectorIndexSpec): IndexShard {
    let shard = this.live.get(spec.oid);
    if (!shard || shard.spec.columnId !== spec.columnId || shard.spec.dim !== spec.dim || shard.spec.shards !== spec.shards) {
      shard = IndexShard.open(spec, this.worker);
      this.live.set(spec.oid, shard);
    }
    return shard;
  }

  /** Adds row groups to the shard a CREATE INDEX is building (started by `begin`). */
  build(spec: VectorIndexSpec, groups: readonly { id: number; rowCount: number }[], begin: boolean, read: (groupId: number) => Uint8Array | undefined): void {
    if (begin || !this.building.has(spec.oid)) this.building.set(spec.oid, IndexShard.create(spec, this.worker));
    const shard = this.building.get(spec.oid)!;
    for (const g of groups) this.addGroup(shard, g.id, g.rowCount, () => read(g.id));
  }

  /** Saves the built shard and serves it from now on. */
  finish(oid: number): void {
    const shard = this.building.get(oid);
    if (!shard) return;
    this.building.delete(oid);
    shard.save();
    this.live.set(oid, shard);
  }

  abort(oid: number): void {
    this.building.delete(oid);
  }

  /** Asks for upkeep of `spec`'s shard after a search. */
  schedule(spec: VectorIndexSpec): void {
    this.pending.set(spec.oid, spec);
  }

  get hasUpkeep(): boolean {
    return this.pending.size > 0;
  }

  /** One upkeep step: removes groups the latest commit dropped, adds a few it added; saves when caught up. */
  upkeep(storeOf: (dir: string) => Store): void {
    const [oid, spec] = this.pending.entries().next().value as [number, VectorIndexSpec];
    const store = storeOf(spec.storeDir);
    let shard = this.live.get(oid);
    const snapshot = store.snapshot();
    const last = this.caughtUp.get(oid);
    if (shard && last?.shard === shard && last.version === snapshot.version) {
      this.pending.delete(oid);
      return;
    }
    const table = [...snapshot.tables.values()].find((t) => t.id === spec.tableId);
    const stillIndexed = table?.indexes?.some((i) => i.oid === oid) === true;
    if (!shard || !table || !stillIndexed) {
      this.pending.delete(oid);
      return;
    }
    if (shard.deadRows > Math.max(shard.size - shard.deadRows, MIN_DEAD_ROWS_TO_REBUILD)) {
      shard = IndexShard.create(spec, this.worker);
      this.live.set(oid, shard);
    }
    const owned = new Map(table.rowGroups.filter((g) => vectorWorkerOf(g.id, spec.shards) === this.worker && g.columnIds.includes(spec.columnId))
      .map((g) => [g.id, g.rowCount]));
    for (const id of [...shard.coveredGroups()]) if (!owned.has(id)) shard.removeGroup(id);
    let added = 0;
    const view = store.beginRead();
    try {
      for (const [id, rowCount] of owned) {
        if (shard.covers(id)) continue;
        if (added++ === GROUPS_PER_STEP) return; // more next step
        this.addGroup(shard, id, rowCount, () => view.rawChunk(spec.tableId, id, spec.columnId));
      }
    } catch (err) {
      // A group it cannot index (another width …): stop here; searches scan what it lacks exactly.
      this.pending.delete(oid);
      throw err;
    } finally {
      view.release();
    }
    this.pending.delete(oid);
    if (shard.dirty) shard.save();
    this.caughtUp.set(oid, { shard, version: snapshot.version });
  }

  /** Drops shards, cached rows and own files of indexes and tables the latest commit no longer has. */
  sweep(store: Store, storeDir: string): void {
    const snapshot = store.snapshot();
    if (snapshot.version === this.sweptVersion) return;
    this.sweptVersion = snapshot.version;
    const tables = [...snapshot.tables.values()];
    const indexed = new Set(tables.flatMap((t: StoredTable) => (t.indexes ?? []).filter((i) => i.vector).map((i) => i.oid)));
    for (const oid of indexed) this.seenCommitted.add(oid);
    for (const oid of [...this.live.keys()]) {
      if (!indexed.has(oid)) {
        this.live.delete(oid);
        this.caughtUp.delete(oid);
      }
    }
    for (const { oid, ageMs } of listIndexDirs(storeDir)) {
      if (indexed.has(oid) || this.building.has(oid)) continue;
      if (this.seenCommitted.has(oid) || ageMs > UNCOMMITTED_GRACE_MS) removeShard(storeDir, oid, this.worker);
    }
    const tableIds = new Set(tables.map((t) => t.id));
    this.cache.forgetTablesExcept(tableIds);
  }

  private addGroup(shard: IndexShard, groupId: number, rowCount: number, raw: () => Uint8Array | undefined): void {
    const { tableId, columnId, dim } = shard.spec;
    const entry = this.cache.group(tableId, columnId, groupId, dim, raw);
    if ('unreadable' in entry) throw new SqlError(SQLSTATE.DataException, `cannot index the embeddings: ${entry.unreadable}`);
    if (entry.rowCount !== rowCount) {
      throw new SqlError(SQLSTATE.InternalError, `row group ${groupId}: ${entry.rowCount} rows, the catalog says ${rowCount}`);
    }
    shard.addGroup(groupId, this.cache.kernel.f32, entry.offset / 4, entry.stride, entry.rowCount, entry.present);
  }
}
