/**
 * Where INSERT … ON CONFLICT finds the row a proposed row conflicts with: per arbiter unique
 * index, a hash map from key to the row holding it — a stored row (row group index, row index)
 * or one the statement inserted. Built from one scan of the key columns; kept current as the
 * statement inserts and updates rows. A key with a NULL never conflicts (NULLS DISTINCT).
 */
import { rowKey } from '../../functions/compare.js';
import type { StoredTable } from '../../storage/storage-api.js';
import type { Row } from '../../types/value.js';
import { batchTick, reserveMemory, type ExecContext } from '../exec-context.js';
import { keyBytes, type MemoryReservation } from '../memory-budget.js';

/** A row: `group` is the index of its row group in the table, or INSERTED for the statement's own rows. */
export interface RowLocation {
  readonly group: number;
  readonly row: number;
}

/** `RowLocation.group` of a row the statement inserted (`row` indexes its inserted rows). */
export const INSERTED = -1;

/** Bytes a map entry holds beyond its key string (the location object and the map slot). */
const ENTRY_BYTES = 64;

export class ConflictArbiter {
  private readonly maps: Map<string, RowLocation>[];

  private constructor(private readonly arbiters: readonly (readonly number[])[], private readonly memory: MemoryReservation) {
    this.maps = arbiters.map(() => new Map());
  }

  /** The arbiter for `table` with the keys of its stored rows. */
  static async open(table: StoredTable, arbiters: readonly (readonly number[])[], ctx: ExecContext): Promise<ConflictArbiter> {
    const arbiter = new ConflictArbiter(arbiters, reserveMemory(ctx, 'INSERT … ON CONFLICT'));
    const positions = [...new Set(arbiters.flat())];
    const columnIds = positions.map((p) => table.columns[p]!.id);
    for (let g = 0; g < table.rowGroups.length; g++) {
      let r = 0;
      for (const batch of ctx.run.txn.scan({ ...table, rowGroups: [table.rowGroups[g]!] }, columnIds)) {
        for (let i = 0; i < batch.rowCount; i++, r++) {
          const row: Row = [];
          positions.forEach((p, k) => { row[p] = batch.columns[k]![i]!; });
          arbiter.add(row, { group: g, row: r });
        }
        await batchTick(ctx);
      }
    }
    return arbiter;
  }

  /** The row `row`'s key matches in the first arbiter that has it, if any. */
  find(row: Row): RowLocation | undefined {
    for (let i = 0; i < this.arbiters.length; i++) {
      const key = this.keyOf(row, i);
      const hit = key === undefined ? undefined : this.maps[i]!.get(key);
      if (hit) return hit;
    }
    return undefined;
  }

  /** Records that `row` is at `at` (53200 past the statement's memory budget). */
  add(row: Row, at: RowLocation): void {
    for (let i = 0; i < this.arbiters.length; i++) {
      const key = this.keyOf(row, i);
      if (key === undefined) continue;
      this.memory.add(keyBytes(key) + ENTRY_BYTES);
      this.maps[i]!.set(key, at);
    }
  }

  /** Gives the maps' memory back to the statement's budget. */
  release(): void {
    this.memory.release();
  }

  /** Forgets the keys `row` (at `at`) held, before it is updated. */
  remove(row: Row, at: RowLocation): void {
    for (let i = 0; i < this.arbiters.length; i++) {
      const key = this.keyOf(row, i);
      const held = key === undefined ? undefined : this.maps[i]!.get(key);
      if (held && held.group === at.group && held.row === at.row) this.maps[i]!.delete(key!);
    }
  }

  private keyOf(row: Row, arbiter: number): string | undefined {
    const values = this.arbiters[arbiter]!.map((p) => row[p]!);
    return values.some((v) => v === null || v === undefined) ? undefined : rowKey(values);
  }
}
