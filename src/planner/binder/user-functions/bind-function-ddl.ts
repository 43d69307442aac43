/**
 * Binds CREATE FUNCTION / PROCEDURE, DROP and ALTER … RENAME of them, and CALL. Written types
 * are resolved (polymorphic anyelement & co. kept by name), the result type is worked out
 * from RETURNS, OUT parameters or RETURNS TABLE, defaults become SQL text, and a LANGUAGE sql
 * body is bound once with typed NULL arguments so that it fails at CREATE as in PostgreSQL
 * (42P01, 42703, return type mismatch …). Other languages are 0A000.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { inputParameters } from '../../../catalog/user-functions.js';
import type {
  CallProcedure, CreateFunction, DropFunction, FunctionSignature, RenameFunction, TypeRef,
} from '../../../parser/ast.js';
import { parsePlpgsql } from '../../../parser/plpgsql/parse-plpgsql.js';
import type { PolymorphicType, StoredFunction, StoredFunctionParameter } from '../../../types/stored-table.js';
import { formatTypeName, recordType, T, type SqlType } from '../../../types/sql-type.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import type { FunctionDefinition, FunctionTarget, LogicalFunctionCommand } from '../../logical/logical-functions.js';
import type { LogicalCommand } from '../../logical/logical-plan.js';
import type { BindContext } from '../bind-context.js';
import { bindQuery } from '../bind-query.js';
import { bindStatement } from '../bind-statement.js';
import { deparseExpr } from '../deparse-expr.js';
import { bindExpr } from '../expression/bind-expression.js';
import { bindTypeRef } from '../expression/bind-type-ref.js';
import { coerce } from '../expression/coerce.js';
import { Scope } from '../scope.js';
import { bindPlpgsqlCall } from './bind-plpgsql-call.js';
import { shapeResult, inputNames } from './bind-user-function-call.js';
import { assertRunnable, bodyQuery, bodyStatements, firstRowOnly } from './function-body.js';
import { withFunctionFrame } from './function-frame.js';
import { resolveUserCall, type UserCall } from './resolve-user-call.js';

const POLYMORPHIC = new Set<string>(['anyelement', 'anyarray', 'anynonarray', 'anycompatible', 'anycompatiblearray', 'anyenum', 'any']);
const VOID: SqlType = { id: 'void', array: false, typmod: -1 };

/** A written type: polymorphic names kept, `void`, `record`, a table's row type, or a real type. */
export function resolveType(bind: BindContext, ref: TypeRef): { type: SqlType; poly?: PolymorphicType } {
  const name = ref.name.toLowerCase();
  if (POLYMORPHIC.has(name) && ref.arrayDims === 0) return { type: T.text, poly: name as PolymorphicType };
  if (name === 'void' && ref.arrayDims === 0) return { type: VOID };
  if (name === 'record' && ref.arrayDims === 0) return { type: recordType([]) };
  if (name === 'trigger' || name === 'event_trigger' || name === 'internal' || name === 'cstring') {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `functions returning ${name} are not supported`);
  }
  const table = ref.arrayDims === 0 && ref.schema === undefined ? bind.plan.txn.getTable(ref.name) : undefined;
  if (table) return { type: recordType(table.columns.map((c) => ({ name: c.name, type: c.type }))) };
  return { type: bindTypeRef(ref, (n) => bind.lookupType(n)) };
}

function bindParameters(bind: BindContext, statement: CreateFunction): StoredFunctionParameter[] {
  let sawDefault = false;
  return statement.params.map((p) => {
    const { type, poly } = resolveType(bind, p.type);
    const input = p.mode === 'i' || p.mode === 'b' || p.mode === 'v';
    let text: string | undefined;
    if (p.default) {
      if (!input) throw new SqlError(SQLSTATE.InvalidFunctionDefinition, 'only input parameters can have default values');
      const bound = bindExpr(p.default, { bind, scope: new Scope([]), clause: 'DEFAULT expressions' });
      if (!poly) coerce(bind, bound, type, 'assignment', (from, to) => `argument of type ${from} cannot be coerced to ${to}`);
      text = deparseExpr(p.default);
      sawDefault = true;
    } else if (input && sawDefault) {
      throw new SqlError(SQLSTATE.InvalidFunctionDefinition, 'input parameters after one with a default value must also have defaults');
    }
    return { ...(p.name !== undefined ? { name: p.name } : {}), type, mode: p.mode, ...(poly ? { poly } : {}), ...(text !== undefined ? { default: text } : {}) };
  });
}

