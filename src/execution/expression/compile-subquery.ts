/**
 * Subquery expressions. An uncorrelated subquery runs once per statement run (its result is
 * cached in the ExecContext); a correlated one runs once per distinct value of the outer
 * columns it reads (cached per key for the run, unless it calls a volatile function), with
 * the outer row visible to its column references. `x IN (subquery)` tests against a hash set
 * of the result, not a scan of it per row.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { NestedArrayBuilder } from '../../functions/scalar/array-construct.js';
import { makeArray } from '../../functions/array-values.js';
import { rowKey, valueKey } from '../../functions/compare.js';
import type { BoundExpr, BoundSubquery } from '../../planner/logical/bound-expr.js';
import type { Row, Value } from '../../types/value.js';
import { reserveMemory, withOuterRow, type ExecContext } from '../exec-context.js';
import { buildOperator } from '../physical-planner.js';
import type { PhysicalOperator } from '../physical-operator.js';
import type { CompiledExpr } from './compiled-expr.js';
import { quantified } from './compile-expr.js';
import { hashedCorrelation, type HashedCorrelation } from './hashed-correlation.js';
import { rowQuantified, tupleSet, type TupleSet } from './row-quantified.js';
import { subqueryReferences } from './subquery-references.js';

/** Distinct outer keys whose results a correlated subquery keeps per run. */
const MAX_CACHED_KEYS = 100_000;

/** A subquery's rows, with a hash set of the first column for `=` IN / ANY tests. */
interface SubqueryResult {
  readonly rows: readonly Value[][];
  keys?: Set<string>;
  hasNull?: boolean;
  /** For a row-wise `=` ANY: the rows split into a hash set and those holding a NULL. */
  tuples?: TupleSet;
}

/**
 * `operand IN (rows)` / `= ANY` through a hash set built once per result; other modes as
 * resultOf. Same NULL rules as quantified().
 */
function answer(sub: BoundSubquery, operand: Value, result: SubqueryResult): Value {
  if (sub.rowWise) {
    const op = sub.op ?? '=';
    const any = sub.mode !== 'all';
    if (any && op === '=' && !result.tuples && result.rows.length > 0) result.tuples = tupleSet(result.rows);
    const found = rowQuantified(op, any, operand, result.rows, result.tuples);
    return found === null ? null : found !== sub.negated;
  }
  const hashable = (sub.mode === 'in' || sub.mode === 'any') && (sub.op ?? '=') === '=' && result.rows.length > 0;
  if (!hashable) return resultOf(sub, operand, result.rows);
  if (!result.keys) {
    result.keys = new Set();
    result.hasNull = false;
    for (const row of result.rows) {
      if (row[0] === null) result.hasNull = true;
      else result.keys.add(valueKey(row[0]!));
    }
  }
  let found: Value;
  if (operand === null) found = null;
  else if (result.keys.has(valueKey(operand))) found = true;
  else found = result.hasNull ? null : false;
  return found === null ? null : found !== sub.negated;
}

async function firstColumnValues(op: PhysicalOperator, ctx: ExecContext, stopAfter: number): Promise<Value[][]> {
  const rows: Value[][] = [];
  const memory = reserveMemory(ctx, 'SubPlan (result rows)');
  try {
    for await (const batch of op.execute(ctx)) {
      memory.addRows(batch);
      for (const row of batch) rows.push(row);
      if (rows.length >= stopAfter) break;
    }
  } finally {
    // The rows live on in the subquery cache or the result value; the budget guards the build.
    memory.release();
  }
  return rows;
}

function resultOf(sub: BoundSubquery, operand: Value, rows: readonly Value[][]): Value {
  switch (sub.mode) {
    case 'exists': return rows.length > 0;
    case 'scalar':
      if (rows.length > 1) throw new SqlError(SQLSTATE.CardinalityViolation, 'more than one row returned by a subquery used as an expression');
      return rows.length === 0 ? null : rows[0]![0]!;
    case 'array': {
      const column = sub.plan.output[0]!.type;
      // ARRAY(SELECT arr …) stacks the arrays into one more dimension, as array_agg does.
      if (column.array && !column.vector) {
        const nested = new NestedArrayBuilder();
        for (const r of rows) nested.add(r[0]!);
        return nested.result() ?? [];
      }
      return makeArray(rows.map((r) => r[0]!), sub.type.array ? { ...sub.type, array: false } : sub.type);
    }
    case 'in': case 'any': case 'all': {
      const result = quantified(sub.op ?? '=', sub.mode !== 'all', operand, rows.map((r) => r[0]!));
      return result === null ? null : result !== sub.negated;
    }
  }
}

/** How many rows the subquery needs to produce before its answer is known. */
function rowsNeeded(sub: BoundSubquery): number {
  if (sub.mode === 'exists') return 1;
  if (sub.mode === 'scalar') return 2;
  return Infinity;
}

