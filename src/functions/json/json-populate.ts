/**
 * JSON objects → SQL rows (PostgreSQL's populate_record machinery): json[b]_populate_record[set]
 * and json[b]_to_record[set]. Each field takes the object member of its name: JSON null is NULL,
 * a json / jsonb field gets the member as JSON, an array field a JSON array (or an array literal
 * in a string), a composite field an object (or a record literal), any other field the member's
 * text through the type's input (22P02 on bad text, typmods checked); a missing member keeps the
 * base record's value; a NULL for a NOT NULL domain is 23502. Nested JSON arrays fill
 * multi-dimensional arrays. Errors are PostgreSQL's (`cannot call populate_composite on an array`,
 * `expected JSON array` with the key in a HINT …).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { JsonbObject, jsonbKind, type JsonbNode } from '../../types/jsonb-node.js';
import { parseJsonb, JsonbValue } from '../../types/jsonb-value.js';
import { quoteJsonString, renderJsonb } from '../../types/jsonb-text.js';
import { MAX_ARRAY_DIMS, shapeSize, tooManyDims, withShape } from '../../types/array-shape.js';
import { T, type RecordField, type SqlType } from '../../types/sql-type.js';
import { domainChain } from '../../types/user-type.js';
import { RecordValue, type Value } from '../../types/value.js';
import { castValue } from '../casts.js';
import type { EvalContext } from '../function-types.js';
import { parseJsonTree, type JsonTree } from './json-tree.js';

type Kind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** The operations population needs, over json span trees or jsonb nodes. */
export interface JsonSource<N> {
  kind(node: N): Kind;
  /** An object's member (the last of duplicates). */
  member(node: N, key: string): N | undefined;
  items(node: N): readonly N[];
  /** What a scalar field's input function reads: a string's value, anything else as JSON text. */
  text(node: N): string;
  /** The member as a json value (text). */
  json(node: N): string;
  /** The member as a jsonb tree. */
  jsonb(node: N): JsonbNode;
}

export const jsonTreeSource: JsonSource<JsonTree> = {
  kind: (n) => n.kind,
  member: (n, key) => {
    if (n.kind !== 'object') return undefined;
    for (let i = n.entries.length - 1; i >= 0; i--) if (n.entries[i]![0] === key) return n.entries[i]![1];
    return undefined;
  },
  items: (n) => (n.kind === 'array' ? n.items : []),
  text: (n) => (n.kind === 'string' ? n.value : n.raw),
  json: (n) => (n.kind === 'string' ? quoteJsonString(n.value) : n.raw),
  jsonb: (n) => parseJsonb(n.kind === 'string' ? quoteJsonString(n.value) : n.raw),
};

export const jsonbNodeSource: JsonSource<JsonbNode> = {
  kind: jsonbKind,
  member: (n, key) => (n instanceof JsonbObject ? n.get(key) : undefined),
  items: (n) => (Array.isArray(n) ? n : []),
  text: (n) => (typeof n === 'string' ? n : renderJsonb(n)),
  json: (n) => renderJsonb(n),
  jsonb: (n) => n,
};

function invalid(message: string): SqlError {
  return new SqlError(SQLSTATE.InvalidParameterValue, message);
}

/** populate_composite's check that the JSON is an object. */
function requireObject<N>(src: JsonSource<N>, node: N): void {
  const kind = src.kind(node);
  if (kind === 'array') throw invalid('cannot call populate_composite on an array');
  if (kind !== 'object') throw invalid('cannot call populate_composite on a scalar');
}

function malformedArray(): SqlError {
  return new SqlError(SQLSTATE.InvalidTextRepresentation, 'malformed JSON array',
    { detail: 'Multidimensional arrays must have sub-arrays with matching dimensions.' });
}

/**
 * `value` for a field of `type`: NULL for a domain with NOT NULL (on it or a domain below) is
 * 23502, as PostgreSQL's domain_check. The domain's CHECK constraints are not evaluated here.
 */
function notNullDomain(type: SqlType, value: Value): Value {
  if (value === null && type.domain && domainChain(type.domain).some((d) => d.notNull)) {
    throw new SqlError(SQLSTATE.NotNullViolation, `domain ${type.domain.name} does not allow null values`);
  }
  return value;
}

function expectedArray(colname: string, indices?: string): SqlError {
  return new SqlError(SQLSTATE.InvalidTextRepresentation, 'expected JSON array', {
    hint: indices ? `See the array element ${indices} of key "${colname}".` : `See the value of key "${colname}".`,
  });
}

function elementOf(type: SqlType): SqlType {
  return { id: type.id, array: false, typmod: type.typmod, ...(type.fields ? { fields: type.fields } : {}) };
}

