/**
 * Compiles bound expressions into batch evaluators. Column references read the row position
 * given by the operator's layout, or an enclosing query's row (correlated subqueries).
 * NULL semantics follow PostgreSQL: strict functions and operators yield NULL on NULL input.
 */
import { operatorQuantified } from './operator-quantified.js';
import { SqlError, SQLSTATE, unreachable } from '../../common/sql-error.js';
import { makeArray, arrayItems } from '../../functions/array-values.js';
import { castValue } from '../../functions/casts.js';
import { buildNestedArray } from '../../functions/scalar/array-construct.js';
import { elementAt } from '../../functions/scalar/array-subscript.js';
import { explicitShape } from '../../types/array-shape.js';
import { compareValues, valueKey } from '../../functions/compare.js';
import { like } from '../../functions/operators/like.js';
import type { BoundExpr, CompareOp } from '../../planner/logical/bound-expr.js';
import { RecordValue, type Row, type Value } from '../../types/value.js';
import type { ExecContext } from '../exec-context.js';
import { compileAndOr, compileCase, compileCoalesce } from './compile-logic.js';
import { compileDomainCheck } from './compile-domain-check.js';
import { compileSubquery } from './compile-subquery.js';
import type { CompiledExpr } from './compiled-expr.js';

/** Applies a comparison operator to a three-way comparison result. */
export function compareResult(op: CompareOp, c: number): boolean {
  switch (op) {
    case '=': return c === 0;
    case '<>': return c !== 0;
    case '<': return c < 0;
    case '<=': return c <= 0;
    case '>': return c > 0;
    case '>=': return c >= 0;
    default: return unreachable(op);
  }
}

/** SQL `a op b` with NULL → NULL. */
export function compareSql(op: CompareOp, a: Value, b: Value): Value {
  if (a === null || b === null) return null;
  return compareResult(op, compareValues(a, b));
}

/** `x op ANY|ALL (values)` with PostgreSQL's NULL rules. */
export function quantified(op: CompareOp, any: boolean, x: Value, values: readonly Value[]): Value {
  if (values.length === 0) return !any;
  if (x === null) return null;
  return quantifyOver(any, values, (v) => compareSql(op, x, v));
}

/** ANY (`any`) or ALL of `test` over `items`: decided by the first true (false for ALL), else NULL if one was NULL. */
export function quantifyOver<T>(any: boolean, items: readonly T[], test: (item: T) => Value): boolean | null {
  let sawNull = false;
  for (const item of items) {
    const r = test(item);
    if (r === null) sawNull = true;
    else if (r === any) return any;
  }
  return sawNull ? null : !any;
}

function lookupOuter(ctx: ExecContext, id: number): Value {
  for (let outer = ctx.outer; outer; outer = outer.parent) {
    const index = outer.layout.get(id);
    if (index !== undefined) return outer.row[index]!;
  }
  throw new SqlError(SQLSTATE.InternalError, `column #${id} is not available here`);
}

function map1(a: CompiledExpr, fn: (x: Value) => Value): CompiledExpr {
  return async (rows, ctx) => (await a(rows, ctx)).map(fn);
}

function map2(a: CompiledExpr, b: CompiledExpr, fn: (x: Value, y: Value) => Value): CompiledExpr {
  return async (rows, ctx) => {
    const xs = await a(rows, ctx);
    const ys = await b(rows, ctx);
    return xs.map((x, i) => fn(x, ys[i]!));
  };
}

function compileCall(expr: Extract<BoundExpr, { kind: 'Call' }>, layout: ReadonlyMap<number, number>): CompiledExpr {
  const args = expr.args.map((a) => compileExpr(a, layout));
  const argTypes = expr.args.map((a) => a.type);
  const { call, vector, strict } = expr.overload;
  return async (rows, ctx) => {
    const columns: Value[][] = [];
    for (const arg of args) columns.push(await arg(rows, ctx));
    if (vector) return vector(columns, rows.length, ctx, argTypes);
    const out: Value[] = new Array<Value>(rows.length);
    const values: Value[] = new Array<Value>(args.length);
    for (let r = 0; r < rows.length; r++) {
      let hasNull = false;
      for (let a = 0; a < columns.length; a++) {
        const v = columns[a]![r]!;
        values[a] = v;
        if (v === null) hasNull = true;
      }
      out[r] = strict && hasNull ? null : call!(values, ctx, argTypes);
    }
    return out;
  };
}

