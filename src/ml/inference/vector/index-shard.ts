/**
 * One vector worker's shard of an HNSW index (usearch): the normalised rows of the row groups the
 * worker owns, keyed by (row group id, row). It knows exactly which groups it covers, and that
 * is all a search trusts: a snapshot's groups it does not cover are scanned exactly, covered
 * groups the snapshot does not list are filtered out of the results (index-search.ts). So a
 * shard that lags the table — after a crash, a restart, a commit it has not caught up with —
 * is slower, never wrong.
 *
 * A group the table dropped (DELETE, UPDATE, VACUUM rewrite groups) is only forgotten: its rows
 * stay in the graph as dead rows, never returned because the group is no longer covered, until
 * the dead outnumber the live and the shard is rebuilt (worker-indexes.ts). usearch's own
 * `remove` is not used: in 2.25.3 an index saved after removing about half its rows aborted the
 * process on `load` (`free(): corrupted unsorted chunks`; 4,058 rows, 2,027 removed).
 */
import usearch, { type Index, type ScalarKind } from 'usearch';
import { readManifest, saveShard, type ShardManifest, type VectorIndexSpec } from './index-files.js';

export type { VectorIndexSpec } from './index-files.js';

/** Rows per row group are below 2¹⁶, so (group, row) packs into one usearch key. */
const ROW_BITS = 16n;
/**
 * Candidates each shard's graph search keeps by default (`hnsw.ef_search`; pgvector's default is
 * 40): 128 gave recall@10 ≈ 0.86 on random 32-d rows in test/e2e/vector-index.test.ts, 256 gave 1.0.
 * The search asks for that many results (usearch keeps max(expansion_search, wanted)).
 */
export const EF_SEARCH = 256;
/** The graph's own expansion_search: below any ef asked for, so the number of results asked for sets it. */
const GRAPH_EXPANSION_SEARCH = 16;

/** A search hit: a row and its (approximate) inner product with the query. */
export interface ShardHit {
  readonly group: number;
  readonly row: number;
}

export class IndexShard {
  /** Covered row groups: id → row count and the rows without a score (not in the graph). */
  private readonly covered = new Map<number, { rowCount: number; absent: readonly number[] }>();
  /** Rows in the graph of groups no longer covered. */
  private dead = 0;
  /** Changed since the last save. */
  dirty = false;

  private constructor(readonly spec: VectorIndexSpec, readonly shard: number, private readonly index: Index) {}

  /** An empty shard. */
  static create(spec: VectorIndexSpec, shard: number): IndexShard {
    return new IndexShard(spec, shard, newIndex(spec));
  }

  /** The shard as last saved, or an empty one if its files are missing, unreadable or of another layout. */
  static open(spec: VectorIndexSpec, shard: number): IndexShard {
    const manifest = readManifest(spec.storeDir, spec.oid, shard);
    if (!manifest || !matches(manifest, spec)) return IndexShard.create(spec, shard);
    const opened = IndexShard.create(spec, shard);
    try {
      opened.index.load(`${spec.storeDir}/vector-indexes/${spec.oid}/${manifest.file}`);
    } catch {
      return IndexShard.create(spec, shard);
    }
    for (const [id, rowCount, ...absent] of manifest.groups) opened.covered.set(id!, { rowCount: rowCount!, absent });
    opened.dead = manifest.deadRows ?? 0;
    return opened;
  }

  get size(): number {
    return this.index.size();
  }

  covers(groupId: number): boolean {
    return this.covered.has(groupId);
  }

  coveredGroups(): IterableIterator<number> {
    return this.covered.keys();
  }

  /** Rows of forgotten groups still in the graph. */
  get deadRows(): number {
    return this.dead;
  }

  /** Rows the graph holds outside `live`'s covered groups — dead ones included — (to ask for that many more candidates). */
  rowsOutside(live: { has(groupId: number): boolean }): number {
    let rows = this.dead;
    for (const [id, g] of this.covered) if (!live.has(id)) rows += g.rowCount - g.absent.length;
    return rows;
  }

  /** Rows of a covered group that have no score (NULL or zero embeddings), in row order. */
  absentRows(groupId: number): readonly number[] {
    return this.covered.get(groupId)?.absent ?? [];
  }

  /** Adds a row group: `rows` holds `rowCount` normalised rows of `stride` floats from `offset`; `present` marks the scored ones. */
  addGroup(groupId: number, rows: Float32Array, offset: number, stride: number, rowCount: number, present: Uint8Array): void {
    if (this.covered.has(groupId)) return;
    const dim = this.spec.dim;
    const keep: number[] = [];
    const absent: number[] = [];
    for (let r = 0; r < rowCount; r++) (present[r] ? keep : absent).push(r);
    if (keep.length > 0) {
      const vectors = new Float32Array(keep.length * dim);
      keep.forEach((r, i) => vectors.set(rows.subarray(offset + r * stride, offset + r * stride + dim), i * dim));
      this.index.add(BigUint64Array.from(keep, (r) => keyOf(groupId, r)), vectors, 1);
    }
    this.covered.set(groupId, { rowCount, absent });
    this.dirty = true;
  }

  /** Forgets a group: its rows stay in the graph as dead rows, never returned (see the header). */
  removeGroup(groupId: number): void {
    const group = this.covered.get(groupId);
    if (!group) return;
    this.dead += group.rowCount - group.absent.length;
    this.covered.delete(groupId);
    this.dirty = true;
  }

  /** About `wanted` nearest rows by inner product (approximate: HNSW), best first by the graph's own (quantised) distance. */
  search(query: Float32Array, wanted: number): ShardHit[] {
    const size = this.index.size();
    if (size === 0 || wanted <= 0) return [];
    const found = this.index.search(query, Math.min(wanted, size), 1);
    const hits: ShardHit[] = [];
    for (const key of found.keys) hits.push({ group: Number(key >> ROW_BITS), row: Number(key & ((1n << ROW_BITS) - 1n)) });
    return hits;
  }

  save(): void {
    const { storeDir, oid, tableId, columnId, dim, m, efConstruction, quantization, shards } = this.spec;
    const groups = [...this.covered].map(([id, g]) => [id, g.rowCount, ...g.absent]);
    saveShard(storeDir, { oid, tableId, columnId, dim, m, efConstruction, quantization, shards, shard: this.shard, groups, deadRows: this.dead },
      (path) => this.index.save(path));
    this.dirty = false;
  }
}

function keyOf(groupId: number, row: number): bigint {
  return (BigInt(groupId) << ROW_BITS) | BigInt(row);
}

function newIndex(spec: VectorIndexSpec): Index {
  return new usearch.Index({
    dimensions: spec.dim, metric: usearch.MetricKind.IP, quantization: spec.quantization as ScalarKind,
    connectivity: spec.m, expansion_add: spec.efConstruction, expansion_search: GRAPH_EXPANSION_SEARCH, multi: false,
  });
}

function matches(manifest: ShardManifest, spec: VectorIndexSpec): boolean {
  return manifest.oid === spec.oid && manifest.tableId === spec.tableId && manifest.columnId === spec.columnId &&
    manifest.dim === spec.dim && manifest.m === spec.m && manifest.efConstruction === spec.efConstruction &&
    manifest.quantization === spec.quantization && manifest.shards === spec.shards;
}
