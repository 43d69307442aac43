/**
 * The row groups of a top-k task as parallel typed arrays. A task crosses two MessagePorts each
 * way (engine thread → main thread → vector worker), and structured cloning copies an array of
 * objects field by field: at 1M rows a worker owns ~245 groups, and cloning them as objects cost
 * ~0.4 ms a hop on this machine against ~0.03 ms as typed arrays (ml/README Decision 23).
 *
 * @example
 * const packed = packScanGroups([{ id: 7, ordinal: 0, rowCount: 2048, hasColumn: true }]);
 * unpackScanGroups(packed)[0]; // { id: 7, ordinal: 0, rowCount: 2048, hasColumn: true }
 */

/** One row group of a top-k scan: its id, its position in the table's scan order, and its size. */
export interface TopKScanGroup {
  readonly id: number;
  readonly ordinal: number;
  readonly rowCount: number;
  /** False when the group predates the embedding column (every row reads as NULL). */
  readonly hasColumn: boolean;
}

/** Groups as columns: entry i of each array is group i (ids as doubles: any safe integer). */
export interface PackedScanGroups {
  readonly ids: Float64Array;
  readonly ordinals: Int32Array;
  readonly rowCounts: Int32Array;
  /** 1 when the group has the embedding column. */
  readonly hasColumn: Uint8Array;
}

export function packScanGroups(groups: readonly TopKScanGroup[]): PackedScanGroups {
  return {
    ids: Float64Array.from(groups, (g) => g.id),
    ordinals: Int32Array.from(groups, (g) => g.ordinal),
    rowCounts: Int32Array.from(groups, (g) => g.rowCount),
    hasColumn: Uint8Array.from(groups, (g) => (g.hasColumn ? 1 : 0)),
  };
}

/** The groups as objects again, in order (in the worker: built there, never cloned). */
export function unpackScanGroups(packed: PackedScanGroups): TopKScanGroup[] {
  return Array.from(packed.ids, (id, i) => ({
    id, ordinal: packed.ordinals[i]!, rowCount: packed.rowCounts[i]!, hasColumn: packed.hasColumn[i] === 1,
  }));
}