export function compileExpr(expr: BoundExpr, layout: ReadonlyMap<number, number>): CompiledExpr {
  switch (expr.kind) {
    case 'Constant': {
      const value = expr.value;
      return async (rows) => new Array<Value>(rows.length).fill(value);
    }
    case 'ColumnRef': {
      const index = layout.get(expr.id);
      if (index !== undefined) {
        return async (rows) => {
          // A plain loop: Array.prototype.map with a closure is several times slower on hot scans.
          const out = new Array<Value>(rows.length);
          for (let r = 0; r < rows.length; r++) out[r] = rows[r]![index]!;
          return out;
        };
      }
      const id = expr.id;
      return async (rows, ctx) => {
        const value = lookupOuter(ctx, id);
        return new Array<Value>(rows.length).fill(value);
      };
    }
    case 'Param': {
      // The session decodes parameter values to paramTypes before running the statement.
      const index = expr.index;
      return async (rows, ctx) => new Array<Value>(rows.length).fill(ctx.params[index] ?? null);
    }
    case 'Call': return compileCall(expr, layout);
    case 'Cast': {
      const from = expr.operand.type;
      const to = expr.type;
      const explicit = expr.explicit;
      const operand = compileExpr(expr.operand, layout);
      return async (rows, ctx) => (await operand(rows, ctx)).map((v) => castValue(v, from, to, explicit, ctx.textOptions));
    }
    case 'And': case 'Or': return compileAndOr(expr.kind === 'And', expr.args.map((a) => compileExpr(a, layout)));
    case 'Not': return map1(compileExpr(expr.operand, layout), (v) => (v === null ? null : !v));
    case 'Compare': {
      const op = expr.op;
      return map2(compileExpr(expr.left, layout), compileExpr(expr.right, layout), (a, b) => compareSql(op, a, b));
    }
    case 'IsNull': {
      const negated = expr.negated;
      if (expr.rowwise) return map1(compileExpr(expr.operand, layout), (v) => rowIsNull(v, negated));
      return map1(compileExpr(expr.operand, layout), (v) => (v === null) !== negated);
    }
    case 'IsBool': {
      const { test, negated } = expr;
      const expected = test === 'TRUE' ? true : test === 'FALSE' ? false : null;
      return map1(compileExpr(expr.operand, layout), (v) => (v === expected) !== negated);
    }
    case 'IsDistinct': {
      const negated = expr.negated;
      return map2(compileExpr(expr.left, layout), compileExpr(expr.right, layout), (a, b) => {
        const distinct = a === null || b === null ? a !== b : compareValues(a, b) !== 0;
        return distinct !== negated;
      });
    }
    case 'Like': {
      const operand = compileExpr(expr.operand, layout);
      const pattern = compileExpr(expr.pattern, layout);
      const escape = expr.escape ? compileExpr(expr.escape, layout) : undefined;
      const { caseInsensitive, negated } = expr;
      return async (rows, ctx) => {
        const xs = await operand(rows, ctx);
        const ps = await pattern(rows, ctx);
        const es = escape ? await escape(rows, ctx) : undefined;
        return xs.map((x, i) => {
          const p = ps[i]!;
          const e = es ? es[i]! : '\\';
          if (x === null || p === null || e === null) return null;
          return like(x as string, p as string, caseInsensitive, e as string) !== negated;
        });
      };
    }
    case 'InList': {
      if (expr.list.every((e) => e.kind === 'Constant')) return compileConstantInList(expr, layout);
      const operand = compileExpr(expr.operand, layout);
      const list = expr.list.map((e) => compileExpr(e, layout));
      const negated = expr.negated;
      return async (rows, ctx) => {
        const xs = await operand(rows, ctx);
        const columns: Value[][] = [];
        for (const item of list) columns.push(await item(rows, ctx));
        return xs.map((x, r) => {
          const result = quantified('=', true, x, columns.map((c) => c[r]!));
          return result === null ? null : result !== negated;
        });
      };
    }
    case 'Case': return compileCase(
      expr.whens.map((w) => ({ when: compileExpr(w.when, layout), then: compileExpr(w.then, layout) })),
      expr.else ? compileExpr(expr.else, layout) : async (rows) => new Array<Value>(rows.length).fill(null));
    case 'Coalesce': return compileCoalesce(expr.args.map((a) => compileExpr(a, layout)));
    case 'NullIf': return map2(compileExpr(expr.left, layout), compileExpr(expr.right, layout),
      (a, b) => (a !== null && b !== null && compareValues(a, b) === 0 ? null : a));
    case 'MinMax': {
      const args = expr.args.map((a) => compileExpr(a, layout));
      const sign = expr.op === 'greatest' ? 1 : -1;
      return async (rows, ctx) => {
        const columns: Value[][] = [];
        for (const a of args) columns.push(await a(rows, ctx));
        return rows.map((_, r) => {
          let best: Value = null;
          for (const c of columns) {
            const v = c[r]!;
            if (v !== null && (best === null || sign * compareValues(v, best) > 0)) best = v;
          }
          return best;
        });
      };
    }
    case 'Array': {
      const elements = expr.elements.map((e) => compileExpr(e, layout));
      const type = expr.type;
      // ARRAY[ARRAY[…], …]: elements that are arrays stack into one more dimension.
      const nested = expr.elements[0]?.type.array === true;
      return async (rows, ctx) => {
        const columns: Value[][] = [];
        for (const e of elements) columns.push(await e(rows, ctx));
        if (nested) return rows.map((_, r) => buildNestedArray(columns.map((c) => c[r]!)));
        return rows.map((_, r) => makeArray(columns.map((c) => c[r]!), type));
      };
    }
    case 'Subscript': return map2(compileExpr(expr.operand, layout), compileExpr(expr.index, layout), (a, i) => {
      if (a === null || i === null) return null;
      // A multidimensional array or one with other lower bounds carries its shape.
      if (explicitShape(a) !== undefined) return elementAt(a, [i as number]);
      return (a as ArrayLike<Value>)[(i as number) - 1] ?? null;
    });
    case 'Quantified': {
      const { op, quantifier, operator } = expr;
      if (operator) {
        const left = compileExpr(expr.left, layout);
        const right = compileExpr(expr.right, layout);
        return async (rows, ctx) => {
          const xs = await left(rows, ctx);
          const arrays = await right(rows, ctx);
          return xs.map((x, r) => (arrays[r] === null ? null : operatorQuantified(operator, quantifier === 'ANY', x, arrayItems(arrays[r]!), ctx)));
        };
      }
      return map2(compileExpr(expr.left, layout), compileExpr(expr.right, layout),
        (x, arr) => (arr === null ? null : quantified(op, quantifier === 'ANY', x, arrayItems(arr))));
    }
    case 'Subquery': return compileSubquery(expr, layout, compileExpr);
    case 'DomainCheck': return compileDomainCheck(expr, layout, compileExpr);
    default: return unreachable(expr);
  }
}

