/**
 * CREATE FUNCTION / PROCEDURE, DROP FUNCTION / PROCEDURE, ALTER FUNCTION … RENAME TO and CALL
 * → our AST (ast-functions.ts). The body is kept as SQL text (the catalog stores it so); a
 * BEGIN ATOMIC body is cut from the statement's source. DO keeps its PL/pgSQL body as text.
 */
import type { CallStmt, CreateFunctionStmt, DefElem, DoStmt, DropStmt, FunctionParameter, Node, ObjectWithArgs, RenameStmt } from 'libpg-query';
import type {
  CallProcedure, CreateFunction, DoBlock, DropFunction, FunctionParameterDef, FunctionSignature, ParameterMode, RenameFunction,
} from '../ast-functions.js';
import type { ConvertContext } from './convert-context.js';
import { convertExpr } from './convert-expr.js';
import { convertFunctionCall } from './convert-function.js';
import { convertType } from './convert-type.js';
import { notSupported, syntaxError, unsupportedForm } from './not-supported.js';
import { listItems, stringOf, stringsOf } from './pg-node.js';
import { dottedName } from './qualified-name.js';
import { parsePlpgsql } from '../plpgsql/parse-plpgsql.js';

const MODES: Readonly<Record<string, ParameterMode>> = {
  FUNC_PARAM_DEFAULT: 'i', FUNC_PARAM_IN: 'i', FUNC_PARAM_OUT: 'o', FUNC_PARAM_INOUT: 'b',
  FUNC_PARAM_VARIADIC: 'v', FUNC_PARAM_TABLE: 't',
};

function parameter(p: FunctionParameter, ctx: ConvertContext): FunctionParameterDef {
  const mode = MODES[String(p.mode)] ?? 'i';
  return {
    ...(p.name !== undefined ? { name: p.name } : {}),
    type: convertType({ ...p.argType!, setof: false }, ctx), mode,
    ...(p.defexpr ? { default: convertExpr(p.defexpr, ctx) } : {}),
  };
}

function option(options: readonly Node[] | undefined, name: string): DefElem | undefined {
  return (options ?? []).flatMap((o) => ('DefElem' in o ? [o.DefElem] : [])).find((d) => d.defname === name);
}

function numberOption(d: DefElem | undefined): number | undefined {
  if (!d?.arg) return undefined;
  if ('Integer' in d.arg) return d.arg.Integer.ival ?? 0;
  if ('Float' in d.arg) return Number(d.arg.Float.fval);
  return undefined;
}

/** The statements between BEGIN ATOMIC and END, as written. */
function atomicBody(ctx: ConvertContext): string {
  const text = ctx.source.text.slice(ctx.start, ctx.end);
  const match = /\bbegin\s+atomic\b([\s\S]*)\bend\s*;?\s*$/i.exec(text);
  return match ? match[1]!.trim() : '';
}

export function convertCreateFunction(s: CreateFunctionStmt, ctx: ConvertContext): CreateFunction {
  const procedure = s.is_procedure ?? false;
  const language = (option(s.options, 'language') ? stringOf(option(s.options, 'language')!.arg) : 'sql').toLowerCase();
  const as = option(s.options, 'as');
  const asItems = as?.arg ? ('List' in as.arg ? listItems(as.arg) : [as.arg]) : [];
  if (asItems.length > 1) throw notSupported(`functions in language ${language} with a link symbol`, ctx);
  const atomic = s.sql_body !== undefined;
  if (!atomic && asItems.length === 0) {
    throw syntaxError('no function body specified', ctx);
  }
  const volatility = option(s.options, 'volatility') ? stringOf(option(s.options, 'volatility')!.arg) : 'volatile';
  const strictArg = option(s.options, 'strict')?.arg;
  const securityArg = option(s.options, 'security')?.arg;
  const cost = numberOption(option(s.options, 'cost'));
  const rows = numberOption(option(s.options, 'rows'));
  const returns = s.returnType;
  return {
    kind: 'CreateFunction', name: dottedName(stringsOf(s.funcname), true), replace: s.replace ?? false, procedure,
    params: (s.parameters ?? []).flatMap((n) => ('FunctionParameter' in n ? [parameter(n.FunctionParameter, ctx)] : [])),
    ...(returns ? { returns: convertType({ ...returns, setof: false }, ctx) } : {}),
    setof: returns?.setof ?? false, language,
    body: atomic ? atomicBody(ctx) : stringOf(asItems[0]), atomic,
    volatility: volatility === 'immutable' ? 'i' : volatility === 'stable' ? 's' : 'v',
    strict: strictArg !== undefined && 'Boolean' in strictArg && strictArg.Boolean.boolval === true,
    securityDefiner: securityArg !== undefined && 'Boolean' in securityArg && securityArg.Boolean.boolval === true,
    ...(cost !== undefined ? { cost } : {}), ...(rows !== undefined ? { rows } : {}),
  };
}