export function compileSubquery(sub: BoundSubquery, layout: ReadonlyMap<number, number>,
  compile: (e: BoundExpr, l: ReadonlyMap<number, number>) => CompiledExpr): CompiledExpr {
  const op = buildOperator(sub.plan);
  const operand = sub.operand ? compile(sub.operand, layout) : undefined;
  const needed = rowsNeeded(sub);
  const refs = sub.correlated ? subqueryReferences(sub.plan) : undefined;
  // Positions in the outer row of the columns the subquery reads: its cache key.
  const keyPositions = refs ? [...refs.columnIds].flatMap((id) => {
    const position = layout.get(id);
    return position === undefined ? [] : [position];
  }) : [];
  const perRun = new WeakMap<ExecContext['subqueryCache'], Map<string, SubqueryResult>>();
  // The uncorrelated result of each run, with its hash set once built.
  const hashed = new WeakMap<readonly Value[][], SubqueryResult>();
  const byKey = refs && !refs.volatile ? hashedCorrelation(sub.plan) : undefined;
  const lookup = byKey ? hashedLookup(byKey, needed, layout, compile) : undefined;
  return async (rows: readonly Row[], ctx: ExecContext) => {
    const operands = operand ? await operand(rows, ctx) : undefined;
    if (lookup) {
      const results = await lookup(rows, ctx);
      return results.map((result, i) => answer(sub, operands ? operands[i]! : null, result));
    }
    if (!sub.correlated) {
      let cached = ctx.subqueryCache.get(sub);
      if (!cached) {
        cached = await firstColumnValues(op, ctx, needed);
        ctx.subqueryCache.set(sub, cached);
      }
      let result = hashed.get(cached);
      if (!result) hashed.set(cached, (result = { rows: cached }));
      const once = result;
      return rows.map((_, i) => answer(sub, operands ? operands[i]! : null, once));
    }
    // Columns of queries further out are the same for every row of this batch.
    const fromFurtherOut = refs!.volatile ? '' : rowKey(outerValues(ctx, refs!.columnIds, layout));
    let cache = perRun.get(ctx.subqueryCache);
    if (!cache && !refs!.volatile) perRun.set(ctx.subqueryCache, (cache = new Map()));
    const out: Value[] = [];
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      const key = cache ? `${fromFurtherOut}\u0003${rowKey(keyPositions.map((p) => row[p]!))}` : '';
      let result = cache?.get(key);
      if (!result) {
        result = { rows: await firstColumnValues(op, withOuterRow(ctx, layout, row), needed) };
        if (cache && cache.size < MAX_CACHED_KEYS) cache.set(key, result);
      }
      out.push(answer(sub, operands ? operands[i]! : null, result));
    }
    return out;
  };
}

const NO_ROWS: SubqueryResult = { rows: [] };

/** One key's rows of a hashed subquery: its target list's input, projected when first looked up. */
interface KeyRows { readonly input: Value[][]; result?: SubqueryResult }

/**
 * Per outer row, the rows of a hashed correlated subquery (hashed-correlation.ts): its
 * uncorrelated form runs once per statement run, grouped by the key columns it appends
 * (NULL keys never match), keeping per key the rows the subquery's answer needs; a key without
 * rows gets the subquery's answer over no rows.
 */
function hashedLookup(hashed: HashedCorrelation, needed: number, layout: ReadonlyMap<number, number>,
  compile: (e: BoundExpr, l: ReadonlyMap<number, number>) => CompiledExpr) {
  const op = buildOperator(hashed.rows);
  const emptyOp = hashed.empty ? buildOperator(hashed.empty) : undefined;
  const outerKeys = hashed.outer.map((e) => compile(e, layout));
  const width = hashed.project.input.output.length;
  const inputLayout = new Map(hashed.project.input.output.map((c, i) => [c.id, i]));
  const targets = hashed.project.exprs.map((e) => compile(e, inputLayout));
  const perRun = new WeakMap<ExecContext['subqueryCache'], { table: Map<string, KeyRows>; missing: KeyRows }>();
  const build = async (ctx: ExecContext) => {
    const table = new Map<string, KeyRows>();
    const missing: KeyRows = { input: emptyOp ? await firstColumnValues(emptyOp, ctx, needed) : [] };
    const memory = reserveMemory(ctx, 'SubPlan (hashed)');
    try {
      for await (const batch of op.execute(ctx)) {
        memory.addRows(batch);
        for (const row of batch) {
          const key = row.slice(width);
          if (key.some((v) => v === null)) continue;
          const k = rowKey(key);
          const entry = table.get(k);
          if (!entry) table.set(k, { input: [row.slice(0, width)] });
          else if (entry.input.length < needed) entry.input.push(row.slice(0, width));
        }
      }
    } finally {
      memory.release();
    }
    return { table, missing };
  };
  const project = async (entry: KeyRows, ctx: ExecContext): Promise<SubqueryResult> => {
    if (entry.input.length === 0) return NO_ROWS;
    const columns: Value[][] = [];
    for (const target of targets) columns.push(await target(entry.input, ctx));
    return { rows: entry.input.map((_, r) => columns.map((c) => c[r]!)) };
  };
  return async (rows: readonly Row[], ctx: ExecContext): Promise<SubqueryResult[]> => {
    let built = perRun.get(ctx.subqueryCache);
    if (!built) perRun.set(ctx.subqueryCache, (built = await build(ctx)));
    const { table, missing } = built;
    const columns: Value[][] = [];
    for (const key of outerKeys) columns.push(await key(rows, ctx));
    const results: SubqueryResult[] = [];
    for (let r = 0; r < rows.length; r++) {
      const key = columns.map((c) => c[r]!);
      const entry = key.some((v) => v === null) ? missing : table.get(rowKey(key)) ?? missing;
      entry.result ??= await project(entry, ctx);
      results.push(entry.result);
    }
    return results;
  };
}

/** Values the subquery reads from rows of queries enclosing this one (not the current row). */
function outerValues(ctx: ExecContext, ids: ReadonlySet<number>, layout: ReadonlyMap<number, number>): Value[] {
  const values: Value[] = [];
  for (const id of ids) {
    if (layout.has(id)) continue;
    for (let outer = ctx.outer; outer; outer = outer.parent) {
      const index = outer.layout.get(id);
      if (index !== undefined) {
        values.push(outer.row[index]!);
        break;
      }
    }
  }
  return values;
}
