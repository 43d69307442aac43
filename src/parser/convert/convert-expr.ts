/**
 * PostgreSQL expression nodes → our Expr. Constants keep their source text (numbers) or decoded
 * value (strings: the scanner already applied standard_conforming_strings, E'…' escapes and
 * '' doubling); AND/OR lists become balanced trees so a thousand-term OR binds without deep
 * recursion; operators are in convert-operator.ts, calls in convert-function.ts, subqueries in
 * convert-sublink.ts.
 */
import type { A_Const, A_Indirection, BoolExpr, CaseExpr, ColumnRef, CollateClause, Node } from 'libpg-query';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { Expr } from '../ast.js';
import type { ConvertContext } from './convert-context.js';
import { convertFunctionCall, convertSqlValueFunction } from './convert-function.js';
import { convertAExpr } from './convert-operator.js';
import { convertSubLink } from './convert-sublink.js';
import { convertType } from './convert-type.js';
import { notSupported } from './not-supported.js';
import { stringOf, tagOf } from './pg-node.js';

/** Collations that order text by code point, which is how this server compares text. */
const CODE_POINT_COLLATIONS = new Set(['c', 'posix', 'default', 'ucs_basic']);

/** Node tags PostgreSQL's grammar produces for syntax we do not implement, as the feature's name. */
const UNSUPPORTED_EXPRESSIONS: Readonly<Record<string, string>> = {
  CurrentOfExpr: 'WHERE CURRENT OF', XmlExpr: 'XML', XmlSerialize: 'XMLSERIALIZE',
  JsonObjectConstructor: 'JSON_OBJECT', JsonArrayConstructor: 'JSON_ARRAY', JsonArrayQueryConstructor: 'JSON_ARRAY',
  JsonObjectAgg: 'JSON_OBJECTAGG', JsonArrayAgg: 'JSON_ARRAYAGG', JsonIsPredicate: 'IS JSON', JsonFuncExpr: 'JSON_QUERY / JSON_VALUE / JSON_EXISTS',
  JsonParseExpr: 'JSON()', JsonScalarExpr: 'JSON_SCALAR', JsonSerializeExpr: 'JSON_SERIALIZE', MergeSupportFunc: 'MERGE_ACTION',
  NamedArgExpr: 'a named function argument', MultiAssignRef: 'a multiple-column assignment',
};

/** Convert one expression node. */
export function convertExpr(node: Node, ctx: ConvertContext): Expr {
  if ('A_Const' in node) return convertConst(node.A_Const, ctx);
  if ('ColumnRef' in node) return convertColumnRef(node.ColumnRef, ctx);
  if ('A_Expr' in node) return convertAExpr(node.A_Expr, ctx);
  if ('BoolExpr' in node) return convertBoolExpr(node.BoolExpr, ctx);
  if ('FuncCall' in node) return convertFunctionCall(node.FuncCall, ctx);
  if ('TypeCast' in node) {
    const operand = convertExpr(node.TypeCast.arg!, ctx);
    return { kind: 'Cast', operand, target: convertType(node.TypeCast.typeName!, ctx) };
  }
  if ('ParamRef' in node) return { kind: 'Param', index: node.ParamRef.number ?? 0 };
  if ('SubLink' in node) return convertSubLink(node.SubLink, ctx);
  if ('NullTest' in node) {
    const t = node.NullTest;
    return { kind: 'Is', operand: convertExpr(t.arg!, ctx), test: 'NULL', negated: t.nulltesttype === 'IS_NOT_NULL' };
  }
  if ('BooleanTest' in node) {
    const t = node.BooleanTest;
    const [, negation, test] = /^IS_(NOT_)?(TRUE|FALSE|UNKNOWN)$/.exec(t.booltesttype ?? '') ?? [];
    return { kind: 'Is', operand: convertExpr(t.arg!, ctx), test: test as 'TRUE' | 'FALSE' | 'UNKNOWN', negated: negation !== undefined };
  }
  if ('CaseExpr' in node) return convertCase(node.CaseExpr, ctx);
  if ('CoalesceExpr' in node) return call('coalesce', convertExprs(node.CoalesceExpr.args, ctx));
  if ('MinMaxExpr' in node) return call(node.MinMaxExpr.op === 'IS_LEAST' ? 'least' : 'greatest', convertExprs(node.MinMaxExpr.args, ctx));
  if ('SQLValueFunction' in node) return convertSqlValueFunction(node.SQLValueFunction);
  if ('A_ArrayExpr' in node) return { kind: 'Array', elements: convertExprs(node.A_ArrayExpr.elements, ctx) };
  if ('RowExpr' in node) return { kind: 'Row', fields: convertExprs(node.RowExpr.args, ctx) };
  if ('A_Indirection' in node) return convertIndirection(node.A_Indirection, ctx);
  if ('CollateClause' in node) return convertCollate(node.CollateClause, ctx);
  if ('SetToDefault' in node) return { kind: 'Default' };
  if ('GroupingFunc' in node) return { kind: 'Grouping', args: convertExprs(node.GroupingFunc.args, ctx) };
  const tag = tagOf(node);
  throw notSupported(UNSUPPORTED_EXPRESSIONS[tag] ?? `expression ${tag}`, ctx, locationOf(node));
}

