/**
 * The jsonpath evaluator (PostgreSQL's executeItemOptUnwrapTarget): walks a path's items over a
 * jsonb tree and yields the items it reaches, lazily, so `exists` and `@?` stop at the first.
 * Lax mode (the default) unwraps arrays before `.key`, `.*`, filters and methods, wraps
 * non-arrays before `[…]`, and yields nothing where strict mode raises a structural error.
 */
import { Decimal } from 'decimal.js';
import { SQLSTATE } from '../../common/sql-error.js';
import { JsonbObject, isJsonbNumber, type JsonbNode } from '../../types/jsonb-node.js';
import { isPredicate, type JsonPathExpr, type JsonPathItem } from '../../types/jsonpath-ast.js';
import { scaleOf, withScale } from '../../types/numeric-codec.js';
import { applyMethod, jsonPathArithmetic } from './jsonpath-methods.js';
import { truth, type JsonPathSequences } from './jsonpath-predicates.js';
import { jsonPathError, missingVariable, type JsonPathContext, type JsonPathScope } from './jsonpath-scope.js';

type Items = Generator<JsonbNode, void, undefined>;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;
/** Nodes `.**` visits between cancellation checks. */
const INTERRUPT_INTERVAL = 4096;

function isContainer(node: JsonbNode): node is readonly JsonbNode[] | JsonbObject {
  return Array.isArray(node) || node instanceof JsonbObject;
}

function children(node: readonly JsonbNode[] | JsonbObject): readonly JsonbNode[] {
  return node instanceof JsonbObject ? node.values : node;
}

export class JsonPathEvaluator implements JsonPathSequences {
  readonly lax: boolean;

  constructor(private readonly cx: JsonPathContext) {
    this.lax = cx.lax;
  }

  /** The items `expr` reaches from the document's root. */
  run(expr: JsonPathExpr): Items {
    const scope: JsonPathScope = { current: this.cx.root, arraySize: -1, ignoreStructural: this.lax };
    return this.item(scope, expr, 0, this.cx.root, this.lax);
  }

  items(scope: JsonPathScope, expr: JsonPathExpr, jb: JsonbNode): Items {
    return this.item(scope, expr, 0, jb, this.lax);
  }

  sequence(scope: JsonPathScope, expr: JsonPathExpr, jb: JsonbNode, unwrap: boolean): JsonbNode[] {
    const out: JsonbNode[] = [];
    for (const v of this.item(scope, expr, 0, jb, this.lax)) {
      if (unwrap && this.lax && Array.isArray(v)) out.push(...v);
      else out.push(v);
    }
    return out;
  }

  /** The items after `chain[i]`, given the item it produced. */
  private *next(scope: JsonPathScope, chain: JsonPathExpr, i: number, v: JsonbNode): Items {
    if (i + 1 < chain.length) yield* this.item(scope, chain, i + 1, v, this.lax);
    else yield v;
  }

  /** `chain[i]` applied to each element of an array (lax mode's automatic unwrapping). */
  private *eachElement(scope: JsonPathScope, chain: JsonPathExpr, i: number, array: readonly JsonbNode[]): Items {
    for (const element of array) yield* this.item(scope, chain, i, element, false);
  }