/** Dimensions as PostgreSQL counts them: nesting down to the first non-array element (or empty array). */
function dimensions<N>(src: JsonSource<N>, node: N): number {
  let ndims = 1;
  let current = node;
  for (;;) {
    const items = src.items(current);
    if (items.length === 0 || src.kind(items[0]!) !== 'array') return ndims;
    current = items[0]!;
    ndims++;
  }
}

class Populator<N> {
  constructor(private readonly src: JsonSource<N>, private readonly ctx: EvalContext | undefined) {}

  /** One field's value from `node` (PostgreSQL's populate_record_field). */
  field(node: N, type: SqlType, colname: string, base: Value): Value {
    const kind = this.src.kind(node);
    if (kind === 'null') return notNullDomain(type, null);
    if (kind === 'string' && (type.array || type.fields)) return this.input(this.src.text(node), type);
    if (type.array) return this.array(node, type, colname);
    if (type.fields) {
      requireObject(this.src, node);
      return this.record(node, type.fields, base instanceof RecordValue ? base : null);
    }
    if (type.id === 'jsonb') return JsonbValue.of(this.src.jsonb(node));
    if (type.id === 'json') return this.src.json(node);
    return this.input(this.src.text(node), type);
  }

  /** A row of `fields` from object `node`, missing members from `base`. */
  record(node: N, fields: readonly RecordField[], base: RecordValue | null): RecordValue {
    const values = fields.map((f, i) => {
      const member = this.src.member(node, f.name);
      const fallback = base?.values[i] ?? null;
      return member === undefined ? notNullDomain(f.type, fallback) : this.field(member, f.type, f.name, fallback);
    });
    return new RecordValue(values, fields.map((f) => f.type));
  }

  /**
   * A JSON array as a SQL array of as many dimensions as its first elements nest; every
   * sub-array of a level must have that level's length (22P02 otherwise, as populate_array).
   */
  private array(node: N, type: SqlType, colname: string): Value {
    if (this.src.kind(node) !== 'array') throw expectedArray(colname);
    const ndims = dimensions(this.src, node);
    if (ndims > MAX_ARRAY_DIMS) throw tooManyDims(ndims);
    const element = elementOf(type);
    const dims: number[] = [];
    const elements: Value[] = [];
    const walk = (level: N, depth: number, path: string) => {
      const items = this.src.items(level);
      if (dims[depth] === undefined) dims[depth] = items.length;
      else if (dims[depth] !== items.length) throw malformedArray();
      items.forEach((item, i) => {
        if (depth === ndims - 1) {
          elements.push(this.field(item, element, colname, null));
          return;
        }
        if (this.src.kind(item) !== 'array') throw expectedArray(colname, `${path}[${i}]`);
        walk(item, depth + 1, `${path}[${i}]`);
      });
    };
    walk(node, 0, '');
    if (ndims === 1) return elements;
    const shape = { dims: Array.from({ length: ndims }, (_, d) => dims[d] ?? 0), lbounds: Array<number>(ndims).fill(1) };
    return shapeSize(shape) === 0 ? [] : withShape(elements, shape);
  }

  private input(text: string, type: SqlType): Value {
    return castValue(text, T.text, type, false, { timeZone: this.ctx?.setting('timezone') ?? 'UTC' });
  }
}

/** json[b]_populate_record / json[b]_to_record: one row from an object (NULL JSON gives `base`). */
export function populateRecord<N>(src: JsonSource<N>, node: N | null, fields: readonly RecordField[], base: Value,
  ctx: EvalContext | undefined): Value {
  if (node === null) return base;
  requireObject(src, node);
  return new Populator(src, ctx).record(node, fields, base instanceof RecordValue ? base : null);
}

/** json[b]_populate_recordset / json[b]_to_recordset: a row per object of an array. */
export function* populateRecordset<N>(src: JsonSource<N>, node: N, fields: readonly RecordField[], base: Value,
  ctx: EvalContext | undefined, funcName: string, jsonb: boolean): Iterable<Value[]> {
  const kind = src.kind(node);
  if (kind !== 'array') {
    if (jsonb) throw invalid(`cannot call ${funcName} on a non-array`);
    throw invalid(kind === 'object' ? `cannot call ${funcName} on an object` : `cannot call ${funcName} on a scalar`);
  }
  const items = src.items(node);
  if (items.some((item) => src.kind(item) !== 'object')) throw invalid(`argument of ${funcName} must be an array of objects`);
  const populator = new Populator(src, ctx);
  const defaults = base instanceof RecordValue ? base : null;
  for (const item of items) yield [...populator.record(item, fields, defaults).values];
}

/** The JSON argument of a json or jsonb function as a node of its source. */
export function jsonArgument(value: Value, jsonb: boolean): JsonTree | JsonbNode {
  return jsonb ? (value as JsonbValue).root : parseJsonTree(value as string);
}
