/**
 * Projection: computes one value per output column for each input row. A projection of plain
 * columns over an input that offers column batches (an unfiltered scan: `SELECT * FROM t`)
 * builds its rows straight from them, once, instead of from the input's rows, and offers the
 * picked columns as column batches itself (what a streamed result's DataRows are encoded from).
 */
import type { BoundColumnRef, BoundExpr } from '../../planner/logical/bound-expr.js';
import type { ScanOptions } from '../../storage/storage-api.js';
import type { Row, Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileExpr } from '../expression/compile-expr.js';
import { layoutOf, type PhysicalOperator } from '../physical-operator.js';
import { rowsFromColumns } from './rows-from-columns.js';

export function physicalProject(input: PhysicalOperator, exprs: readonly BoundExpr[], columnIds: readonly number[]): PhysicalOperator {
  const layout = layoutOf(input.columnIds);
  const compiled = exprs.map((e) => compileExpr(e, layout));
  const positions = exprs.every((e) => e.kind === 'ColumnRef' && layout.has(e.id))
    ? exprs.map((e) => layout.get((e as BoundColumnRef).id)!) : undefined;
  const columnInput = positions ? input.executeColumns : undefined;
  return {
    columnIds,
    ...(columnInput ? {
      async *executeColumns(ctx: ExecContext, options?: ScanOptions) {
        for await (const batch of columnInput(ctx, options)) {
          const columns = positions!.map((p) => batch.columns[p]!);
          const slices = batch.textSlices;
          yield slices ? { rowCount: batch.rowCount, columns, textSlices: positions!.map((p) => slices[p]) } : { rowCount: batch.rowCount, columns };
        }
      },
    } : {}),
    async *execute(ctx: ExecContext) {
      if (positions && input.executeColumns) {
        for await (const batch of input.executeColumns!(ctx)) yield rowsFromColumns(batch, positions);
        return;
      }
      for await (const batch of input.execute(ctx)) {
        const columns: Value[][] = [];
        for (const c of compiled) columns.push(await c(batch, ctx));
        const rows: Row[] = new Array<Row>(batch.length);
        for (let r = 0; r < batch.length; r++) {
          const row: Row = new Array(columns.length);
          for (let c = 0; c < columns.length; c++) row[c] = columns[c]![r]!;
          rows[r] = row;
        }
        yield rows;
      }
    },
  };
}