/** Convert a list of expressions (absent → empty). */
export function convertExprs(list: readonly Node[] | undefined, ctx: ConvertContext): Expr[] {
  return (list ?? []).map((n) => convertExpr(n, ctx));
}

/** A plain call of a built-in function. */
export function call(name: string, args: readonly Expr[]): Expr {
  return { kind: 'FunctionCall', name, args, star: false, distinct: false };
}

/** The `location` of any node that has one. */
export function locationOf(node: Node): number | undefined {
  const body = (node as Record<string, { location?: number } | undefined>)[tagOf(node)];
  return body?.location;
}

function convertConst(c: A_Const, ctx: ConvertContext): Expr {
  if (c.isnull) return { kind: 'Literal', type: 'null', value: null };
  if (c.ival !== undefined || c.fval !== undefined) checkDecimalLiteral(c.location, ctx);
  if (c.ival !== undefined) return { kind: 'Literal', type: 'number', value: String(c.ival.ival ?? 0) };
  if (c.fval !== undefined) return { kind: 'Literal', type: 'number', value: c.fval.fval ?? '0' };
  if (c.sval !== undefined) return { kind: 'Literal', type: 'string', value: c.sval.sval ?? '' };
  if (c.boolval !== undefined) return { kind: 'Literal', type: 'boolean', value: c.boolval.boolval ?? false };
  throw notSupported('a bit-string constant', ctx, c.location);
}

/**
 * PostgreSQL 16 added `0x1F`, `0o17`, `0b101` and `1_000`; PostgreSQL 15, whose behaviour we
 * follow, rejects them as "trailing junk" (the grammar we parse with is 17's).
 */
function checkDecimalLiteral(location: number | undefined, ctx: ConvertContext): void {
  if (location === undefined) return;
  const at = ctx.source.indexOf(location);
  const written = /^(-\s*)?([0-9.][0-9A-Za-z_.]*)/.exec(ctx.source.original.slice(at, at + 200));
  if (!written || !/^0[xob]|_/i.test(written[2]!)) return;
  const position = ctx.source.base + at + (written[1]?.length ?? 0) + 1;
  throw new SqlError(SQLSTATE.SyntaxError, `trailing junk after numeric literal at or near "${written[2]}"`, { position });
}

function convertColumnRef(ref: ColumnRef, ctx: ConvertContext): Expr {
  const fields = ref.fields ?? [];
  const last = fields[fields.length - 1]!;
  const column = 'A_Star' in last ? '*' : stringOf(last);
  if (fields.length > 3) throw notSupported('a column reference with more than three names', ctx, ref.location);
  // schema.table.column: the table names the relation (the binder finds it in FROM).
  const table = fields.length > 1 ? stringOf(fields[fields.length - 2]) : undefined;
  return table === undefined ? { kind: 'ColumnRef', column } : { kind: 'ColumnRef', table, column };
}

