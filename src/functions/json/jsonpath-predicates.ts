/**
 * jsonpath predicates (PostgreSQL's executeBoolItem): three-valued results for `&&`, `||`,
 * `!`, `is unknown`, comparisons, `exists`, `starts with` and `like_regex`. A predicate's
 * operands are item sequences: it is true when some pair of items satisfies it (in strict
 * mode only if no pair raised an error) and unknown when an operand raised an error or a
 * pair was not comparable (items of different kinds, arrays, objects).
 */
import type { Decimal } from 'decimal.js';
import { compareCodePoints, jsonbKind, type JsonbNode } from '../../types/jsonb-node.js';
import type { JsonPathComparison, JsonPathExpr, JsonPathItem } from '../../types/jsonpath-ast.js';
import { compileRegex } from '../operators/posix-regex.js';
import { SuppressibleJsonPathError, type JsonPathScope } from './jsonpath-scope.js';

export type Truth = true | false | null;

/** What predicates need from the evaluator: an expression's items on `jb`. */
export interface JsonPathSequences {
  readonly lax: boolean;
  /** The items of `expr` (arrays among them unwrapped when `unwrap` in lax mode). */
  sequence(scope: JsonPathScope, expr: JsonPathExpr, jb: JsonbNode, unwrap: boolean): JsonbNode[];
  /** The lazy items of `expr` (exists stops at the first in lax mode). */
  items(scope: JsonPathScope, expr: JsonPathExpr, jb: JsonbNode): Iterable<JsonbNode>;
}

/** Runs `f`; a suppressible error becomes undefined (PostgreSQL's NoThrow variants). */
function noThrow<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch (e) {
    if (e instanceof SuppressibleJsonPathError) return undefined;
    throw e;
  }
}

function compareItems(op: JsonPathComparison, a: JsonbNode, b: JsonbNode): Truth {
  const kind = jsonbKind(a);
  if (kind !== jsonbKind(b)) {
    // null against a non-null is unequal, never unknown.
    if (a === null || b === null) return op === '!=';
    return null;
  }
  let cmp: number;
  switch (kind) {
    case 'null': cmp = 0; break;
    case 'boolean': cmp = a === b ? 0 : a ? 1 : -1; break;
    case 'number': cmp = (a as Decimal).cmp(b as Decimal); break;
    case 'string':
      if (op === '==') return a === b;
      cmp = compareCodePoints(a as string, b as string);
      break;
    default: return null;
  }
  switch (op) {
    case '==': return cmp === 0;
    case '!=': return cmp !== 0;
    case '<': return cmp < 0;
    case '<=': return cmp <= 0;
    case '>': return cmp > 0;
    case '>=': return cmp >= 0;
  }
}

/** jsonpath `like_regex` flags → PostgreSQL regex options (`.` matches newlines unless `m`). */
function regexOptions(flags: string): string {
  let options = '';
  for (const f of flags) {
    if (f === 'i') options += 'i';
    else if (f === 'm') options += 'n';
    else if (f === 's') options += 's';
    else if (f === 'x') options += 'x';
    else if (f === 'q') options += 'q';
  }
  return options;
}

/** executePredicate: pairs of the operands' items, existence semantics. */
function anyPair(ev: JsonPathSequences, scope: JsonPathScope, jb: JsonbNode, left: JsonPathExpr,
  right: JsonPathExpr | undefined, unwrapRight: boolean, test: (l: JsonbNode, r: JsonbNode | undefined) => Truth): Truth {
  const lseq = noThrow(() => ev.sequence(scope, left, jb, true));
  if (lseq === undefined) return null;
  const rseq = right ? noThrow(() => ev.sequence(scope, right, jb, unwrapRight)) : [undefined];
  if (rseq === undefined) return null;
  let error = false;
  let found = false;
  for (const l of lseq) {
    for (const r of rseq) {
      const t = test(l, r);
      if (t === null) {
        if (!ev.lax) return null;
        error = true;
      } else if (t) {
        if (ev.lax) return true;
        found = true;
      }
    }
  }
  if (found) return true;
  return error ? null : false;
}

function exists(ev: JsonPathSequences, scope: JsonPathScope, expr: JsonPathExpr, jb: JsonbNode): Truth {
  const result = noThrow(() => {
    // Strict mode must see every item to be sure none raises an error.
    if (!ev.lax) return ev.sequence(scope, expr, jb, false).length > 0;
    for (const _ of ev.items(scope, expr, jb)) return true;
    return false;
  });
  return result === undefined ? null : result;
}

function evaluate(ev: JsonPathSequences, scope: JsonPathScope, item: JsonPathItem, jb: JsonbNode): Truth {
  switch (item.kind) {
    case 'logical': {
      const l = truth(ev, scope, item.left, jb);
      if (item.op === '&&') {
        if (l === false) return false;
        // The right side is evaluated even after an unknown left (SQL/JSON asks for it).
        const r = truth(ev, scope, item.right, jb);
        return r === true ? l : r;
      }
      if (l === true) return true;
      const r = truth(ev, scope, item.right, jb);
      return r === false ? l : r;
    }
    case 'not': {
      const t = truth(ev, scope, item.operand, jb);
      return t === null ? null : !t;
    }
    case 'isUnknown': return truth(ev, scope, item.operand, jb) === null;
    case 'compare':
      return anyPair(ev, scope, jb, item.left, item.right, true, (l, r) => compareItems(item.op, l, r!));
    case 'startsWith':
      return anyPair(ev, scope, jb, item.operand, item.prefix, false, (l, r) =>
        (typeof l === 'string' && typeof r === 'string' ? l.startsWith(r) : null));
    case 'likeRegex': {
      const re = compileRegex(item.pattern, false, regexOptions(item.flags));
      return anyPair(ev, scope, jb, item.operand, undefined, false, (l) => (typeof l === 'string' ? re.test(l) : null));
    }
    case 'exists': return exists(ev, scope, item.operand, jb);
    default: return null;
  }
}

/** The truth of a predicate expression (a single predicate item) on `jb`. */
export function truth(ev: JsonPathSequences, scope: JsonPathScope, expr: JsonPathExpr, jb: JsonbNode): Truth {
  return evaluate(ev, scope, expr[0]!, jb);
}
