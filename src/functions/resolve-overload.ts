/**
 * Overload resolution, a simplified form of PostgreSQL's func_select_candidate: keep the
 * signatures every argument converts to implicitly (unknown literals convert to anything),
 * binding polymorphic any* parameters; then prefer most exact matches, then most preferred
 * types (float8, text, timestamptz…), then string parameters for unknown arguments. For a
 * binary operator with one unknown side, the unknown is first assumed to match the other.
 */
import { arrayTypeOf, baseTypeOf, elementTypeOf, TYPE_INFO, type SqlType } from '../types/sql-type.js';
import { canCast } from './casts.js';
import type { ArgSpec } from './function-types.js';

export interface Signature {
  readonly args: readonly ArgSpec[];
  readonly variadic?: ArgSpec;
}

export interface Resolved<O> {
  readonly overload: O;
  /** The concrete type each argument must be converted to. */
  readonly paramTypes: readonly SqlType[];
  /**
   * Best candidates tie and the unknown arguments do not single one out (`sum('a')`: numeric or
   * interval; `gcd('4', '6')`: int4, int8 or numeric): PostgreSQL reports 42725, not unique.
   */
  readonly ambiguous?: boolean;
}

const PREFERRED = new Set(['float8', 'text', 'timestamptz', 'interval', 'bool', 'oid']);
const TEXT: SqlType = { id: 'text', array: false, typmod: -1 };

function expand(sig: Signature, count: number): readonly ArgSpec[] | undefined {
  if (sig.args.length === count) return sig.args;
  if (sig.variadic && count >= sig.args.length) {
    return [...sig.args, ...Array<ArgSpec>(count - sig.args.length).fill(sig.variadic)];
  }
  return undefined;
}

/** Binds anyelement/anyarray to one element type; undefined if the arguments disagree. */
function bindPolymorphic(specs: readonly ArgSpec[], args: readonly SqlType[]): SqlType[] | undefined {
  let element: SqlType | undefined;
  let unknownArray = false;
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i]!;
    const arg = args[i]!;
    if (spec === 'record' && !arg.fields) return undefined;
    if (arg.id === 'unknown' && !arg.array) {
      // An untyped literal takes the array type the other arguments give (int[] @> '{1}'), but
      // PostgreSQL cannot infer an array type from untyped literals alone.
      if (spec === 'anyarray') unknownArray = true;
      continue;
    }
    let candidate: SqlType | undefined;
    if (spec === 'anyarray') {
      if (!arg.array) return undefined;
      candidate = elementTypeOf({ ...arg, typmod: -1 });
    } else if (spec === 'anyelement') candidate = baseTypeOf(arg);
    else if (spec === 'anyenum') {
      // anyenum is anyelement restricted to enums (a domain over an enum counts as its enum).
      candidate = baseTypeOf(arg);
      if (candidate.id !== 'enum' || candidate.array) return undefined;
    }
    if (!candidate) continue;
    if (element && (element.id !== candidate.id || element.array !== candidate.array)) {
      if (!canCast(candidate, element, 'implicit')) {
        if (!canCast(element, candidate, 'implicit')) return undefined;
        element = candidate;
      }
    } else element = candidate;
  }
  const hasPoly = specs.some((s) => s === 'anyarray' || s === 'anyelement' || s === 'anyenum');
  // An enum cannot be inferred from unknown literals alone.
  if ((specs.includes('anyenum') || unknownArray) && !element) return undefined;
  if (hasPoly && !element) element = TEXT;
  return specs.map((spec, i) => {
    if (spec === 'anyarray') return arrayTypeOf(element!);
    if (spec === 'anyelement' || spec === 'anyenum') return element!;
    if (spec === 'any') return args[i]!.id === 'unknown' ? TEXT : args[i]!;
    if (spec === 'record') return args[i]!;
    return spec;
  });
}

function exact(a: SqlType, b: SqlType): boolean {
  return a.id === b.id && a.array === b.array;
}

interface Scored<O> extends Resolved<O> {
  readonly exact: number;
  readonly preferred: number;
  readonly unknownString: number;
}

