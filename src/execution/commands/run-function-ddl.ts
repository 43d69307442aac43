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

function what(procedure: boolean | undefined, aggregate = false): string {
  if (aggregate) return 'aggregate';
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

function missing(target: FunctionTarget, procedure: boolean | undefined, aggregate = false): SqlError {
  const text = target.argTypes ? targetText(target) : target.name;
  const shown = aggregate && target.argTypes?.length === 0 ? `${target.name}(*)` : text;
  return new SqlError(SQLSTATE.UndefinedFunction, `${what(procedure, aggregate)} ${shown} does not exist`);
}

export function runCreateFunction(plan: LogicalCreateFunction, ctx: ExecContext): CommandResult {
  const txn = ctx.run.txn;
  const def = plan.definition;
  const signature = signatureOf(def);
  const existing = userFunctionsNamed(txn.listObjects(), def.name).find((f) => sameSignature(signatureOf(f), signature));
  const tag = def.aggregate ? 'CREATE AGGREGATE' : def.procedure ? 'CREATE PROCEDURE' : 'CREATE FUNCTION';
  if (!existing) {
    txn.putObject({ kind: 'function', id: txn.allocateOid(), version: 0, ...def });
    return { tag };
  }
  if (!plan.replace) {
    throw new SqlError(SQLSTATE.DuplicateFunction, `${def.procedure ? 'procedure' : 'function'} "${def.name}" already exists with same argument types`);
  }
  if (existing.procedure !== def.procedure || (existing.aggregate === undefined) !== (def.aggregate === undefined)) {
    const kind = existing.procedure ? 'a procedure' : existing.aggregate ? 'an aggregate function' : def.aggregate ? 'an ordinary function' : 'a function';
    throw new SqlError(SQLSTATE.WrongObjectType, `cannot change routine kind`, { detail: `"${def.name}" is ${kind}.` });
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
  const aggregate = plan.aggregate ?? false;
  const found: StoredFunction[] = [];
  for (const target of plan.targets) {
    const fn = single(ctx, target, plan.procedure);
    if (fn && aggregate !== (fn.aggregate !== undefined)) {
      throw new SqlError(SQLSTATE.WrongObjectType, aggregate ? `function ${functionSignatureText(fn)} is not an aggregate`
        : `${functionSignatureText(fn)} is an aggregate function`, aggregate ? {} : { hint: 'Use DROP AGGREGATE to drop aggregate functions.' });
    }
    if (fn) {
      found.push(fn);
      continue;
    }
    if (!plan.ifExists) throw missing(target, plan.procedure, aggregate);
    ctx.run.notice({ severity: 'NOTICE', code: SQLSTATE.SuccessfulCompletion,
      message: `${what(plan.procedure, aggregate)} ${targetText(target)} does not exist, skipping` });
  }
  for (const fn of found) refuseIfSupporting(ctx, fn, found);
  for (const fn of found) {
    const dependents = triggersUsing(ctx.run.txn.listTables(), fn.id);
    if (dependents.length > 0) dropDependentTriggers(fn, dependents, plan.cascade === true, ctx);
    ctx.run.txn.dropObject(fn);
  }
  return { tag: `DROP ${what(plan.procedure, aggregate).toUpperCase()}` };
}

/** 2BP01 when an aggregate not dropped with it runs `fn` (CASCADE is not supported). */
function refuseIfSupporting(ctx: ExecContext, fn: StoredFunction, dropped: readonly StoredFunction[]): void {
  const dependent = ctx.run.txn.listObjects().find((o): o is StoredFunction => o.kind === 'function'
    && o.aggregate !== undefined && o.aggregate.supportIds.includes(fn.id) && !dropped.includes(o));
  if (!dependent) return;
  throw new SqlError(SQLSTATE.DependentObjectsStillExist, `cannot drop function ${functionSignatureText(fn)} because other objects depend on it`, {
    detail: `function ${functionSignatureText(dependent)} depends on function ${functionSignatureText(fn)}`,
    hint: 'Use DROP ... CASCADE to drop the dependent objects too.',
  });
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
