/**
 * Named arguments in a call (`make_interval(years => 2, mins := 5)`): split from the argument
 * list so the binder can place them by the function's parameter names. PostgreSQL's parser
 * refuses a positional argument after a named one and a name used twice (42601).
 */
import type { Node } from 'libpg-query';
import type { ConvertContext } from './convert-context.js';
import { syntaxError } from './not-supported.js';

/** The arguments as plain expressions, and their names when any is named. */
export function splitNamedArguments(list: readonly Node[] | undefined, ctx: ConvertContext):
  { plain: readonly Node[] | undefined; argNames: readonly (string | undefined)[] | undefined } {
  if (!list?.some((n) => 'NamedArgExpr' in n)) return { plain: list, argNames: undefined };
  const plain: Node[] = [];
  const argNames: (string | undefined)[] = [];
  for (const node of list) {
    if ('NamedArgExpr' in node) {
      const named = node.NamedArgExpr;
      const name = named.name ?? '';
      if (argNames.includes(name)) throw syntaxError(`argument name "${name}" used more than once`, ctx, named.location);
      plain.push(named.arg as Node);
      argNames.push(name);
    } else {
      if (argNames.some((n) => n !== undefined)) {
        throw syntaxError('positional argument cannot follow named argument', ctx, locationOf(node));
      }
      plain.push(node);
      argNames.push(undefined);
    }
  }
  return { plain, argNames };
}

function locationOf(node: Node): number | undefined {
  const inner = Object.values(node)[0] as { location?: number } | undefined;
  return inner?.location;
}