function resultType(bind: BindContext, statement: CreateFunction, params: readonly StoredFunctionParameter[]): { type: SqlType; poly?: PolymorphicType; trigger?: true } {
  const outs = params.filter((p) => p.mode === 'o' || p.mode === 'b' || p.mode === 't');
  if (statement.procedure) return { type: VOID };
  if (isTriggerResult(statement)) return triggerResult(statement, params);
  const fromOuts = outs.length === 1 ? { type: outs[0]!.type, ...(outs[0]!.poly ? { poly: outs[0]!.poly } : {}) }
    : outs.length > 1 ? { type: recordType(outs.map((o, i) => ({ name: o.name ?? `column${i + 1}`, type: o.type }))) } : undefined;
  if (!statement.returns) {
    if (!fromOuts) throw new SqlError(SQLSTATE.InvalidFunctionDefinition, 'function result type must be specified');
    return fromOuts;
  }
  const declared = resolveType(bind, statement.returns);
  if (fromOuts && (outs.length > 1 || declared.type.fields)) return fromOuts;
  return declared;
}

/** Binds a LANGUAGE sql function's body once (arguments: typed NULLs), as PostgreSQL validates it at CREATE. */
function validateBody(bind: BindContext, fn: StoredFunction): void {
  if (inputParameters(fn).some((p) => p.poly) || fn.returnsPoly) return;
  const args: BoundExpr[] = inputParameters(fn).map((p) => ({ kind: 'Constant', type: p.type, value: null }));
  const call: UserCall = { fn, args, returnType: fn.returns };
  const frame = { fn, names: inputNames(call), args };
  if (fn.procedure) {
    withFunctionFrame(bind, frame, () => bodyStatements(fn.body).forEach((s) => {
      if (s.kind === 'QueryStatement' || s.kind === 'Insert' || s.kind === 'Update' || s.kind === 'Delete') bindStatement(bind, s);
    }));
    return;
  }
  const statements = bodyStatements(fn.body);
  if (statements.length !== 1 || statements[0]!.kind !== 'QueryStatement' || (fn.returns.id === 'void' && !fn.returns.fields)) return;
  const plan = withFunctionFrame(bind, frame, () => bindQuery(bind, firstRowOnly(bodyQuery(fn)), new Scope([], undefined, { correlated: false })));
  if (!fn.returns.fields || fn.returns.fields.length > 0) shapeResult(bind, call, plan);
}

function isTriggerResult(statement: CreateFunction): boolean {
  const r = statement.returns;
  return r !== undefined && r.name.toLowerCase() === 'trigger' && r.arrayDims === 0 && (r.schema === undefined || r.schema === 'pg_catalog');
}

/** RETURNS trigger: PL/pgSQL only, no declared arguments (they come as TG_ARGV), never SETOF. */
function triggerResult(statement: CreateFunction, params: readonly StoredFunctionParameter[]): { type: SqlType; trigger: true } {
  if (statement.language === 'sql') throw new SqlError(SQLSTATE.InvalidFunctionDefinition, 'SQL functions cannot return type trigger');
  if (params.length > 0) throw new SqlError(SQLSTATE.InvalidFunctionDefinition, 'trigger functions cannot have declared arguments',
    { hint: 'The arguments of the trigger can be accessed through TG_NARGS and TG_ARGV instead.' });
  if (statement.setof) throw new SqlError(SQLSTATE.InvalidFunctionDefinition, 'PL/pgSQL functions cannot return type trigger set');
  return { type: VOID, trigger: true };
}

