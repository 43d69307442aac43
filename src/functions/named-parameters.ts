/**
 * Parameter names and defaults of the built-ins that callers name in PostgreSQL's notation
 * `f(a, name => b)` (pg_proc.proargnames / proargdefaults): the binder rewrites such a call
 * to positional arguments, filling skipped parameters with their defaults.
 */

/** A default as an untyped literal: the parameter's type is resolved as for any literal. */
export type ParameterDefault = boolean | string;

export interface NamedParameters {
  readonly names: readonly string[];
  /** Defaults of the trailing parameters, aligned to the end of `names`. */
  readonly defaults: readonly ParameterDefault[];
}

const SET = ['jsonb_in', 'path', 'replacement'];
const PATH_QUERY: NamedParameters = { names: ['target', 'path', 'vars', 'silent'], defaults: ['{}', false] };

const PARAMETERS: Readonly<Record<string, NamedParameters>> = {
  jsonb_set: { names: [...SET, 'create_if_missing'], defaults: [true] },
  jsonb_set_lax: { names: [...SET, 'create_if_missing', 'null_value_treatment'], defaults: [true, 'use_json_null'] },
  jsonb_insert: { names: [...SET, 'insert_after'], defaults: [false] },
  jsonb_path_exists: PATH_QUERY,
  jsonb_path_match: PATH_QUERY,
  jsonb_path_query: PATH_QUERY,
  jsonb_path_query_array: PATH_QUERY,
  jsonb_path_query_first: PATH_QUERY,
  make_interval: { names: ['years', 'months', 'weeks', 'days', 'hours', 'mins', 'secs'], defaults: ['0', '0', '0', '0', '0', '0', '0.0'] },
};

export function namedParameters(name: string): NamedParameters | undefined {
  return Object.hasOwn(PARAMETERS, name) ? PARAMETERS[name] : undefined;
}