/** Picks the best overload for the argument types, or undefined if none applies. */
export function resolveOverload<O extends Signature>(candidates: readonly O[], args: readonly SqlType[]): Resolved<O> | undefined {
  const viable: Scored<O>[] = [];
  for (const overload of candidates) {
    const specs = expand(overload, args.length);
    if (!specs) continue;
    const params = bindPolymorphic(specs, args);
    if (!params) continue;
    let ok = true;
    let exactCount = 0;
    let preferred = 0;
    let unknownString = 0;
    for (let i = 0; i < args.length && ok; i++) {
      const arg = args[i]!;
      const param = params[i]!;
      const spec = specs[i]!;
      const polymorphic = typeof spec === 'string';
      // Only declared concrete types count as exact matches, as in PostgreSQL.
      if (exact(arg, param) || spec === 'any') exactCount += polymorphic ? 0 : 1;
      else if (!canCast(arg, param, 'implicit')) ok = false;
      else if (PREFERRED.has(param.id) && !param.array) preferred++;
      if (arg.id === 'unknown' && TYPE_INFO[param.id].category === 'S' && !param.array) unknownString++;
    }
    if (ok) viable.push({ overload, paramTypes: params, exact: exactCount, preferred, unknownString });
  }
  if (viable.length <= 1) return viable[0];
  if (args.length === 2) {
    const [a, b] = args as [SqlType, SqlType];
    const known = a.id === 'unknown' ? b : b.id === 'unknown' ? a : undefined;
    if (known && known.id !== 'unknown') {
      const same = viable.find((v) => exact(v.paramTypes[0]!, known) && exact(v.paramTypes[1]!, known));
      if (same) return same;
    }
  }
  viable.sort((x, y) => (y.exact - x.exact) || (y.preferred - x.preferred) || (y.unknownString - x.unknownString));
  const best = viable[0]!;
  const tied = viable.filter((v) => v.exact === best.exact && v.preferred === best.preferred);
  if (tied.length < 2 || !args.some((a) => a.id === 'unknown' && !a.array)) return best;
  const chosen = byUnknownArguments(tied, args);
  return chosen ?? { ...best, ambiguous: true };
}

/**
 * PostgreSQL's last steps for unknown arguments (func_select_candidate): at each unknown
 * position a string category wins, else the candidates must agree on one category (`sum('a')`:
 * numeric or interval is not unique), and its preferred type wins where one takes it; then
 * the known arguments, when all of one type, may single one out. More than one signature left
 * is not unique (`mod('7', '3')`: int2, int4, int8 and numeric all fit).
 */
function byUnknownArguments<O>(tied: readonly Resolved<O>[], args: readonly SqlType[]): Resolved<O> | undefined {
  let left = tied;
  for (let i = 0; i < args.length; i++) {
    if (args[i]!.id !== 'unknown' || args[i]!.array) continue;
    const category = (v: Resolved<O>): string => (v.paramTypes[i]!.array ? 'A' : TYPE_INFO[v.paramTypes[i]!.id].category);
    const categories = new Set(left.map(category));
    if (categories.has('S')) left = left.filter((v) => category(v) === 'S');
    else if (categories.size > 1) return undefined;
    const preferred = left.filter((v) => !v.paramTypes[i]!.array && PREFERRED.has(v.paramTypes[i]!.id));
    if (preferred.length > 0) left = preferred;
  }
  const signature = (v: Resolved<O>): string => v.paramTypes.map((t) => `${t.id}${t.array ? '[]' : ''}`).join(',');
  if (new Set(left.map(signature)).size === 1) return left[0];
  const known = args.filter((a) => a.id !== 'unknown');
  if (known.length > 0 && known.every((k) => exact(k, known[0]!))) {
    const accepting = left.filter((v) => args.every((a, i) => a.id !== 'unknown' || canCast(known[0]!, v.paramTypes[i]!, 'implicit')));
    if (accepting.length === 1) return accepting[0];
  }
  return undefined;
}
