/**
 * Table scan: reads only the requested column ids, one row group at a time, turns the
 * column-major batch into rows, and applies a pushed-down filter per batch. Without a filter it
 * also offers the batches as they are (`executeColumns`) to consumers that need no rows.
 * A scan of a table that others inherit from (no ONLY) reads each of them in turn, as the
 * run's snapshot has them: their columns matched to the table's by name (scan-members.ts);
 * the system column `tableoid` is filled with each member's OID.
 *
 * With a filter, a stored table's row group is read in two steps: the columns the filter reads
 * first, the others only if some row passed (late materialisation). A point query over a table
 * with a text column then decodes the text chunks of the one group holding its row, not of all.
 * Only a scan of one member without `tableoid` does so (the common case).
 */
import { scanSystemTable } from '../../catalog/system/index.js';
import type { LogicalScan } from '../../planner/logical/logical-plan.js';
import type { ColumnBatch, ScanOptions, StoredTable } from '../../storage/storage-api.js';
import type { Row } from '../../types/value.js';
import { batchTick, snapshotTable, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import type { CompiledExpr } from '../expression/compiled-expr.js';
import { layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { rowsFromColumns } from './rows-from-columns.js';
import { scanMembers, scansOneTable } from './scan-members.js';
import { referencedIds } from '../../planner/logical/map-expr.js';
import { ROW_LOCATION_COLUMN_ID } from '../../planner/logical/planned-table.js';
import { encodeRowLocation } from '../../planner/logical/row-location.js';

export function physicalScan(plan: LogicalScan): PhysicalOperator {
  const columnIds = plan.output.map((c) => c.id);
  const filter = plan.filter ? compileExpr(plan.filter, layoutOf(columnIds)) : undefined;
  const system = plan.table.system;
  const late = plan.filter && !system ? lateColumns(plan, columnIds) : undefined;
  /** The scanned batches, column-major, from every member of the scan. */
  const batches = (ctx: ExecContext, options?: ScanOptions): Iterable<ColumnBatch> => (system
    ? scanSystemTable(system, plan.columnIds, {
      txn: ctx.snapshot, setting: (n) => ctx.run.setting(n), ...(ctx.run.listSettings ? { listSettings: () => ctx.run.listSettings!() } : {}),
      ...(ctx.run.listCursors ? { listCursors: () => ctx.run.listCursors!() } : {}),
      ...(ctx.run.server ? { server: ctx.run.server } : {}),
    })
    : scanMembers(ctx.snapshot, snapshotTable(ctx, plan.table), plan.columnIds, plan.inherit === true, options));
  return {
    columnIds,
    // Without a filter the storage batches are already the output, column-major.
    ...(!system && !filter ? {
      async *executeColumns(ctx: ExecContext, options?: ScanOptions) {
        for (const batch of batches(ctx, options)) {
          await batchTick(ctx);
          if (batch.rowCount > 0) yield batch;
        }
      },
    } : {}),
    async *execute(ctx: ExecContext) {
      const table = system ? undefined : snapshotTable(ctx, plan.table);
      if (late && filter && table && !table.sequence && scansOneTable(ctx.snapshot, table, storedIds(plan.columnIds), plan.inherit === true)) {
        yield* lateScan(ctx, table, plan.columnIds, late, filter);
        return;
      }
      for (const batch of batches(ctx)) {
        await batchTick(ctx);
        const rows = rowsFromColumns(batch);
        if (!filter) {
          if (rows.length > 0) yield rows;
          continue;
        }
        const keep = await filter(rows, ctx);
        const kept = rows.filter((_, i) => keep[i] === true);
        if (kept.length > 0) yield kept;
      }
    },
  };
}

/** The ids a scan reads from storage (a cursor's row location is made by the scan itself). */
function storedIds(columnIds: readonly number[]): readonly number[] {
  return columnIds.filter((id) => id !== ROW_LOCATION_COLUMN_ID);
}

/** Output positions the filter reads and those it does not; undefined when the split saves nothing. */
interface LateColumns { readonly first: readonly number[]; readonly rest: readonly number[] }

function lateColumns(plan: LogicalScan, outputIds: readonly number[]): LateColumns | undefined {
  const read = referencedIds(plan.filter!);
  const first: number[] = [];
  const rest: number[] = [];
  outputIds.forEach((id, i) => (read.has(id) ? first : rest).push(i));
  return rest.length > 0 ? { first, rest } : undefined;
}

type Filter = CompiledExpr;

async function* lateScan(
  ctx: ExecContext, table: StoredTable, storageIds: readonly number[], late: LateColumns, filter: Filter,
): AsyncGenerator<Row[]> {
  const width = storageIds.length;
  const firstIds = late.first.map((i) => storageIds[i]!);
  // A cursor's row locations (never filtered on) are made here, not read.
  const located = late.rest.filter((i) => storageIds[i] === ROW_LOCATION_COLUMN_ID);
  const rest = late.rest.filter((i) => storageIds[i] !== ROW_LOCATION_COLUMN_ID);
  const restIds = rest.map((i) => storageIds[i]!);
  for (const group of table.rowGroups) {
    await batchTick(ctx);
    const one = { ...table, rowGroups: [group] };
    const batch = onlyBatch(ctx.snapshot.scan(one, firstIds));
    // Rows as wide as the output, holding only the filter's columns until a row is kept.
    const rows: Row[] = new Array<Row>(batch.rowCount);
    for (let r = 0; r < batch.rowCount; r++) {
      const row: Row = new Array(width);
      for (let c = 0; c < late.first.length; c++) row[late.first[c]!] = batch.columns[c]![r]!;
      rows[r] = row;
    }
    const keep = await filter(rows, ctx);
    const kept: Row[] = [];
    const keptAt: number[] = [];
    for (let r = 0; r < rows.length; r++) if (keep[r] === true) { kept.push(rows[r]!); keptAt.push(r); }
    if (kept.length === 0) continue;
    // Only the kept rows' values: a text column's other rows are never decoded.
    const restBatch = onlyBatch(ctx.snapshot.scan(one, restIds, keptAt));
    for (let k = 0; k < kept.length; k++) {
      const row = kept[k]!;
      for (let c = 0; c < rest.length; c++) row[rest[c]!] = restBatch.columns[c]![k]!;
      for (const i of located) row[i] = encodeRowLocation(table.id, group.id, keptAt[k]!);
    }
    yield kept;
  }
}

function onlyBatch(batches: Iterable<ColumnBatch>): ColumnBatch {
  for (const batch of batches) return batch;
  return { rowCount: 0, columns: [] };
}
