/**
 * jsonb's in-memory form: a parsed tree, built once when a value enters (input, storage,
 * functions) and shared by every operator after that. Scalars are JS values (numbers as
 * numeric Decimals keeping their display scale); arrays are JS arrays; objects keep their keys
 * unique and in PostgreSQL's storage order (shorter keys first, then by bytes), so a lookup is
 * a binary search and output needs no sort.
 */
import { Decimal } from 'decimal.js';

export type JsonbScalar = null | boolean | string | Decimal;
export type JsonbArray = readonly JsonbNode[];
export type JsonbNode = JsonbScalar | JsonbArray | JsonbObject;
export type JsonbKind = 'null' | 'string' | 'number' | 'boolean' | 'array' | 'object';

/** The UTF-8 length of `s` (jsonb orders keys by byte length first). */
export function utf8ByteLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) n += c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 1 : 2;
  }
  return n;
}

/** Code-point order, which is UTF-8 byte order (UTF-16 units differ above the surrogates). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates encode code points above U+FFFF: they sort after U+E000–U+FFFF.
    if (x >= 0xd800 && x < 0xe000) x += 0x2000;
    else if (x >= 0xe000) x -= 0x800;
    if (y >= 0xd800 && y < 0xe000) y += 0x2000;
    else if (y >= 0xe000) y -= 0x800;
    return x - y;
  }
  return a.length - b.length;
}

/** PostgreSQL's lengthCompareJsonbStringValue: byte length, then bytes. */
export function compareJsonbKeys(a: string, b: string): number {
  if (a === b) return 0;
  return utf8ByteLength(a) - utf8ByteLength(b) || compareCodePoints(a, b);
}

/** An object: unique keys in storage order and their values. */
export class JsonbObject {
  private constructor(readonly keys: readonly string[], readonly values: readonly JsonbNode[]) {}

  static readonly EMPTY = new JsonbObject([], []);

  /** From pairs in any order; a repeated key keeps its last value (as jsonb input does). */
  static fromPairs(keys: readonly string[], values: readonly JsonbNode[]): JsonbObject {
    const n = keys.length;
    if (n === 0) return JsonbObject.EMPTY;
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) sorted = compareJsonbKeys(keys[i - 1]!, keys[i]!) < 0;
    if (sorted) return new JsonbObject(keys.slice(), values.slice());
    const order = Array.from({ length: n }, (_, i) => i);
    // Equal keys: the later pair first, so the first of each run is the one kept.
    order.sort((i, j) => compareJsonbKeys(keys[i]!, keys[j]!) || j - i);
    const outKeys: string[] = [];
    const outValues: JsonbNode[] = [];
    for (const i of order) {
      if (outKeys.length > 0 && outKeys[outKeys.length - 1] === keys[i]) continue;
      outKeys.push(keys[i]!);
      outValues.push(values[i]!);
    }
    return new JsonbObject(outKeys, outValues);
  }

  /** From keys already unique and in storage order. */
  static fromSorted(keys: readonly string[], values: readonly JsonbNode[]): JsonbObject {
    return keys.length === 0 ? JsonbObject.EMPTY : new JsonbObject(keys, values);
  }

  get size(): number {
    return this.keys.length;
  }

  /** The position of `key`, or -(insertion point) - 1. */
  indexOf(key: string): number {
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const c = compareJsonbKeys(this.keys[mid]!, key);
      if (c === 0) return mid;
      if (c < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -lo - 1;
  }

  get(key: string): JsonbNode | undefined {
    const i = this.indexOf(key);
    return i >= 0 ? this.values[i] : undefined;
  }

  has(key: string): boolean {
    return this.indexOf(key) >= 0;
  }

  /** A copy with `key` set to `value` (added or replaced). */
  with(key: string, value: JsonbNode): JsonbObject {
    const i = this.indexOf(key);
    const keys = this.keys.slice();
    const values = this.values.slice();
    if (i >= 0) values[i] = value;
    else {
      keys.splice(-i - 1, 0, key);
      values.splice(-i - 1, 0, value);
    }
    return new JsonbObject(keys, values);
  }

  /** A copy without `key` (this object when it has no such key). */
  without(key: string): JsonbObject {
    const i = this.indexOf(key);
    if (i < 0) return this;
    const keys = this.keys.slice();
    const values = this.values.slice();
    keys.splice(i, 1);
    values.splice(i, 1);
    return JsonbObject.fromSorted(keys, values);
  }
}

export function isJsonbArray(node: JsonbNode): node is JsonbArray {
  return Array.isArray(node);
}

export function jsonbKind(node: JsonbNode): JsonbKind {
  if (node === null) return 'null';
  switch (typeof node) {
    case 'string': return 'string';
    case 'boolean': return 'boolean';
    default: break;
  }
  if (Array.isArray(node)) return 'array';
  if (node instanceof JsonbObject) return 'object';
  return 'number';
}

export function isJsonbScalar(node: JsonbNode): node is JsonbScalar {
  return !Array.isArray(node) && !(node instanceof JsonbObject);
}

export function isJsonbNumber(node: JsonbNode): node is Decimal {
  return node instanceof Decimal;
}
