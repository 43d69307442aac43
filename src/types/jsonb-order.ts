/**
 * jsonb's btree order and equality (PostgreSQL's compareJsonbContainers) and a hash key equal
 * for equal values (jsonb_hash: numbers by value, so 1.0 and 1 group together).
 *
 * Order: object > array > boolean > number > string > null; more pairs / elements sort later;
 * equal-sized containers compare member by member in storage order (keys, then values). A
 * top-level scalar is a one-element "raw scalar" array that sorts before a real one-element
 * array, so `[]` < `null` < `[null]`. Both sides are walked with explicit stacks in lockstep,
 * token by token, as PostgreSQL's iterators do.
 */
import { Decimal } from 'decimal.js';
import { compareCodePoints, JsonbObject, type JsonbNode } from './jsonb-node.js';

const enum Tok { Done, Key, Value, Elem, BeginArray, EndArray, BeginObject, EndObject }

/** JsonbValue type ranks (jbvNull < jbvString < jbvNumeric < jbvBool < jbvArray < jbvObject). */
function rank(node: JsonbNode): number {
  if (node === null) return 0;
  if (typeof node === 'string') return 1;
  if (typeof node === 'boolean') return 3;
  if (Array.isArray(node)) return 16;
  if (node instanceof JsonbObject) return 17;
  return 2;
}

interface Frame {
  readonly node: readonly JsonbNode[] | JsonbObject;
  index: number;
  /** Objects: the key has been returned, the value is next. */
  atValue: boolean;
}

/** JsonbIterator without skipping nested containers. */
class Iter {
  /** The current token's value: a scalar, a key string, or the container begun. */
  value: JsonbNode = null;
  rawScalar = false;
  private readonly stack: Frame[] = [];
  private pending: JsonbNode | undefined;
  private started = false;

  constructor(private readonly root: JsonbNode) {}

  next(): Tok {
    if (!this.started) {
      this.started = true;
      const raw = !Array.isArray(this.root) && !(this.root instanceof JsonbObject);
      return this.begin(raw ? [this.root] : this.root, raw);
    }
    if (this.pending !== undefined) {
      const node = this.pending;
      this.pending = undefined;
      return this.begin(node, false);
    }
    const top = this.stack[this.stack.length - 1];
    if (!top) return Tok.Done;
    if (top.node instanceof JsonbObject) {
      const obj = top.node;
      if (top.index >= obj.size) { this.stack.pop(); return Tok.EndObject; }
      if (!top.atValue) {
        top.atValue = true;
        this.value = obj.keys[top.index]!;
        return Tok.Key;
      }
      const v = obj.values[top.index++]!;
      top.atValue = false;
      if (Array.isArray(v) || v instanceof JsonbObject) return this.begin(v, false);
      this.value = v;
      return Tok.Value;
    }
    const arr = top.node;
    if (top.index >= arr.length) { this.stack.pop(); return Tok.EndArray; }
    const v = arr[top.index++]!;
    if (Array.isArray(v) || v instanceof JsonbObject) return this.begin(v, false);
    this.value = v;
    return Tok.Elem;
  }

  private begin(node: JsonbNode, raw: boolean): Tok {
    this.value = node;
    this.rawScalar = raw;
    this.stack.push({ node: node as readonly JsonbNode[] | JsonbObject, index: 0, atValue: false });
    return node instanceof JsonbObject ? Tok.BeginObject : Tok.BeginArray;
  }
}

function compareScalars(a: JsonbNode, b: JsonbNode): number {
  if (a === null) return 0;
  if (typeof a === 'string') return compareCodePoints(a, b as string);
  if (typeof a === 'boolean') return Number(a) - Number(b as boolean);
  const x = a as Decimal;
  const y = b as Decimal;
  return x.cmp(y);
}

/** Three-way comparison of two jsonb values (top-level nodes). */
export function compareJsonb(a: JsonbNode, b: JsonbNode): number {
  const ia = new Iter(a);
  const ib = new Iter(b);
  for (;;) {
    const ra = ia.next();
    const rb = ib.next();
    const va = ia.value;
    const vb = ib.value;
    let res = 0;
    if (ra === rb) {
      if (ra === Tok.Done) return 0;
      if (ra === Tok.EndArray || ra === Tok.EndObject) continue;
      const ta = rank(va);
      const tb = rank(vb);
      if (ta !== tb) res = ta > tb ? 1 : -1;
      else if (ra === Tok.BeginArray) {
        const na = (va as readonly JsonbNode[]).length;
        const nb = (vb as readonly JsonbNode[]).length;
        if (ia.rawScalar !== ib.rawScalar) res = ia.rawScalar ? -1 : 1;
        if (na !== nb) res = na > nb ? 1 : -1;
      } else if (ra === Tok.BeginObject) {
        const na = (va as JsonbObject).size;
        const nb = (vb as JsonbObject).size;
        if (na !== nb) res = na > nb ? 1 : -1;
      } else {
        res = compareScalars(va, vb);
      }
    } else {
      res = rank(va) > rank(vb) ? 1 : -1;
    }
    if (res !== 0) return res;
  }
}

/**
 * A string equal exactly for jsonb values that compare equal: numbers as their value
 * (trailing zeros dropped), everything else as written. Explicit stack, as rendering.
 */
export function jsonbHashKey(root: JsonbNode): string {
  const out: string[] = [];
  const work: (JsonbNode | { text: string })[] = [root];
  while (work.length > 0) {
    const item = work.pop()!;
    if (item === null) out.push('n');
    else if (typeof item === 'string') out.push(JSON.stringify(item));
    else if (typeof item === 'boolean') out.push(item ? 't' : 'f');
    else if (item instanceof Decimal) out.push(`#${item.toString()}`);
    else if (item instanceof JsonbObject) {
      out.push('{');
      work.push({ text: '}' });
      for (let i = item.keys.length - 1; i >= 0; i--) work.push(item.values[i]!, { text: `${JSON.stringify(item.keys[i]!)}:` });
    } else if (Array.isArray(item)) {
      out.push('[');
      work.push({ text: ']' });
      for (let i = item.length - 1; i >= 0; i--) work.push(item[i]!, { text: ',' });
    } else {
      out.push((item as { text: string }).text);
    }
  }
  return out.join('');
}
