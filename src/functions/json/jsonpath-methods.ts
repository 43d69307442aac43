/**
 * jsonpath item methods on one (already unwrapped) item: `.type()`, `.size()`, `.abs()`,
 * `.floor()`, `.ceiling()`, `.double()`, and the arithmetic operators, with PostgreSQL 15's
 * errors (each suppressible, as RETURN_ERROR makes them).
 */
import { Decimal } from 'decimal.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { parseFloat } from '../../types/float-codec.js';
import { isJsonbNumber, jsonbKind, type JsonbNode } from '../../types/jsonb-node.js';
import type { JsonPathArithmetic, JsonPathMethod } from '../../types/jsonpath-ast.js';
import { parseNumeric, scaleOf, withScale } from '../../types/numeric-codec.js';
import { numericAdd, numericDiv, numericMod, numericMul, numericSub } from '../numeric-math.js';
import { jsonPathError, SuppressibleJsonPathError } from './jsonpath-scope.js';
import { DBL_DIG } from '../../types/float-codec.js';

/** float8_numeric keeps DBL_DIG significant digits. */

const ARITHMETIC: Readonly<Record<JsonPathArithmetic, (a: Decimal, b: Decimal) => Decimal>> = {
  '+': numericAdd, '-': numericSub, '*': numericMul, '/': numericDiv, '%': numericMod,
};

/** `a op b` on numeric items; division by zero is suppressible like the other item errors. */
export function jsonPathArithmetic(op: JsonPathArithmetic, a: Decimal, b: Decimal): Decimal {
  try {
    return ARITHMETIC[op](a, b);
  } catch (e) {
    if (e instanceof SqlError) throw new SuppressibleJsonPathError(e);
    throw e;
  }
}

function notNumeric(name: string): SuppressibleJsonPathError {
  return jsonPathError(SQLSTATE.NonNumericSqlJsonItem, `jsonpath item method .${name}() can only be applied to a numeric value`);
}

function toDouble(jb: JsonbNode): Decimal {
  let value: number;
  if (isJsonbNumber(jb)) {
    value = jb.toNumber();
    if (!Number.isFinite(value)) {
      throw jsonPathError(SQLSTATE.NonNumericSqlJsonItem, 'numeric argument of jsonpath item method .double() is out of range for type double precision');
    }
  } else if (typeof jb === 'string') {
    const invalid = () => jsonPathError(SQLSTATE.NonNumericSqlJsonItem,
      'string argument of jsonpath item method .double() is not a valid representation of a double precision number');
    try {
      value = parseFloat(jb, false);
    } catch {
      throw invalid();
    }
    if (!Number.isFinite(value)) throw invalid();
  } else {
    throw jsonPathError(SQLSTATE.NonNumericSqlJsonItem, 'jsonpath item method .double() can only be applied to a string or numeric value');
  }
  return parseNumeric(String(Number(value.toPrecision(DBL_DIG))));
}

/**
 * The result of method `name` on `jb` (not an array when the caller unwraps), or undefined
 * for `.size()` of a non-array in strict mode below `.**` (nothing, no error).
 */
export function applyMethod(name: JsonPathMethod, jb: JsonbNode, lax: boolean, ignoreStructural: boolean): JsonbNode | undefined {
  switch (name) {
    case 'type': return jsonbKind(jb);
    case 'size':
      if (Array.isArray(jb)) return new Decimal(jb.length);
      if (lax) return new Decimal(1);
      if (ignoreStructural) return undefined;
      throw jsonPathError(SQLSTATE.SqlJsonArrayNotFound, 'jsonpath item method .size() can only be applied to an array');
    case 'abs':
      if (!isJsonbNumber(jb)) throw notNumeric(name);
      return withScale(jb.abs(), scaleOf(jb));
    case 'floor':
      if (!isJsonbNumber(jb)) throw notNumeric(name);
      return withScale(jb.floor(), 0);
    case 'ceiling':
      if (!isJsonbNumber(jb)) throw notNumeric(name);
      return withScale(jb.ceil(), 0);
    case 'double': return toDouble(jb);
    case 'keyvalue': case 'datetime':
      throw new SqlError(SQLSTATE.FeatureNotSupported, `jsonpath item method .${name}() is not supported`);
  }
}
