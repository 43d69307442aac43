/**
 * pg_snapshot's functions (PostgreSQL 13+): pg_snapshot_xmin / _xmax, pg_snapshot_xip (a set
 * of xid8, one row per in-progress id) and pg_visible_in_snapshot(xid8, pg_snapshot) — ids
 * before xmin are visible, from xmax on not, between them unless listed as in progress.
 * pg_current_snapshot() is not provided: this store's snapshots are catalog versions, not sets
 * of transaction ids, so it would have no true answer.
 */
import { T } from '../../types/sql-type.js';
import { snapshotParts } from '../../types/pg-snapshot-codec.js';
import type { ScalarFunction, TableFunction } from '../function-types.js';
import { scalar } from '../overload-builders.js';

const immutable = { volatility: 'immutable' } as const;

function visibleInSnapshot(xid: bigint, snapshot: string): boolean {
  const { xmin, xmax, xip } = snapshotParts(snapshot);
  if (xid < xmin) return true;
  if (xid >= xmax) return false;
  return !xip.includes(xid);
}

export const pgSnapshotFunctions: readonly ScalarFunction[] = [
  { name: 'pg_snapshot_xmin', overloads: [scalar([T.pgSnapshot], T.xid8, ([s]) => snapshotParts(s as string).xmin, immutable)] },
  { name: 'pg_snapshot_xmax', overloads: [scalar([T.pgSnapshot], T.xid8, ([s]) => snapshotParts(s as string).xmax, immutable)] },
  {
    name: 'pg_visible_in_snapshot',
    overloads: [scalar([T.xid8, T.pgSnapshot], T.bool, ([x, s]) => visibleInSnapshot(x as bigint, s as string), immutable)],
  },
];

export const pgSnapshotTableFunctions: readonly TableFunction[] = [
  { name: 'pg_snapshot_xip', overloads: [{
    args: [T.pgSnapshot], returns: () => [T.xid8], strict: true,
    rows: (args) => snapshotParts(args[0] as string).xip.map((id) => [id]),
  }] },
];
