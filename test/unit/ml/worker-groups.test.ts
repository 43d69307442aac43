/**
 * A SEARCH top-k's row groups split by worker (ml/sql/run/worker-groups.ts): the unfiltered
 * split is reused for the same row-group list and never for another (a commit's new list, an
 * embedding column of another id, another worker count), and a filtered split is never kept.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupsByWorker } from '../../../src/ml/sql/run/worker-groups.js';
import type { VectorPool } from '../../../src/ml/inference/pool/vector-pool.js';
import type { RowGroupRef, StoredTable } from '../../../src/storage/storage-api.js';

const pool = (workers: number) => ({ workers, workerOf: (id: number) => id % workers }) as unknown as VectorPool;
const group = (id: number, rowCount = 2048, columnIds = [1, 2]) => ({ id, rowCount, columnIds }) as unknown as RowGroupRef;
const tableOf = (rowGroups: RowGroupRef[]) => ({ id: 1, rowGroups }) as unknown as StoredTable;

describe('worker groups', () => {
  it('splits by owning worker in scan order, skipping empty groups, and packs each list', () => {
    const split = groupsByWorker(tableOf([group(10), group(11), group(12, 0), group(13, 5, [1])]), 2, pool(2));
    assert.deepEqual(split.get(0)!.groups, [{ id: 10, ordinal: 0, rowCount: 2048, hasColumn: true }]);
    assert.deepEqual(split.get(1)!.groups, [
      { id: 11, ordinal: 1, rowCount: 2048, hasColumn: true }, { id: 13, ordinal: 3, rowCount: 5, hasColumn: false },
    ]);
    assert.deepEqual([...split.get(1)!.packed.ids], [11, 13]);
  });

  it('reuses the split for the same list only', () => {
    const groups = [group(20), group(21)];
    const table = tableOf(groups);
    const first = groupsByWorker(table, 2, pool(2));
    assert.equal(groupsByWorker(tableOf(groups), 2, pool(2)), first);
    // A commit makes a new list: its new group is there.
    const next = groupsByWorker(tableOf([...groups, group(22)]), 2, pool(2));
    assert.notEqual(next, first);
    assert.deepEqual(next.get(0)!.groups.map((g) => g.id), [20, 22]);
    assert.notEqual(groupsByWorker(table, 1, pool(2)), first);
    assert.notEqual(groupsByWorker(table, 2, pool(3)), first);
  });

  it('leaves out the groups a filter rules out and does not keep that split', () => {
    const table = tableOf([group(30), group(31), group(32)]);
    const filtered = groupsByWorker(table, 2, pool(2), (ordinal) => ordinal === 0);
    assert.deepEqual(filtered.get(0)?.groups.map((g) => g.id), [32]);
    const whole = groupsByWorker(table, 2, pool(2));
    assert.deepEqual(whole.get(0)!.groups.map((g) => g.id), [30, 32]);
  });
});
