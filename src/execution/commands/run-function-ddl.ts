/**
 * CREATE [OR REPLACE] FUNCTION / PROCEDURE, DROP FUNCTION / PROCEDURE / ROUTINE and ALTER …
 * RENAME against the catalog, with PostgreSQL's messages and command tags. Functions are
 * matched by name and input parameter types (format_type text; polymorphic ones by name).
 * OR REPLACE keeps the OID and bumps the version, so cached plans that inlined the old body
 * re-plan (plan-validity.ts).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { functionSignatureText, inputParameters, parameterTypeName, userFunctionsNamed } from '../../catalog/user-functions.js';
import { baseName } from '../../catalog/schemas.js';
import type { FunctionTarget, LogicalCreateFunction, LogicalDropFunction, LogicalRenameFunction } from '../../planner/logical/logical-functions.js';
import type { StoredFunction } from '../../storage/storage-api.js';
import { sameType } from '../../types/sql-type.js';
import type { ExecContext } from '../exec-context.js';
import type { CommandResult } from '../statement-api.js';
import { dropTriggers, triggersUsing } from './run-triggers.js';

function what(procedure: boolean | undefined): string {
  return procedure === true ? 'procedure' : procedure === false ? 'function' : 'routine';
}

function signatureOf(fn: Pick<StoredFunction, 'params' | 'procedure'>): string[] {
  return inputParameters(fn as StoredFunction).map(parameterTypeName);
}

function sameSignature(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/** The functions `target` names (several only when no argument list was written). */
function matching(ctx: ExecContext, target: FunctionTarget, procedure: boolean | undefined): StoredFunction[] {
  const named = userFunctionsNamed(ctx.run.txn.listObjects(), target.name).filter((f) => procedure === undefined || f.procedure === procedure);
  return target.argTypes ? named.filter((f) => sameSignature(signatureOf(f), target.argTypes!)) : named;
}

function targetText(target: FunctionTarget): string {
  return `${target.name}(${(target.argTypes ?? []).join(', ')})`;
}

/** The one function `target` names: 42883 when none, 42725 when the name alone is ambiguous. */
function single(ctx: ExecContext, target: FunctionTarget, procedure: boolean | undefined): StoredFunction | undefined {
  const found = matching(ctx, target, procedure);
  if (found.length > 1) {
    throw new SqlError(SQLSTATE.AmbiguousFunction, `${what(procedure)} name "${target.name}" is not unique`,
      { hint: `Specify the argument list to select the ${what(procedure)} unambiguously.` });
  }
  return found[0];
}

function missing(target: FunctionTarget, procedure: boolean | undefined): SqlError {
  const text = target.argTypes ? targetText(target) : target.name;
  return new SqlError(SQLSTATE.UndefinedFunction, `${what(procedure)} ${text} does not exist`);
}

export function runCreateFunction(plan: LogicalCreateFunction, ctx: ExecContext): CommandResult {
  const txn = ctx.run.txn;
  const def = plan.definition;
  const signature = signatureOf(def);
  const existing = userFunctionsNamed(txn.listObjects(), def.name).find((f) => sameSignature(signatureOf(f), signature));
  const tag = def.procedure ? 'CREATE PROCEDURE' : 'CREATE FUNCTION';
  if (!existing) {
    txn.putObject({ kind: 'function', id: txn.allocateOid(), version: 0, ...def });
    return { tag };
  }
  if (!plan.replace) {
    throw new SqlError(SQLSTATE.DuplicateFunction, `${def.procedure ? 'procedure' : 'function'} "${def.name}" already exists with same argument types`);
  }
  if (existing.procedure !== def.procedure) {
    throw new SqlError(SQLSTATE.WrongObjectType, `cannot change routine kind`,
      { detail: `"${def.name}" is a ${existing.procedure ? 'procedure' : 'function'}.` });
  }
  if (!sameType(existing.returns, def.returns) || existing.setof !== def.setof || existing.returnsPoly !== def.returnsPoly
    || (existing.returnsTrigger ?? false) !== (def.returnsTrigger ?? false)) {
    throw new SqlError(SQLSTATE.InvalidFunctionDefinition, 'cannot change return type of existing function',
      { hint: `Use DROP FUNCTION ${functionSignatureText(existing)} first.` });
  }
  txn.putObject({ ...existing, ...def, version: existing.version + 1 });
  return { tag };
}

export function runDropFunction(plan: LogicalDropFunction, ctx: ExecContext): CommandResult {
  const found: StoredFunction[] = [];
  for (const target of plan.targets) {
    const fn = single(ctx, target, plan.procedure);
    if (fn) {
      found.push(fn);
      continue;
    }
    if (!plan.ifExists) throw missing(target, plan.procedure);
    ctx.run.notice({ severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion,
      message: `${what(plan.procedure)} ${targetText(target)} does not exist, skipping` });
  }
  for (const fn of found) {
    const dependents = triggersUsing(ctx.run.txn.listTables(), fn.id);
    if (dependents.length > 0) dropDependentTriggers(fn, dependents, plan.cascade === true, ctx);
    ctx.run.txn.dropObject(fn);
  }
  return { tag: `DROP ${what(plan.procedure).toUpperCase()}` };
}

/** The triggers using `fn`: 2BP01 naming them, or (CASCADE) dropped with PostgreSQL's notice. */
function dropDependentTriggers(fn: StoredFunction, dependents: ReturnType<typeof triggersUsing>, cascade: boolean, ctx: ExecContext): void {
  const lines = dependents.map(({ table, trigger }) => `trigger ${trigger.name} on table ${baseName(ctx.run.txn.listObjects(), table.name)}`);
  const signature = functionSignatureText(fn);
  if (!cascade) {
    throw new SqlError(SQLSTATE.DependentObjectsStillExist, `cannot drop function ${signature} because other objects depend on it`, {
      detail: lines.map((l) => `${l} depends on function ${signature}`).join('\n'),
      hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
    });
  }
  ctx.run.notice(lines.length === 1
    ? { severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, message: `drop cascades to ${lines[0]!}` }
    : { severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion, message: `drop cascades to ${lines.length} other objects`,
      detail: lines.map((l) => `drop cascades to ${l}`).join('\n') });
  dropTriggers(dependents, ctx);
}

export function runRenameFunction(plan: LogicalRenameFunction, ctx: ExecContext): CommandResult {
  const fn = single(ctx, plan.target, plan.procedure);
  if (!fn) throw missing(plan.target, plan.procedure);
  const clash = userFunctionsNamed(ctx.run.txn.listObjects(), plan.newName).find((f) => sameSignature(signatureOf(f), signatureOf(fn)));
  if (clash) {
    throw new SqlError(SQLSTATE.DuplicateFunction,
      `${fn.procedure ? 'procedure' : 'function'} ${functionSignatureText({ ...fn, name: plan.newName })} already exists in schema "public"`);
  }
  ctx.run.txn.putObject({ ...fn, name: plan.newName, version: fn.version + 1 });
  return { tag: plan.procedure ? 'ALTER PROCEDURE' : 'ALTER FUNCTION' };
}
