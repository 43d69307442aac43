/**
 * Row-group-level merging of concurrent writes to one table. Two transactions that both wrote
 * table T used to conflict whenever they overlapped in time (first committer wins on whole
 * tables); with sessions on several engine threads that made concurrent INSERTs into one table
 * fail with 40001, which PostgreSQL never does. Now, at commit, a table whose version moved
 * since this transaction's snapshot is merged instead when both sides only changed data:
 *
 *   merged = latest row groups − the groups this transaction replaced or deleted + its new groups
 *
 * It still conflicts (40001) when the same row group was rewritten by both (two UPDATE/DELETEs
 * reaching the same rows' group — a row-group lock, coarser than PostgreSQL's row locks) or when
 * either side changed the table's definition. PRIMARY KEY / UNIQUE keys this transaction added
 * are checked against the rows added concurrently (23505), so two sessions cannot both commit the
 * same key. `foreignKeyHazard` covers what FOREIGN KEY checks against an old snapshot could miss,
 * whether or not the table itself moved.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { rowKey } from '../functions/compare.js';
import type { ColumnBatch, RowGroupRef, StoredTable } from '../storage/storage-api.js';
import type { Value } from '../types/value.js';

/** Reads some row groups' columns inside the committing write transaction. */
export type GroupReader = (table: StoredTable, groups: readonly RowGroupRef[], columnIds: readonly number[]) => Iterable<ColumnBatch>;

/**
 * The table to commit when `before` (this transaction's snapshot) moved to `latest` under it
 * and this transaction made it `after`; undefined when the two cannot be merged (the caller
 * raises 40001).
 * @throws SqlError 23505 when a unique key this transaction added was added concurrently too
 */
export function mergeConcurrentWrites(before: StoredTable, after: StoredTable, latest: StoredTable, read: GroupReader): StoredTable | undefined {
  if (!sameDefinition(before, after) || !sameDefinition(before, latest)) return undefined;
  const beforeIds = new Set(before.rowGroups.map((g) => g.id));
  const afterIds = new Set(after.rowGroups.map((g) => g.id));
  const latestIds = new Set(latest.rowGroups.map((g) => g.id));
  const removed = [...beforeIds].filter((id) => !afterIds.has(id));
  // A group this transaction replaced that is gone now was rewritten by the other side too.
  if (removed.some((id) => !latestIds.has(id))) return undefined;
  const added = after.rowGroups.filter((g) => !beforeIds.has(g.id));
  const concurrent = latest.rowGroups.filter((g) => !beforeIds.has(g.id));
  checkUniqueKeys(after, added, concurrent, read);
  const dropped = new Set(removed);
  return { ...latest, rowGroups: [...latest.rowGroups.filter((g) => !dropped.has(g.id)), ...added] };
}

/** Everything but the rows (and the version) is the same. */
function sameDefinition(a: StoredTable, b: StoredTable): boolean {
  const { rowGroups: _a, version: _av, ...restA } = a;
  const { rowGroups: _b, version: _bv, ...restB } = b;
  return JSON.stringify(restA, bigintSafe) === JSON.stringify(restB, bigintSafe);
}

function bigintSafe(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}

/**
 * Whether this transaction's write to a table (from `before` to `after`) relied on a FOREIGN KEY
 * check that a concurrent commit may have made stale: it added rows referencing a table that lost
 * rows since the snapshot (the parent key may be gone), or it removed rows from a table whose
 * referencing tables gained rows since (a new child may point at them). Row-group granularity:
 * conservative, never unsafe.
 */
export function foreignKeyHazard(before: StoredTable, after: StoredTable, base: ReadonlyMap<number, StoredTable>,
  current: ReadonlyMap<number, StoredTable>): boolean {
  const ids = (t: StoredTable | undefined) => new Set((t?.rowGroups ?? []).map((g) => g.id));
  const lostRows = (id: number) => {
    const now = ids(current.get(id));
    return [...ids(base.get(id))].some((g) => !now.has(g)) || !current.has(id);
  };
  const gainedRows = (id: number) => {
    const then = ids(base.get(id));
    return [...ids(current.get(id))].some((g) => !then.has(g));
  };
  const beforeIds = ids(before);
  const afterIds = ids(after);
  const added = [...afterIds].some((g) => !beforeIds.has(g));
  const removed = [...beforeIds].some((g) => !afterIds.has(g));
  if (added) {
    for (const c of after.constraints ?? []) {
      if (c.type === 'f' && c.references && c.references.tableId !== after.id && lostRows(c.references.tableId)) return true;
    }
  }
  if (removed) {
    for (const other of current.values()) {
      if (other.id === after.id || !base.has(other.id)) continue;
      if ((other.constraints ?? []).some((c) => c.type === 'f' && c.references?.tableId === after.id) && gainedRows(other.id)) return true;
    }
  }
  return false;
}

/** 23505 when a key of `added` rows also appears among `concurrent` rows, for every unique index. */
function checkUniqueKeys(table: StoredTable, added: readonly RowGroupRef[], concurrent: readonly RowGroupRef[], read: GroupReader): void {
  if (added.length === 0 || concurrent.length === 0) return;
  for (const index of (table.indexes ?? []).filter((i) => i.unique)) {
    const theirs = new Set<string>();
    for (const key of keysOf(table, concurrent, index.columnIds, read)) theirs.add(key.text);
    for (const key of keysOf(table, added, index.columnIds, read)) {
      if (!theirs.has(key.text)) continue;
      const names = index.columnIds.map((id) => table.columns.find((c) => c.id === id)?.name ?? '?').join(', ');
      throw new SqlError(SQLSTATE.UniqueViolation, `duplicate key value violates unique constraint "${index.name}"`, {
        detail: `Key (${names})=(${key.values.map((v) => String(v)).join(', ')}) already exists.`,
        table: table.name, constraint: index.name,
      });
    }
  }
}

/** The non-NULL keys of some row groups (a key with a NULL never conflicts). */
function* keysOf(table: StoredTable, groups: readonly RowGroupRef[], columnIds: readonly number[],
  read: GroupReader): Generator<{ text: string; values: readonly Value[] }> {
  for (const batch of read(table, groups, columnIds)) {
    for (let r = 0; r < batch.rowCount; r++) {
      const values = batch.columns.map((c) => c[r]!);
      if (values.some((v) => v === null)) continue;
      yield { text: rowKey(values), values };
    }
  }
}