function signature(o: ObjectWithArgs, ctx: ConvertContext, aggregate = false): FunctionSignature {
  const name = dottedName(stringsOf(o.objname), true);
  if (o.args_unspecified) return { name };
  // `agg(*)` has no argument list in the tree, unlike a function named without one.
  if (aggregate && !o.objargs) return { name, argTypes: [] };
  // OUT parameters are not part of the signature.
  const params = (o.objfuncargs ?? []).flatMap((n) => ('FunctionParameter' in n ? [n.FunctionParameter] : []))
    .filter((p) => p.mode !== 'FUNC_PARAM_OUT' && p.mode !== 'FUNC_PARAM_TABLE');
  const argTypes = params.length > 0 || !o.objargs
    ? params.map((p) => convertType({ ...p.argType!, setof: false }, ctx))
    : (o.objargs ?? []).flatMap((n) => ('TypeName' in n ? [convertType(n.TypeName, ctx)] : []));
  return { name, argTypes };
}

/** DROP FUNCTION / PROCEDURE / ROUTINE, or undefined for other DROP statements. */
export function convertDropFunction(s: DropStmt, ctx: ConvertContext): DropFunction | undefined {
  const kind = String(s.removeType);
  if (kind !== 'OBJECT_FUNCTION' && kind !== 'OBJECT_PROCEDURE' && kind !== 'OBJECT_ROUTINE' && kind !== 'OBJECT_AGGREGATE') return undefined;
  const functions = (s.objects ?? []).flatMap((n) => ('ObjectWithArgs' in n ? [signature(n.ObjectWithArgs, ctx, kind === 'OBJECT_AGGREGATE')] : []));
  const kindWritten = kind === 'OBJECT_PROCEDURE' ? 'procedure' : kind === 'OBJECT_ROUTINE' ? 'routine'
    : kind === 'OBJECT_AGGREGATE' ? 'aggregate' : 'function';
  return { kind: 'DropFunction', procedure: kind === 'OBJECT_PROCEDURE', kindWritten, functions, ifExists: s.missing_ok ?? false,
    ...(s.behavior === 'DROP_CASCADE' ? { cascade: true } : {}) };
}

/** ALTER FUNCTION / PROCEDURE … RENAME TO, or undefined for other RENAME statements. */
export function convertRenameFunction(s: RenameStmt, ctx: ConvertContext): RenameFunction | undefined {
  const kind = String(s.renameType);
  if (kind !== 'OBJECT_FUNCTION' && kind !== 'OBJECT_PROCEDURE' && kind !== 'OBJECT_ROUTINE') return undefined;
  const o = s.object && 'ObjectWithArgs' in s.object ? s.object.ObjectWithArgs : undefined;
  if (!o) return undefined;
  return { kind: 'RenameFunction', procedure: kind === 'OBJECT_PROCEDURE', function: signature(o, ctx), newName: s.newname! };
}

export function convertCall(s: CallStmt, ctx: ConvertContext): CallProcedure {
  const call = convertFunctionCall(s.funccall!, ctx);
  if (call.kind !== 'FunctionCall') throw syntaxError('syntax error at or near "CALL"', ctx);
  return { kind: 'CallProcedure', call };
}

/** DO: an anonymous block in plpgsql (the default language; the only one run), its syntax checked now. */
export function convertDo(s: DoStmt, ctx: ConvertContext): DoBlock {
  const items = (s.args ?? []).flatMap((n) => ('DefElem' in n ? [n.DefElem] : []));
  const lang = items.filter((d) => d.defname === 'language').map((d) => stringOf(d.arg).toLowerCase())[0] ?? 'plpgsql';
  if (lang !== 'plpgsql') throw unsupportedForm(`DO blocks in language ${lang} are not supported`, ctx);
  const body = items.filter((d) => d.defname === 'as').map((d) => stringOf(d.arg))[0];
  if (body === undefined) throw syntaxError('no inline code specified', ctx);
  parsePlpgsql(body);
  return { kind: 'DoBlock', body };
}
