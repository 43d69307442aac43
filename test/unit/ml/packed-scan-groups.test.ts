/**
 * A top-k task's row groups cross the MessagePorts as parallel typed arrays
 * (ml/inference/worker/packed-scan-groups.ts): packing and unpacking keep every field and the
 * order, ids beyond 32 bits included, and a packed task survives structured cloning whole.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packScanGroups, unpackScanGroups, type TopKScanGroup } from '../../../src/ml/inference/worker/packed-scan-groups.js';

describe('packed scan groups', () => {
  const groups: TopKScanGroup[] = [
    { id: 7, ordinal: 0, rowCount: 2048, hasColumn: true },
    { id: 2 ** 40 + 3, ordinal: 5, rowCount: 1, hasColumn: false },
    { id: 0, ordinal: 9, rowCount: 8191, hasColumn: true },
  ];

  it('unpack(pack(groups)) is the groups, in order', () => {
    assert.deepEqual(unpackScanGroups(packScanGroups(groups)), groups);
    assert.deepEqual(unpackScanGroups(packScanGroups([])), []);
  });

  it('a structured clone of the packed form unpacks to the same groups', () => {
    const cloned = structuredClone(packScanGroups(groups));
    assert.ok(cloned.ids instanceof Float64Array && cloned.hasColumn instanceof Uint8Array);
    assert.deepEqual(unpackScanGroups(cloned), groups);
  });
});
