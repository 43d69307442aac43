/**
 * Enforces PRIMARY KEY / UNIQUE constraints and unique indexes for one writing statement.
 * There is no index structure yet: the checker hashes the key of every row already in the
 * table (one scan of the key columns per statement), then checks each new row against that
 * set. Cost: O(rows in the table) time and memory per INSERT/UPDATE/COPY statement on a table
 * with a unique key — fine for BI-sized tables, the first thing a real index must fix.
 * Rows with a NULL in the key never conflict (NULLS DISTINCT, PostgreSQL's default).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { RowGroupRef, StoredIndex, StoredTable } from '../../storage/storage-api.js';
import { formatText } from '../../types/text-codec.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { rowKey } from '../../functions/compare.js';

interface KeySet {
  readonly index: StoredIndex;
  /** Positions of the key columns in the table's column order. */
  readonly positions: readonly number[];
  readonly seen: Set<string>;
}

export class UniqueChecker {
  private constructor(
    private readonly table: StoredTable, private readonly keys: readonly KeySet[], private readonly ctx: ExecContext,
    private readonly building: boolean,
  ) {}

  /**
   * A checker for `table`, or undefined when it has no unique index (nothing to check).
   * `building`: CREATE UNIQUE INDEX over existing rows (PostgreSQL words that error differently).
   */
  static forTable(table: StoredTable, ctx: ExecContext, building = false): UniqueChecker | undefined {
    const unique = (table.indexes ?? []).filter((i) => i.unique);
    if (unique.length === 0) return undefined;
    const keys = unique.map((index): KeySet => ({
      index, positions: index.columnIds.map((id) => table.columns.findIndex((c) => c.id === id)), seen: new Set(),
    }));
    return new UniqueChecker(table, keys, ctx, building);
  }

  /** Adds the keys of the rows in `groups` (rows that stay in the table). */
  seed(groups: readonly RowGroupRef[]): void {
    const columnIds = this.table.columns.map((c) => c.id);
    for (const batch of this.ctx.run.txn.scan({ ...this.table, rowGroups: groups }, columnIds)) {
      for (let r = 0; r < batch.rowCount; r++) this.add(batch.columns.map((c) => c[r]!));
    }
  }

  /** Records `row` (table column order); 23505 if its key is already present. */
  add(row: Row): void {
    for (const key of this.keys) {
      const values = key.positions.map((p) => row[p]!);
      if (values.some((v) => v === null)) continue;
      // The row key GROUP BY and joins use: equal exactly when `=` holds (1.0 = 1.00, '1 day' = '24 hours').
      const encoded = rowKey(values);
      if (key.seen.has(encoded)) throw this.violation(key, values);
      key.seen.add(encoded);
    }
  }

  /** PostgreSQL's 23505 with `Key (a, b)=(1, x) already exists.` (or `is duplicated.`) as detail. */
  private violation(key: KeySet, values: readonly Value[]): SqlError {
    const columns = key.index.columnIds.map((id) => this.table.columns.find((c) => c.id === id)!);
    const shown = values.map((v, i) => formatText(v, columns[i]!.type, this.ctx.textOptions));
    const message = this.building
      ? `could not create unique index "${key.index.name}"`
      : `duplicate key value violates unique constraint "${key.index.name}"`;
    return new SqlError(SQLSTATE.UniqueViolation, message, {
      detail: `Key (${columns.map((c) => c.name).join(', ')})=(${shown.join(', ')}) ${this.building ? 'is duplicated' : 'already exists'}.`,
      table: this.table.name, constraint: key.index.name,
    });
  }
}