  private *item(scope: JsonPathScope, chain: JsonPathExpr, i: number, jb: JsonbNode, unwrap: boolean): Items {
    const item = chain[i]!;
    if (isPredicate(item)) {
      yield* this.next(scope, chain, i, truth(this, scope, [item], jb));
      return;
    }
    switch (item.kind) {
      case 'root': yield* this.next(scope, chain, i, this.cx.root); return;
      case 'current': yield* this.next(scope, chain, i, scope.current); return;
      case 'literal': yield* this.next(scope, chain, i, item.value); return;
      case 'variable': yield* this.next(scope, chain, i, this.variable(item.name)); return;
      case 'last':
        yield* this.next(scope, chain, i, new Decimal(scope.arraySize - 1));
        return;
      case 'key': yield* this.key(scope, chain, i, item.name, jb, unwrap); return;
      case 'anyKey':
        if (jb instanceof JsonbObject) {
          for (const v of jb.values) yield* this.next(scope, chain, i, v);
        } else if (unwrap && Array.isArray(jb)) yield* this.eachElement(scope, chain, i, jb);
        else if (!scope.ignoreStructural) {
          throw jsonPathError(SQLSTATE.SqlJsonObjectNotFound, 'jsonpath wildcard member accessor can only be applied to an object');
        }
        return;
      case 'anyArray':
        if (Array.isArray(jb)) {
          for (const v of jb) yield* this.next(scope, chain, i, v);
        } else if (this.lax) yield* this.next(scope, chain, i, jb);
        else if (!scope.ignoreStructural) {
          throw jsonPathError(SQLSTATE.SqlJsonArrayNotFound, 'jsonpath wildcard array accessor can only be applied to an array');
        }
        return;
      case 'index': yield* this.subscripts(scope, chain, i, item, jb); return;
      case 'any': yield* this.anyLevels(scope, chain, i, item, jb); return;
      case 'filter':
        if (unwrap && Array.isArray(jb)) yield* this.eachElement(scope, chain, i, jb);
        else if (truth(this, { ...scope, current: jb }, item.predicate, jb) === true) yield* this.next(scope, chain, i, jb);
        return;
      case 'method': {
        if (unwrap && Array.isArray(jb) && item.name !== 'type' && item.name !== 'size') {
          yield* this.eachElement(scope, chain, i, jb);
          return;
        }
        const v = applyMethod(item.name, jb, this.lax, scope.ignoreStructural);
        if (v !== undefined) yield* this.next(scope, chain, i, v);
        return;
      }
      case 'arithmetic': {
        const name = item.op;
        const l = this.sequence(scope, item.left, jb, true);
        const r = this.sequence(scope, item.right, jb, true);
        if (l.length !== 1 || !isJsonbNumber(l[0]!)) {
          throw jsonPathError(SQLSTATE.SingletonSqlJsonItemRequired, `left operand of jsonpath operator ${name} is not a single numeric value`);
        }
        if (r.length !== 1 || !isJsonbNumber(r[0]!)) {
          throw jsonPathError(SQLSTATE.SingletonSqlJsonItemRequired, `right operand of jsonpath operator ${name} is not a single numeric value`);
        }
        yield* this.next(scope, chain, i, jsonPathArithmetic(item.op, l[0] as Decimal, r[0] as Decimal));
        return;
      }
      case 'unary':
        for (const v of this.sequence(scope, item.operand, jb, true)) {
          if (!isJsonbNumber(v)) {
            throw jsonPathError(SQLSTATE.SqlJsonNumberNotFound, `operand of unary jsonpath operator ${item.op} is not a numeric value`);
          }
          yield* this.next(scope, chain, i, item.op === '-' ? withScale(v.neg(), scaleOf(v)) : v);
        }
        return;
      default:
        return;
    }
  }

  private variable(name: string): JsonbNode {
    // Without a vars object (the operators) every variable is null, as in PostgreSQL 15.
    if (!this.cx.vars) return null;
    const value = this.cx.vars.get(name);
    if (value === undefined) throw missingVariable(name);
    return value;
  }

  private *key(scope: JsonPathScope, chain: JsonPathExpr, i: number, name: string, jb: JsonbNode, unwrap: boolean): Items {
    if (jb instanceof JsonbObject) {
      const v = jb.get(name);
      if (v !== undefined) yield* this.next(scope, chain, i, v);
      else if (!scope.ignoreStructural) throw jsonPathError(SQLSTATE.SqlJsonMemberNotFound, `JSON object does not contain key "${name}"`);
    } else if (unwrap && Array.isArray(jb)) yield* this.eachElement(scope, chain, i, jb);
    else if (!scope.ignoreStructural) {
      throw jsonPathError(SQLSTATE.SqlJsonMemberNotFound, 'jsonpath member accessor can only be applied to an object');
    }
  }

