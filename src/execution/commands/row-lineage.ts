/**
 * Where the rows of row groups this transaction rewrote went. UPDATE and DELETE replace each
 * row group they touch with new ones (copy-on-write), so a row's store location
 * (planner/logical/row-location.ts) stops naming it as soon as any row of its group changes.
 * `WHERE CURRENT OF` must still find the cursor's row — and, as PostgreSQL follows a tuple's
 * update chain to its latest version (heap_get_latest_tid), the row's new version after an
 * UPDATE — so each rewrite records, per old row, its new location or that it is gone.
 *
 * Recorded only while the session has cursors open (the cost is one entry per row of each
 * rewritten group), per catalog transaction (a cursor never outlives its transaction unless
 * held, and a held cursor cannot be used with WHERE CURRENT OF). A savepoint rolled back
 * restores the old groups, which `followRowLocation` finds before any recorded move.
 */
import type { CatalogTransaction } from '../../catalog/catalog-transaction.js';
import type { RowLocation } from '../../planner/logical/row-location.js';
import type { RowGroupRef } from '../../storage/storage-api.js';
import type { ExecContext } from '../exec-context.js';

/** Old location key (`tableId:groupId`) → per row of that group, its new location or null (deleted, or moved out of the table). */
type Moves = Map<string, readonly (RowLocation | null)[]>;

const lineages = new WeakMap<CatalogTransaction, Moves>();

function groupKey(tableId: number, groupId: number): string {
  return `${tableId}:${groupId}`;
}

/**
 * Records one table's rewrite. Rows are appended to the table's writer in order; `note` says
 * where each row of an old group went: the number of the appended row it became, or gone.
 */
export class RowLineageRecorder {
  private appended = 0;
  private readonly pending: { readonly groupId: number; readonly to: (number | null)[] }[] = [];

  private constructor(private readonly moves: Moves, private readonly tableId: number) {}

  /** A recorder when the session has cursors open, else undefined (nothing to record). */
  static open(ctx: ExecContext, tableId: number): RowLineageRecorder | undefined {
    if (!ctx.run.listCursors || ctx.run.listCursors().length === 0) return undefined;
    const txn = ctx.run.txn;
    let moves = lineages.get(txn);
    if (!moves) lineages.set(txn, moves = new Map());
    return new RowLineageRecorder(moves, tableId);
  }

  /** Starts an old group of `rowCount` rows (all gone until noted otherwise). */
  startGroup(groupId: number, rowCount: number): void {
    this.pending.push({ groupId, to: new Array<number | null>(rowCount).fill(null) });
  }

  /** Row `index` of the current old group became the next appended row. */
  appendedFrom(index: number): void {
    this.pending[this.pending.length - 1]!.to[index] = this.appended++;
  }

  /** A row appended that is no old row of a rewritten group (keeps the count aligned). */
  appendedOther(): void {
    this.appended++;
  }

  /** The writer's groups are known: turns appended-row numbers into locations. */
  finish(groups: readonly RowGroupRef[]): void {
    const starts: number[] = [];
    let total = 0;
    for (const g of groups) {
      starts.push(total);
      total += g.rowCount;
    }
    const locate = (n: number): RowLocation | null => {
      let k = starts.length - 1;
      while (k > 0 && starts[k]! > n) k--;
      const group = groups[k];
      return group && n - starts[k]! < group.rowCount ? { tableId: this.tableId, groupId: group.id, index: n - starts[k]! } : null;
    };
    for (const { groupId, to } of this.pending) {
      this.moves.set(groupKey(this.tableId, groupId), to.map((n) => (n === null ? null : locate(n))));
    }
  }
}

/**
 * Where the row at `start` is now, as `txn` sees the table: itself while its group exists, else
 * where this transaction's rewrites moved it; null when it was deleted (or moved out), and
 * undefined when its group was rewritten by another transaction (not followed here).
 */
export function followRowLocation(txn: CatalogTransaction, start: RowLocation): RowLocation | null | undefined {
  const moves = lineages.get(txn);
  let at = start;
  for (;;) {
    const table = txn.getTableById(at.tableId);
    if (!table) return null;
    if (table.rowGroups.some((g) => g.id === at.groupId)) return at;
    const next = moves?.get(groupKey(at.tableId, at.groupId))?.[at.index];
    if (next === undefined) return undefined;
    if (next === null) return null;
    at = next;
  }
}
