/**
 * CREATE OPERATOR and DROP OPERATOR against the catalog, with PostgreSQL's messages: an
 * operator is named by its symbol and argument types (42723 when it exists, 42883 when DROP
 * finds none). Binding records the operators of a symbol a plan used (plan-validity.ts), so a
 * DROP re-plans statements that used the dropped one.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { userOperatorsNamed } from '../../catalog/user-functions.js';
import type { LogicalCreateOperator, LogicalDropOperator } from '../../planner/logical/logical-functions.js';
import type { StoredOperator } from '../../storage/storage-api.js';
import { formatTypeName, sameType, type SqlType } from '../../types/sql-type.js';
import type { ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';

function sameOperands(op: StoredOperator, left: SqlType | undefined, right: SqlType): boolean {
  const sameLeft = op.left && left ? sameType(op.left, left) : op.left === left;
  return sameLeft && sameType(op.right, right);
}

function operandsText(left: SqlType | undefined, right: SqlType): string {
  return `${left ? formatTypeName(left) : 'NONE'}, ${formatTypeName(right)}`;
}

export function runCreateOperator(plan: LogicalCreateOperator, ctx: ExecContext): CommandResult {
  const def = plan.definition;
  const txn = ctx.run.txn;
  if (userOperatorsNamed(txn.listObjects(), def.name).some((o) => sameOperands(o, def.left, def.right))) {
    throw new SqlError(SQLSTATE.DuplicateFunction, `operator ${def.name} already exists`);
  }
  txn.putObject({ kind: 'operator', id: txn.allocateOid(), version: 0, ...def });
  return { tag: 'CREATE OPERATOR' };
}

export function runDropOperator(plan: LogicalDropOperator, ctx: ExecContext): CommandResult {
  const found: StoredOperator[] = [];
  for (const target of plan.targets) {
    const op = userOperatorsNamed(ctx.run.txn.listObjects(), target.name).find((o) => sameOperands(o, target.left, target.right));
    if (op) {
      found.push(op);
      continue;
    }
    const text = `${target.name}(${operandsText(target.left, target.right)})`;
    if (!plan.ifExists) throw new SqlError(SQLSTATE.UndefinedFunction, `operator does not exist: ${text}`);
    ctx.run.notice({ severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, message: `operator ${text} does not exist, skipping` });
  }
  for (const op of found) ctx.run.txn.dropObject(op);
  return { tag: 'DROP OPERATOR' };
}
