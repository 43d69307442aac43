/**
 * INSERT … ON CONFLICT: the arbiter unique indexes (inferred from a column list, named by ON
 * CONSTRAINT, or every unique index for a bare DO NOTHING) and DO UPDATE's SET and WHERE, which
 * see the existing row under the target's name (or alias) and the proposed row as `excluded`.
 * There are no expression, partial or exclusion indexes here, so a target naming an expression
 * matches nothing (42P10, as in PostgreSQL without such an index) and `(cols) WHERE …` is
 * satisfied by a plain unique index on the columns, as PostgreSQL's inference allows.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { OnConflict } from '../../parser/ast.js';
import type { StoredTable } from '../../types/stored-table.js';
import type { LogicalOnConflict, OutputColumn } from '../logical/logical-plan.js';
import { bindAssignments } from './bind-assignments.js';
import type { BindContext } from './bind-context.js';
import { bindExpr } from './expression/bind-expression.js';
import { coerceToBool } from './expression/coerce.js';
import { Scope } from './scope.js';

/** Binds `clause` for an INSERT into `table`, whose rows are seen under `row` by the name `name`. */
export function bindOnConflict(bind: BindContext, clause: OnConflict, table: StoredTable, name: string,
  row: readonly OutputColumn[]): LogicalOnConflict {
  if (table.partitionKey || table.partitionBound) {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'INSERT … ON CONFLICT into a partitioned table or a partition is not supported');
  }
  const arbiters = arbiterIndexes(bind, clause, table, name, row);
  if (clause.action === 'nothing') return { action: 'nothing', arbiters, excluded: [], assignments: [] };
  const excluded = row.map((c): OutputColumn => ({ ...c, id: bind.newId() }));
  const scope = new Scope([{ alias: name, columns: row }, { alias: 'excluded', columns: excluded }]);
  const ctx = { bind, scope, clause: 'UPDATE' };
  const assignments = bindAssignments(ctx, table, row, clause.assignments ?? []);
  const where = clause.where ? coerceToBool(bind, bindExpr(clause.where, { ...ctx, clause: 'WHERE' }), 'WHERE') : undefined;
  return { action: 'update', arbiters, excluded, assignments, ...(where ? { where } : {}) };
}

/** The key positions (table column order) of each arbiter index. */
function arbiterIndexes(bind: BindContext, clause: OnConflict, table: StoredTable, name: string,
  row: readonly OutputColumn[]): number[][] {
  const unique = (table.indexes ?? []).filter((i) => i.unique);
  const positions = (ids: readonly number[]) => ids.map((id) => table.columns.findIndex((c) => c.id === id));
  if (clause.constraint !== undefined) {
    const constraint = (table.constraints ?? []).find((c) => c.name === clause.constraint);
    const index = constraint ? unique.find((i) => i.oid === constraint.indexOid)
      : unique.find((i) => i.name === clause.constraint);
    if (!constraint && !index) {
      throw new SqlError(SQLSTATE.UndefinedObject, `constraint "${clause.constraint}" for table "${table.name}" does not exist`);
    }
    if (!index) throw new SqlError(SQLSTATE.WrongObjectType, 'constraint in ON CONFLICT clause has no associated index');
    return [positions(index.columnIds)];
  }
  if (!clause.target) {
    if (clause.action === 'update') {
      throw new SqlError(SQLSTATE.SyntaxError, 'ON CONFLICT DO UPDATE requires inference specification or constraint name',
        { hint: 'For example, ON CONFLICT (column_name).' });
    }
    return unique.map((i) => positions(i.columnIds));
  }
  // The elements are read over the target row alone (a misspelt column is 42703 before anything else).
  const ctx = { bind, scope: new Scope([{ alias: name, columns: row }]), clause: 'ON CONFLICT' };
  const columns = new Set<number>();
  let expression = false;
  for (const element of clause.target) {
    if ('expr' in element) {
      bindExpr(element.expr, ctx);
      expression = true;
      continue;
    }
    const index = table.columns.findIndex((c) => c.name === element.column);
    if (index < 0) throw new SqlError(SQLSTATE.UndefinedColumn, `column "${element.column}" does not exist`, { position: bind.positionOf(element.column) });
    columns.add(index);
  }
  if (clause.targetWhere) coerceToBool(bind, bindExpr(clause.targetWhere, { ...ctx, clause: 'WHERE' }), 'WHERE');
  // Every unique index whose key columns are exactly the listed ones (in any order) is an arbiter.
  const matching = expression ? [] : unique.filter((i) => {
    const key = new Set(positions(i.columnIds));
    return key.size === columns.size && [...key].every((p) => columns.has(p));
  });
  if (matching.length === 0) {
    throw new SqlError(SQLSTATE.InvalidColumnReference, 'there is no unique or exclusion constraint matching the ON CONFLICT specification');
  }
  return matching.map((i) => positions(i.columnIds));
}
