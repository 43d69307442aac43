/**
 * Data-modifying WITH items (`WITH t AS (INSERT | UPDATE | DELETE … RETURNING …) …`), as
 * PostgreSQL runs them: only in the statement's top-level WITH (0A000 elsewhere), each bound
 * once and run once, to completion, before the statement whether it is read or not. A
 * reference to one reads its RETURNING rows (a WorkTableScan over the work table the
 * executor fills), never the table it changed: the statement reads one snapshot.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { CommonTableExpr, DataModifyingStatement } from '../../parser/ast.js';
import type { LogicalCommand, LogicalPlan, ModifyingCte, OutputColumn } from '../logical/logical-plan.js';
import type { BindContext } from './bind-context.js';
import { bindDelete } from './bind-delete.js';
import { bindInsert } from './bind-insert.js';
import { bindUpdate } from './bind-update.js';
import { isModifying } from './check-modifying-cte.js';
import { checkRecursiveCte } from './check-recursive-cte.js';

export { isModifying };

/**
 * Binds a statement (`fn`) under its top-level WITH: the items are visible to all of it, and
 * the data-modifying ones are bound in order and attached to the command it returns.
 */
export function bindUnderStatementWith<C extends LogicalCommand & { modifyingCtes?: readonly ModifyingCte[] }>(
  bind: BindContext, ctes: readonly CommonTableExpr[] | undefined, fn: () => C,
): C {
  if (!ctes) return fn();
  bind.topLevelWith = ctes;
  bind.pushCtes(ctes);
  let command: C;
  try {
    for (const cte of ctes) if (isModifying(cte.query)) boundModifyingCte(bind, cte);
    command = fn();
  } finally {
    bind.popCtes();
  }
  const modifying = bind.modifyingCteOrder;
  return modifying.length === 0 ? command : { ...command, modifyingCtes: [...modifying] };
}

/** A FROM reference to a data-modifying item: a scan of its RETURNING rows. */
export function modifyingCteScan(bind: BindContext, cte: CommonTableExpr): LogicalPlan {
  const bound = boundModifyingCte(bind, cte);
  const returning = bound.command.returning;
  if (!returning) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `WITH query "${cte.name}" does not have a RETURNING clause`,
      bind.positionOf(cte.name) === undefined ? {} : { position: bind.positionOf(cte.name)! });
  }
  if (cte.columns && cte.columns.length > returning.output.length) {
    throw new SqlError(SQLSTATE.InvalidColumnReference,
      `WITH query "${cte.name}" has ${returning.output.length} columns available but ${cte.columns.length} columns specified`);
  }
  const output: OutputColumn[] = returning.output.map((c, i) => ({
    id: bind.newId(), name: cte.columns?.[i] ?? c.name, type: c.type, tableOid: 0, attnum: 0,
  }));
  return { kind: 'WorkTableScan', workTable: bound.workTable, name: cte.name, output };
}

/** The item bound (once; an item it reads is bound, and so runs, before it). */
function boundModifyingCte(bind: BindContext, cte: CommonTableExpr): ModifyingCte {
  const known = bind.modifyingCtes.get(cte);
  if (known) return known;
  const query = cte.query as DataModifyingStatement;
  if (cte.recursive) checkRecursiveCte(cte);
  const command = bind.withoutCte(cte, () => {
    bind.writing = true;
    // The statement's own (plain) WITH, visible to it alone.
    if (query.with) bind.pushCtes(query.with);
    try {
      switch (query.kind) {
        case 'Insert': return bindInsert(bind, query);
        case 'Update': return bindUpdate(bind, query);
        case 'Delete': return bindDelete(bind, query);
      }
    } finally {
      if (query.with) bind.popCtes();
    }
  });
  const bound: ModifyingCte = { name: cte.name, workTable: bind.newWorkTableId(), command };
  bind.modifyingCtes.set(cte, bound);
  bind.modifyingCteOrder.push(bound);
  return bound;
}