/**
 * `x [NOT] IN (c1, c2, …)` over constants: one hash set of the list, built at compile time, so
 * each row costs one lookup (a list of 1,000,000 literals no longer costs a million per row).
 * NULL rules as quantified(): no match and a NULL in the list (or a NULL x) is NULL.
 */
function compileConstantInList(expr: Extract<BoundExpr, { kind: 'InList' }>, layout: ReadonlyMap<number, number>): CompiledExpr {
  const operand = compileExpr(expr.operand, layout);
  const keys = new Set<string>();
  let listHasNull = false;
  for (const item of expr.list) {
    const value = (item as Extract<BoundExpr, { kind: 'Constant' }>).value;
    if (value === null) listHasNull = true;
    else keys.add(valueKey(value));
  }
  const { negated } = expr;
  const empty = expr.list.length === 0;
  return async (rows, ctx) => (await operand(rows, ctx)).map((x) => {
    if (empty) return negated;
    if (x === null) return null;
    if (keys.has(valueKey(x))) return !negated;
    return listHasNull ? null : negated;
  });
}

/** Evaluates a row-independent expression (LIMIT, OFFSET, function arguments) once. */
export async function evalConstant(expr: BoundExpr, ctx: ExecContext): Promise<Value> {
  const compiled = compileExpr(expr, new Map());
  const [value] = await compiled([[]] as Row[], ctx);
  return value ?? null;
}

/**
 * `record IS [NOT] NULL` as SQL defines it for rows: IS NULL when every field is NULL, IS NOT
 * NULL when none is (so `ROW(1, NULL)` is neither); a NULL record is NULL.
 */
function rowIsNull(v: Value, negated: boolean): boolean {
  if (v === null) return !negated;
  if (!(v instanceof RecordValue)) return negated;
  return negated ? v.values.every((x) => x !== null) : v.values.every((x) => x === null);
}
