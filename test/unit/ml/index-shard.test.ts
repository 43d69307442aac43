/**
 * IndexShard (ml/vector/index-shard.ts) on its own: groups added, forgotten, saved and reopened.
 * The sizes are the ones that aborted the process when forgetting called usearch's `remove`
 * (4,058 rows, 2,027 removed, saved, loaded): a forgotten group is never returned, is counted as
 * dead rows (so searches ask for that many more candidates), and survives a save and reopen.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { IndexShard, type VectorIndexSpec } from '../../../src/ml/inference/vector/index-shard.js';

const DIM = 32;

/** `rows` random unit rows of DIM floats and their presence flags (all present). */
function randomRows(rows: number): { data: Float32Array; present: Uint8Array } {
  const data = new Float32Array(rows * DIM);
  for (let r = 0; r < rows; r++) {
    let norm = 0;
    for (let d = 0; d < DIM; d++) norm += (data[r * DIM + d] = Math.random() * 2 - 1) ** 2;
    for (let d = 0; d < DIM; d++) data[r * DIM + d]! /= Math.sqrt(norm);
  }
  return { data, present: new Uint8Array(rows).fill(1) };
}

describe('IndexShard', () => {
  const storeDir = mkdtempSync(join(tmpdir(), 'index-shard-'));
  after(() => rmSync(storeDir, { recursive: true, force: true }));
  const spec: VectorIndexSpec = {
    storeDir, oid: 7, tableId: 1, columnId: 3, dim: DIM, m: 16, efConstruction: 64, quantization: 'f32', shards: 1,
  };

  it('a forgotten group is dead rows, never a hit, and stays so across save and open', () => {
    const shard = IndexShard.create(spec, 0);
    const kept = randomRows(2048);
    const dropped = randomRows(2010);
    shard.addGroup(2, kept.data, 0, DIM, 2048, kept.present);
    shard.addGroup(4, dropped.data, 0, DIM, 2010, dropped.present);
    shard.removeGroup(4);
    assert.equal(shard.deadRows, 2010);
    assert.equal(shard.rowsOutside(new Set([2])), 2010);
    shard.save();

    const reopened = IndexShard.open(spec, 0);
    assert.deepEqual([...reopened.coveredGroups()], [2]);
    assert.equal(reopened.deadRows, 2010);
    // A row of the forgotten group as the query: asking for every row, its group still comes back
    // from the graph (dead rows stay), which is why searches filter hits by covered group.
    const query = dropped.data.subarray(0, DIM);
    const hits = reopened.search(query, reopened.size);
    assert.equal(hits.length, 4058);
    assert.equal(hits[0]!.group, 4);
    assert.ok(hits.some((h) => h.group === 2 && h.row === 0));
  });
});
