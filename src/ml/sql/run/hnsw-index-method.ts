/**
 * `CREATE INDEX … USING hnsw (emb vector_cosine_ops)`: builds the index in the vector workers,
 * each indexing the row groups it owns into its shard (index-shard.ts), a few groups per task so
 * a cancel (57014) stops within a fraction of a second; cancelled or failed, every worker drops
 * what it built and nothing is saved. The statement's transaction then records the index; its
 * files are derived data beside the store, brought up to date by searches (ml/README.md).
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import type { ExecContext } from '../../../execution/exec-context.js';
import type { IndexMethod } from '../../../execution/index.js';
import { readVectorMatrix, type Store, type StoredIndex, type StoredTable } from '../../../storage/index.js';
import type { VectorIndexSpec } from '../../inference/vector/index-shard.js';
import type { IndexAbortTask, IndexBuildTask, VectorAck } from '../../inference/worker/worker-protocol.js';
import { clipRuntimeOf } from '../clip-services.js';

/** Row groups per build task (~8k rows): the unit a cancel waits for. */
const GROUPS_PER_BUILD_TASK = 4;

export const hnswIndexMethod: IndexMethod = {
  async build(table: StoredTable, index: StoredIndex, ctx: ExecContext): Promise<void> {
    const runtime = clipRuntimeOf(ctx.run.extensions);
    const storeDir = runtime.options.storeDir;
    if (!storeDir) throw new SqlError(SQLSTATE.FeatureNotSupported, 'hnsw indexes need a database stored in a directory');
    const columnId = index.columnIds[0]!;
    const dim = embeddingWidth(runtime.options.store, table, columnId);
    if (dim === 0) return; // no embeddings yet: searches index the rows as they come
    const vectors = runtime.vectorPool;
    const { m, efConstruction, quantization } = index.vector!;
    const spec: VectorIndexSpec = {
      storeDir, oid: index.oid, tableId: table.id, columnId, dim, m, efConstruction, quantization, shards: vectors.workers,
    };
    const byWorker = new Map<number, { id: number; rowCount: number }[]>();
    for (const g of table.rowGroups) {
      if (g.rowCount === 0 || !g.columnIds.includes(columnId)) continue;
      const worker = vectors.workerOf(g.id);
      byWorker.set(worker, [...(byWorker.get(worker) ?? []), { id: g.id, rowCount: g.rowCount }]);
    }
    const tasks: IndexBuildTask[] = [];
    for (const [worker, groups] of byWorker) {
      for (let i = 0; i < groups.length; i += GROUPS_PER_BUILD_TASK) {
        tasks.push({
          worker, index: spec, groups: groups.slice(i, i + GROUPS_PER_BUILD_TASK), begin: i === 0, finish: i + GROUPS_PER_BUILD_TASK >= groups.length,
        });
      }
    }
    try {
      await vectors.run<VectorAck, IndexBuildTask>('indexBuild', tasks, { signal: ctx.run.signal });
    } catch (err) {
      const aborts: IndexAbortTask[] = [...byWorker.keys()].map((worker) => ({ worker, oid: index.oid }));
      void vectors.run<VectorAck, IndexAbortTask>('indexAbort', aborts).catch(() => undefined);
      throw err;
    }
  },
};

/** The width of the column's embeddings (from the first chunk holding one), 0 if it holds none. */
function embeddingWidth(store: Store, table: StoredTable, columnId: number): number {
  for (const g of table.rowGroups) {
    if (!g.columnIds.includes(columnId)) continue;
    const raw = store.rawChunk(table.id, g.id, columnId);
    const matrix = raw && readVectorMatrix(raw);
    if (raw && !matrix) {
      throw new SqlError(SQLSTATE.DataException, `the embeddings in "${table.name}" have different lengths: an hnsw index needs one width`);
    }
    if (matrix && matrix.dim > 0) return matrix.dim;
  }
  return 0;
}