  /** A subscript's value: one number, truncated to an int4. */
  private index(scope: JsonPathScope, expr: JsonPathExpr, jb: JsonbNode): number {
    const values = [...this.item(scope, expr, 0, jb, this.lax)];
    const v = values[0];
    if (values.length !== 1 || v === undefined || !isJsonbNumber(v)) {
      throw jsonPathError(SQLSTATE.InvalidSqlJsonSubscript, 'jsonpath array subscript is not a single numeric value');
    }
    const n = v.trunc().toNumber();
    if (n < INT32_MIN || n > INT32_MAX) throw jsonPathError(SQLSTATE.InvalidSqlJsonSubscript, 'jsonpath array subscript is out of integer range');
    return n;
  }

  private *subscripts(scope: JsonPathScope, chain: JsonPathExpr, i: number, item: Extract<JsonPathItem, { kind: 'index' }>, jb: JsonbNode): Items {
    const array = Array.isArray(jb) ? jb : undefined;
    if (!array && !this.lax) {
      if (!scope.ignoreStructural) throw jsonPathError(SQLSTATE.SqlJsonArrayNotFound, 'jsonpath array accessor can only be applied to an array');
      return;
    }
    // Lax mode treats a non-array as an array of one.
    const size = array ? array.length : 1;
    const inner: JsonPathScope = { ...scope, arraySize: size };
    for (const sub of item.subscripts) {
      let from = this.index(inner, sub.from, jb);
      let to = sub.to ? this.index(inner, sub.to, jb) : from;
      if (!scope.ignoreStructural && (from < 0 || from > to || to >= size)) {
        throw jsonPathError(SQLSTATE.InvalidSqlJsonSubscript, 'jsonpath array subscript is out of bounds');
      }
      from = Math.max(from, 0);
      to = Math.min(to, size - 1);
      for (let k = from; k <= to; k++) yield* this.next(scope, chain, i, array ? array[k]! : jb);
    }
  }

  /** `.**{first to last}`: the item itself at level 0, then descendants, depth first. */
  private *anyLevels(scope: JsonPathScope, chain: JsonPathExpr, i: number, item: Extract<JsonPathItem, { kind: 'any' }>, jb: JsonbNode): Items {
    const first = item.first < 0 ? Infinity : item.first;
    const last = item.last < 0 ? Infinity : item.last;
    const below: JsonPathScope = { ...scope, ignoreStructural: true };
    if (first === 0) yield* this.next(below, chain, i, jb);
    if (isContainer(jb)) yield* this.descend(below, chain, i, jb, 1, first, last);
  }

  /** Descendants from `level` down, pre-order, with an explicit stack: documents nest 10,000 deep. */
  private *descend(scope: JsonPathScope, chain: JsonPathExpr, i: number, container: readonly JsonbNode[] | JsonbObject,
    level: number, first: number, last: number): Items {
    const stack: { readonly items: readonly JsonbNode[]; next: number; readonly level: number }[] = [];
    if (level <= last) stack.push({ items: children(container), next: 0, level });
    let visited = 0;
    while (stack.length > 0) {
      if (++visited % INTERRUPT_INTERVAL === 0) this.cx.checkInterrupts?.();
      const top = stack[stack.length - 1]!;
      if (top.next >= top.items.length) {
        stack.pop();
        continue;
      }
      const v = top.items[top.next++]!;
      // `**{last}` asks for the leaves.
      if (top.level >= first || (first === Infinity && last === Infinity && !isContainer(v))) yield* this.next(scope, chain, i, v);
      if (top.level < last && isContainer(v)) stack.push({ items: children(v), next: 0, level: top.level + 1 });
    }
  }
}
