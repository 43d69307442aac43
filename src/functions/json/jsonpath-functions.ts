/**
 * SQL/JSON path functions and operators: jsonb_path_exists / _match / _query / _query_array /
 * _query_first (target, path [, vars [, silent]]) and `@?` / `@@` (no vars, silent). Silent
 * mode turns the suppressible item errors into NULL (or no rows); a missing variable is
 * always an error, as in PostgreSQL.
 */
import { boundedCache } from '../../common/bounded-cache.js';
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { JsonbObject, type JsonbNode } from '../../types/jsonb-node.js';
import { JsonbValue } from '../../types/jsonb-value.js';
import type { JsonPath } from '../../types/jsonpath-ast.js';
import { parseJsonPath } from '../../types/jsonpath-parser.js';
import { T, type SqlType } from '../../types/sql-type.js';
import type { Value } from '../../types/value.js';
import type { EvalContext, ScalarFunction, ScalarOverload, TableFunction, TableFunctionOverload } from '../function-types.js';
import { scalar } from '../overload-builders.js';
import { JsonPathEvaluator } from './jsonpath-eval.js';
import { SuppressibleJsonPathError } from './jsonpath-scope.js';

/** Parsed paths by text: a query usually applies one constant path to every row. */
const PATH_CACHE_LIMIT = 256;
const pathCache = boundedCache<string, JsonPath>(PATH_CACHE_LIMIT);

function pathOf(text: string): JsonPath {
  let path = pathCache.get(text);
  if (!path) {
    path = parseJsonPath(text);
    pathCache.set(text, path);
  }
  return path;
}

interface Call {
  readonly evaluator: JsonPathEvaluator;
  readonly path: JsonPath;
  readonly silent: boolean;
}

function prepare(args: readonly Value[], ctx?: EvalContext): Call {
  const [target, pathText, vars, silent] = args;
  let varsObject: JsonbObject | undefined;
  if (vars !== undefined) {
    const root = (vars as JsonbValue).root;
    if (!(root instanceof JsonbObject)) {
      throw new SqlError(SQLSTATE.InvalidParameterValue, '"vars" argument is not an object',
        { detail: 'Jsonpath parameters should be encoded as key-value pairs of "vars" object.' });
    }
    varsObject = root;
  }
  const path = pathOf(pathText as string);
  const evaluator = new JsonPathEvaluator({
    root: (target as JsonbValue).root, vars: varsObject, lax: !path.strict,
    ...(ctx?.checkInterrupts ? { checkInterrupts: () => ctx.checkInterrupts?.() } : {}),
  });
  // The operators pass two arguments and are always silent.
  return { evaluator, path, silent: args.length < 4 || silent === true };
}

/** Every item, or those found before a suppressed error in silent mode. */
function collect(call: Call): { items: JsonbNode[]; failed: boolean } {
  const items: JsonbNode[] = [];
  try {
    for (const item of call.evaluator.run(call.path.expr)) items.push(item);
  } catch (e) {
    if (!(e instanceof SuppressibleJsonPathError)) throw e;
    if (!call.silent) throw e.error;
    return { items, failed: true };
  }
  return { items, failed: false };
}

function pathExists(args: readonly Value[], ctx?: EvalContext): Value {
  const call = prepare(args, ctx);
  // Strict mode looks at every item, so an error anywhere makes the answer unknown.
  if (call.path.strict) {
    const { items, failed } = collect(call);
    return failed ? null : items.length > 0;
  }
  try {
    for (const _ of call.evaluator.run(call.path.expr)) return true;
    return false;
  } catch (e) {
    if (!(e instanceof SuppressibleJsonPathError)) throw e;
    if (!call.silent) throw e.error;
    return null;
  }
}

function pathMatch(args: readonly Value[], ctx?: EvalContext): Value {
  const call = prepare(args, ctx);
  const { items } = collect(call);
  if (items.length === 1) {
    const only = items[0];
    if (typeof only === 'boolean') return only;
    if (only === null) return null;
  }
  if (!call.silent) throw new SqlError(SQLSTATE.SingletonSqlJsonItemRequired, 'single boolean result is expected');
  return null;
}

const JSONPATH: SqlType = T.jsonpath;
const FORMS = [[T.jsonb, JSONPATH], [T.jsonb, JSONPATH, T.jsonb], [T.jsonb, JSONPATH, T.jsonb, T.bool]];

/** The arguments with PostgreSQL's defaults filled in: vars '{}', silent false. */
function withDefaults(args: readonly Value[]): Value[] {
  const defaults: readonly Value[] = [JsonbValue.of(JsonbObject.EMPTY), false];
  return [...args, ...defaults.slice(args.length - 2)];
}

/** The 2-, 3- and 4-argument forms of a function. */
function forms(returns: SqlType, f: (args: readonly Value[], ctx?: EvalContext) => Value): ScalarOverload[] {
  return FORMS.map((form) => scalar(form, returns, (args, ctx) => f(withDefaults(args), ctx)));
}

const firstItem = (args: readonly Value[], ctx?: EvalContext): Value => {
  const { items } = collect(prepare(args, ctx));
  return items.length > 0 ? JsonbValue.of(items[0]!) : null;
};
const itemsArray = (args: readonly Value[], ctx?: EvalContext): Value => JsonbValue.of(collect(prepare(args, ctx)).items);

export const jsonPathFunctions: readonly ScalarFunction[] = [
  { name: '@?', overloads: [scalar([T.jsonb, JSONPATH], T.bool, pathExists)] },
  { name: '@@', overloads: [scalar([T.jsonb, JSONPATH], T.bool, pathMatch)] },
  { name: 'jsonb_path_exists_opr', overloads: [scalar([T.jsonb, JSONPATH], T.bool, pathExists)] },
  { name: 'jsonb_path_match_opr', overloads: [scalar([T.jsonb, JSONPATH], T.bool, pathMatch)] },
  { name: 'jsonb_path_exists', overloads: forms(T.bool, pathExists) },
  { name: 'jsonb_path_match', overloads: forms(T.bool, pathMatch) },
  { name: 'jsonb_path_query_first', overloads: forms(T.jsonb, firstItem) },
  { name: 'jsonb_path_query_array', overloads: forms(T.jsonb, itemsArray) },
];

function queryOverload(form: readonly SqlType[]): TableFunctionOverload {
  return {
    args: form, returns: () => [T.jsonb], strict: true,
    rows: (args, _types, _fields, ctx) => {
      return collect(prepare(withDefaults(args), ctx)).items.map((item) => [JsonbValue.of(item)]);
    },
  };
}

export const jsonPathTableFunctions: readonly TableFunction[] = [
  { name: 'jsonb_path_query', overloads: FORMS.map(queryOverload) },
];