function convertBoolExpr(b: BoolExpr, ctx: ConvertContext): Expr {
  const args = convertExprs(b.args, ctx);
  if (b.boolop === 'NOT_EXPR') return negate(args[0]!);
  return balanced(b.boolop === 'AND_EXPR' ? 'AND' : 'OR', args);
}

/** NOT x; `NOT (x IN (SELECT …))` keeps the InSubquery node (negated), as PostgreSQL's NOT IN. */
function negate(operand: Expr): Expr {
  if (operand.kind === 'InSubquery' && !operand.negated) return { ...operand, negated: true };
  return { kind: 'Unary', op: 'NOT', operand };
}

/** `a AND b AND c …` as a balanced tree: the binder flattens it back into one list. */
function balanced(op: 'AND' | 'OR', args: readonly Expr[]): Expr {
  if (args.length === 1) return args[0]!;
  const mid = args.length >> 1;
  return { kind: 'Binary', op, left: balanced(op, args.slice(0, mid)), right: balanced(op, args.slice(mid)) };
}

function convertCase(c: CaseExpr, ctx: ConvertContext): Expr {
  const whens = (c.args ?? []).map((w) => {
    if (!('CaseWhen' in w)) throw notSupported(`CASE item ${tagOf(w)}`, ctx, c.location);
    return { when: convertExpr(w.CaseWhen.expr!, ctx), then: convertExpr(w.CaseWhen.result!, ctx) };
  });
  return {
    kind: 'Case', whens,
    ...(c.arg ? { operand: convertExpr(c.arg, ctx) } : {}),
    ...(c.defresult ? { else: convertExpr(c.defresult, ctx) } : {}),
  };
}

/** `x[i]`, `x[i][j]`, `(x).field`, slices (refused by the binder); `(x).*` is not supported. */
function convertIndirection(ind: A_Indirection, ctx: ConvertContext): Expr {
  let e = convertExpr(ind.arg!, ctx);
  for (const step of ind.indirection ?? []) {
    if ('A_Indices' in step) {
      const { is_slice: isSlice, lidx, uidx } = step.A_Indices;
      if (isSlice) {
        // The binder decides: arrays slice, jsonb refuses with PostgreSQL's 42804.
        const { position } = notSupported('an array slice', ctx, locationOf(ind.arg!)).fields;
        const lower = lidx ? convertExpr(lidx, ctx) : undefined;
        const upper = uidx ? convertExpr(uidx, ctx) : undefined;
        const index: Expr = lower ?? upper ?? { kind: 'Literal', type: 'null', value: null };
        e = { kind: 'Subscript', operand: e, index, slice: { position, ...(lower ? { lower } : {}), ...(upper ? { upper } : {}) } };
      } else e = { kind: 'Subscript', operand: e, index: convertExpr(uidx!, ctx) };
    } else if ('String' in step) {
      e = { kind: 'FieldSelect', operand: e, field: stringOf(step) };
    } else {
      throw notSupported('(expression).*', ctx, locationOf(ind.arg!));
    }
  }
  return e;
}

/** COLLATE: text compares by code point here, so the C-equivalent collations are accepted as written. */
function convertCollate(c: CollateClause, ctx: ConvertContext): Expr {
  checkCollation(c.collname, ctx, c.location);
  return convertExpr(c.arg!, ctx);
}

/** Accepts the collations that order by code point (C, POSIX, default, ucs_basic); others are 0A000. */
export function checkCollation(collname: readonly Node[] | undefined, ctx: ConvertContext, location?: number): void {
  const names = (collname ?? []).map(stringOf);
  const name = names[names.length - 1] ?? '';
  if (!CODE_POINT_COLLATIONS.has(name.toLowerCase()) || (names.length > 1 && names[0] !== 'pg_catalog')) {
    throw notSupported(`COLLATE "${names.join('.')}"`, ctx, location);
  }
}
