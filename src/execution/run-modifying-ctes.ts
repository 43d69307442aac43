/**
 * A statement with data-modifying WITH items (`WITH t AS (DELETE … RETURNING …) …`): each item
 * runs first, once and to completion, its RETURNING rows kept in its work table for the
 * statement's WorkTableScan nodes; then the statement runs. Everything reads the snapshot taken
 * when the run started, so the statement sees the items' effects only through RETURNING — and a
 * later UPDATE or DELETE of the statement passes over the rows an item inserted (PostgreSQL's
 * one-snapshot rule; see commands/rewrite-table.ts).
 */
import type { ModifyingCte } from '../planner/logical/logical-plan.js';
import type { Row } from '../types/value.js';
import { checkCancelled, reserveMemory, type ExecContext } from './exec-context.js';
import type { CommandResult } from './statement-api.js';

type Run = (ctx: ExecContext) => AsyncGenerator<Row[], CommandResult, void>;

/** `statement` preceded by its items (`plan` plans each item's command). */
export async function* runWithModifyingCtes(ctes: readonly ModifyingCte[], plan: (cte: ModifyingCte) => Run, statement: Run,
  outer: ExecContext): AsyncGenerator<Row[], CommandResult, void> {
  const ctx: ExecContext = { ...outer, modifyingWith: { rewritten: new Set() } };
  const memory = reserveMemory(ctx, 'data-modifying WITH');
  try {
    for (const cte of ctes) {
      const rows: Row[] = [];
      const run = plan(cte)(ctx);
      for (let next = await run.next(); !next.done; next = await run.next()) {
        memory.addRows(next.value);
        for (const row of next.value) rows.push(row);
        checkCancelled(ctx);
      }
      ctx.workTables.set(cte.workTable, rows);
    }
    return yield* statement(ctx);
  } finally {
    memory.release();
  }
}
