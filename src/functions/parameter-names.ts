/**
 * Parameter names and defaults of the built-in functions that PostgreSQL lets a call name its
 * arguments for (`make_interval(days => 10)`). A default is SQL literal text, as pg_proc's
 * proargdefaults holds an expression; parameters without one come first.
 */

export interface ParameterNames {
  readonly names: readonly string[];
  /** Defaults of the last `defaults.length` parameters. */
  readonly defaults: readonly string[];
}

const PARAMETER_NAMES: Readonly<Record<string, ParameterNames>> = {
  make_interval: { names: ['years', 'months', 'weeks', 'days', 'hours', 'mins', 'secs'], defaults: ['0', '0', '0', '0', '0', '0', '0.0'] },
};

/** The named parameters of `name`, or undefined when its arguments cannot be named. */
export function parameterNames(name: string): ParameterNames | undefined {
  return Object.hasOwn(PARAMETER_NAMES, name) ? PARAMETER_NAMES[name] : undefined;
}
