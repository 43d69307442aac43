/**
 * Assignment through indirection — `SET a[i][j] = v`, `SET a[l:u] = arr`, `SET f.x = v`,
 * `INSERT INTO t (f4[1].if2[1]) …` — as a nest of calls over the column's current value
 * (array-assign.ts's setters, a field setter), PostgreSQL's SubscriptingRef / FieldStore.
 * `assignLeafType` gives the type the assigned value is coerced to; `composeAssignment`
 * builds the new column value. An inner step reads the current element or field first, so
 * `SET f4[1].x = v` keeps the element's other fields.
 */
import { SqlError, SQLSTATE } from '../../../common/sql-error.js';
import { arrayAssignElement, arrayAssignSlice } from '../../../functions/scalar/array-assign.js';
import { arrayElementFetch } from '../../../functions/scalar/array-subscript.js';
import type { ScalarOverload } from '../../../functions/function-types.js';
import type { AssignStep } from '../../../parser/ast.js';
import { MAX_ARRAY_DIMS, tooManyDims } from '../../../types/array-shape.js';
import { baseTypeOf, elementTypeOf, formatTypeName, T, type SqlType } from '../../../types/sql-type.js';
import { RecordValue, type Value } from '../../../types/value.js';
import type { BoundExpr } from '../../logical/bound-expr.js';
import { notSubscriptable } from './bind-array.js';
import { bindArrayIndex } from './bind-array-subscript.js';
import { selectField } from './bind-record.js';
import { coerce } from './coerce.js';
import { withDomainChecks } from './bind-domain-check.js';
import type { ExprContext } from './expr-context.js';
import type { BindContext } from '../bind-context.js';

type SubscriptStep = Exclude<AssignStep, { kind: 'field' }>;

/** The leading run of subscripts, and what follows it. */
function splitSubscripts(steps: readonly AssignStep[]): { subs: SubscriptStep[]; rest: readonly AssignStep[] } {
  let n = 0;
  while (n < steps.length && steps[n]!.kind !== 'field') n++;
  return { subs: steps.slice(0, n) as SubscriptStep[], rest: steps.slice(n) };
}

function fieldIndex(type: SqlType, name: string, column: string): number {
  if (!type.fields) {
    throw new SqlError(SQLSTATE.DatatypeMismatch,
      `cannot assign to field "${name}" of column "${column}" because its type ${formatTypeName(type)} is not a composite type`);
  }
  const index = type.fields.findIndex((f) => f.name === name);
  if (index < 0) {
    throw new SqlError(SQLSTATE.UndefinedColumn,
      `cannot assign to field "${name}" of column "${column}" because there is no such column in data type ${formatTypeName(type)}`);
  }
  return index;
}

/** The type a value assigned through `steps` into a column of `type` must have. */
export function assignLeafType(type: SqlType, steps: readonly AssignStep[], column: string): SqlType {
  if (steps.length === 0) return type;
  const { subs, rest } = splitSubscripts(steps);
  if (subs.length > 0) {
    if (!type.array) throw notSubscriptable(type);
    if (subs.length > MAX_ARRAY_DIMS) throw tooManyDims(subs.length);
    if (subs.some((s) => s.kind === 'slice')) {
      if (rest.length > 0) throw new SqlError(SQLSTATE.FeatureNotSupported, 'assigning through an array slice to a field is not supported');
      return type;
    }
    return assignLeafType(elementTypeOf(type), rest, column);
  }
  const first = steps[0] as Extract<AssignStep, { kind: 'field' }>;
  const index = fieldIndex(type, first.name, column);
  return assignLeafType(type.fields![index]!.type, steps.slice(1), column);
}

/** `current` (of the column's type, possibly NULL) with `leaf` (of assignLeafType) stored through `steps`. */
export function composeAssignment(ctx: ExprContext, current: BoundExpr, steps: readonly AssignStep[], leaf: BoundExpr, column: string): BoundExpr {
  if (steps.length === 0) return leaf;
  const type = current.type;
  const { subs, rest } = splitSubscripts(steps);
  if (subs.length > 0) {
    if (subs.some((s) => s.kind === 'slice')) {
      const bounds = subs.flatMap((s) => (s.kind === 'index'
        ? [constant(1), bindArrayIndex(s.index, ctx)]
        : [s.lower ? bindArrayIndex(s.lower, ctx) : constant(-Infinity), s.upper ? bindArrayIndex(s.upper, ctx) : constant(Infinity)]));
      return { kind: 'Call', type, name: 'array_set_slice', overload: arrayAssignSlice, args: [current, leaf, ...bounds] };
    }
    const indexes = subs.map((s) => bindArrayIndex((s as Extract<AssignStep, { kind: 'index' }>).index, ctx));
    const element = elementTypeOf(type);
    const inner = rest.length === 0 ? leaf : composeAssignment(ctx,
      { kind: 'Call', type: element, name: 'array_element', overload: arrayElementFetch, args: [current, ...indexes] }, rest, leaf, column);
    return { kind: 'Call', type, name: 'array_set_element', overload: arrayAssignElement, args: [current, inner, ...indexes] };
  }
  const first = steps[0] as Extract<AssignStep, { kind: 'field' }>;
  const index = fieldIndex(type, first.name, column);
  const inner = steps.length === 1 ? leaf : composeAssignment(ctx, selectField(current, index), steps.slice(1), leaf, column);
  return { kind: 'Call', type, name: 'field_assign', overload: fieldSetter(type, index), args: [current, inner] };
}

function constant(value: number): BoundExpr {
  return { kind: 'Constant', type: T.int4, value };
}

/** (record, value) → the record with field `index` replaced; a NULL record becomes one of NULLs. */
function fieldSetter(type: SqlType, index: number): ScalarOverload {
  const fieldTypes = type.fields!.map((f) => f.type);
  return {
    args: [type, fieldTypes[index]!], returns: type, volatility: 'immutable', strict: false,
    call: ([record, value]) => {
      const values: Value[] = record === null ? fieldTypes.map(() => null) : [...(record as RecordValue).values];
      values[index] = value ?? null;
      return new RecordValue(values, fieldTypes);
    },
  };
}

/** The value of an assignment through `steps`, coerced to the leaf type with PostgreSQL's 42804 wording. */
export function coerceAssignedLeaf(ctx: ExprContext, value: BoundExpr, leafType: SqlType, steps: readonly AssignStep[], column: string): BoundExpr {
  const last = steps[steps.length - 1];
  return coerce(ctx.bind, value, leafType, 'assignment', (from, to) => (last?.kind === 'field'
    ? `column "${last.name}" is of type ${to} but expression is of type ${from}`
    : `subscripted assignment to "${column}" requires type ${to} but expression is of type ${from}`));
}

/**
 * A value composed for a column through subscripts or fields, checked against the column's
 * domain constraints when its type is a domain (the composition itself never checks them).
 */
export function asDomainColumn(bind: BindContext, expr: BoundExpr, type: SqlType): BoundExpr {
  if (!type.domain) return expr;
  return withDomainChecks(bind, { ...expr, type: baseTypeOf(type) } as BoundExpr, type);
}