function bindCreateFunction(bind: BindContext, statement: CreateFunction): LogicalFunctionCommand {
  if (statement.language !== 'sql' && statement.language !== 'plpgsql') {
    throw new SqlError(SQLSTATE.FeatureNotSupported, `LANGUAGE ${statement.language} is not supported`);
  }
  const params = bindParameters(bind, statement);
  const result = resultType(bind, statement, params);
  const setof = statement.setof || params.some((p) => p.mode === 't');
  const definition: FunctionDefinition = {
    name: statement.name, procedure: statement.procedure, params, returns: result.type,
    ...(result.poly ? { returnsPoly: result.poly } : {}), ...(result.trigger ? { returnsTrigger: true } : {}),
    setof, language: statement.language, body: statement.body, atomic: statement.atomic,
    volatility: statement.volatility, strict: statement.strict, securityDefiner: statement.securityDefiner,
    cost: statement.cost ?? 100, rows: setof ? statement.rows ?? 1000 : 0,
  };
  if (statement.language === 'sql') validateBody(bind, { kind: 'function', id: 0, version: 0, ...definition });
  if (statement.language === 'plpgsql') checkPlpgsqlSyntax(statement.body);
  return { kind: 'CreateFunction', replace: statement.replace, definition };
}

/**
 * PostgreSQL checks a PL/pgSQL body's syntax at CREATE (check_function_bodies); names wait for
 * the call. A statement we parse but do not run (cursors …) is refused at the call, not here.
 */
function checkPlpgsqlSyntax(body: string): void {
  try {
    parsePlpgsql(body);
  } catch (err) {
    if (!(err instanceof SqlError) || err.code !== SQLSTATE.FeatureNotSupported) throw err;
  }
}

function target(bind: BindContext, sig: FunctionSignature): FunctionTarget {
  if (!sig.argTypes) return { name: sig.name };
  return {
    name: sig.name,
    argTypes: sig.argTypes.map((t) => {
      const { type, poly } = resolveType(bind, t);
      return poly ?? formatTypeName(type);
    }),
  };
}

function bindCall(bind: BindContext, statement: CallProcedure): LogicalFunctionCommand {
  const ctx = { bind, scope: new Scope([]), clause: 'CALL arguments' };
  const call = resolveUserCall(statement.call, ctx, true);
  if (!call) {
    const types = statement.call.args.map((a) => formatTypeName(bindExpr(a, ctx).type));
    throw new SqlError(SQLSTATE.UndefinedFunction, `procedure ${statement.call.name}(${types.join(', ')}) does not exist`, {
      hint: 'No procedure matches the given name and argument types. You might need to add explicit type casts.',
    });
  }
  if (call.fn.language === 'plpgsql') {
    // The procedure runs as one call of the interpreter, in a query of one row whose value is dropped.
    const expr = bindPlpgsqlCall(call);
    const output = [{ id: bind.newId(), name: call.fn.name, type: expr.type, tableOid: 0, attnum: 0 }];
    return { kind: 'CallProcedure', commands: [{ kind: 'Query', plan: { kind: 'Project', input: { kind: 'Values', rows: [[]], output: [] }, exprs: [expr], output } }] };
  }
  assertRunnable(call.fn);
  const frame = { fn: call.fn, names: inputNames(call), args: call.args };
  const commands: LogicalCommand[] = withFunctionFrame(bind, frame, () => bodyStatements(call.fn.body).map((s) => bindStatement(bind, s)));
  return { kind: 'CallProcedure', commands };
}

export function bindFunctionStatement(bind: BindContext, statement: CreateFunction | DropFunction | RenameFunction | CallProcedure): LogicalFunctionCommand {
  switch (statement.kind) {
    case 'CreateFunction': return bindCreateFunction(bind, statement);
    case 'DropFunction':
      return {
        kind: 'DropFunction', ...(statement.kindWritten === 'routine' ? {} : { procedure: statement.procedure }),
        ...(statement.kindWritten === 'aggregate' ? { aggregate: true } : {}),
        targets: statement.functions.map((f) => target(bind, f)), ifExists: statement.ifExists,
        ...(statement.cascade ? { cascade: true } : {}),
      };
    case 'RenameFunction':
      return { kind: 'RenameFunction', procedure: statement.procedure, target: target(bind, statement.function), newName: statement.newName };
    case 'CallProcedure': return bindCall(bind, statement);
  }
}
