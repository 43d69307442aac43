/**
 * Table scan: reads only the requested column ids, one row group at a time, turns the
 * column-major batch into rows, and applies a pushed-down filter per batch. Without a filter it
 * also offers the batches as they are (`executeColumns`) to consumers that need no rows.
 */
import { scanSystemTable } from '../../catalog/system/index.js';
import type { LogicalScan } from '../../planner/logical/logical-plan.js';
import type { Row } from '../../types/value.js';
import { batchTick, snapshotTable, type ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { layoutOf, type PhysicalOperator } from '../physical-operator.js';

export function physicalScan(plan: LogicalScan): PhysicalOperator {
  const columnIds = plan.output.map((c) => c.id);
  const filter = plan.filter ? compileExpr(plan.filter, layoutOf(columnIds)) : undefined;
  const system = plan.table.system;
  return {
    columnIds,
    // Without a filter the storage batches are already the output, column-major.
    ...(!system && !filter ? {
      async *executeColumns(ctx: ExecContext) {
        for (const batch of ctx.snapshot.scan(snapshotTable(ctx, plan.table), plan.columnIds)) {
          await batchTick(ctx);
          if (batch.rowCount > 0) yield batch;
        }
      },
    } : {}),
    async *execute(ctx: ExecContext) {
      // pg_catalog / information_schema relations are computed from the catalog, not stored.
      const batches = system
        ? scanSystemTable(system, plan.columnIds, {
          txn: ctx.snapshot, setting: (n) => ctx.run.setting(n), ...(ctx.run.listSettings ? { listSettings: () => ctx.run.listSettings!() } : {}),
          ...(ctx.run.server ? { server: ctx.run.server } : {}),
        })
        : ctx.snapshot.scan(snapshotTable(ctx, plan.table), plan.columnIds);
      for (const batch of batches) {
        await batchTick(ctx);
        const rows: Row[] = new Array<Row>(batch.rowCount);
        const width = batch.columns.length;
        for (let r = 0; r < batch.rowCount; r++) {
          const row: Row = new Array(width);
          for (let c = 0; c < width; c++) row[c] = batch.columns[c]![r]!;
          rows[r] = row;
        }
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
