/**
 * node-sql-parser data types (and type names we parse by hand) → our TypeRef with PostgreSQL
 * typnames: int → int4, double precision → float8, varchar(20) → varchar [20], real[] → float4 dims 1.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { TypeRef } from '../ast.js';
import type { NspNode } from '../nsp.js';
import { TYPE_PLACEHOLDER_BASE } from '../rewrite-markers.js';

const TYPNAMES: Readonly<Record<string, string>> = {
  int: 'int4', integer: 'int4', int4: 'int4', smallint: 'int2', int2: 'int2',
  bigint: 'int8', int8: 'int8', real: 'float4', float4: 'float4',
  'double precision': 'float8', double: 'float8', float8: 'float8', float: 'float8',
  numeric: 'numeric', decimal: 'numeric', text: 'text', varchar: 'varchar',
  'character varying': 'varchar', char: 'bpchar', character: 'bpchar', bpchar: 'bpchar',
  boolean: 'bool', bool: 'bool', date: 'date', timestamp: 'timestamp',
  'timestamp without time zone': 'timestamp', timestamptz: 'timestamptz',
  'timestamp with time zone': 'timestamptz', time: 'time', 'time without time zone': 'time',
  timetz: 'timetz', 'time with time zone': 'timetz', interval: 'interval', bytea: 'bytea',
  json: 'json', jsonb: 'jsonb', uuid: 'uuid', oid: 'oid', regclass: 'regclass', regtype: 'regtype',
  regproc: 'regproc', regprocedure: 'regprocedure', regnamespace: 'regnamespace', name: 'name',
  xid: 'xid', int2vector: 'int2vector', oidvector: 'oidvector', unknown: 'unknown', void: 'void',
  record: 'record', anyarray: 'anyarray', pg_node_tree: 'pg_node_tree', inet: 'inet',
};

/** First words of the built-in type names, for typed literals (`TIMESTAMPTZ '…'`); not INTERVAL, whose field qualifiers node-sql-parser parses itself. */
const TYPED_LITERAL_WORDS = new Set(Object.keys(TYPNAMES).map((k) => k.split(' ')[0]!).filter((w) => w !== 'interval'));

/** True when `word` can start a typed literal `type 'text'`. */
export function startsTypedLiteral(word: string): boolean {
  return TYPED_LITERAL_WORDS.has(word.toLowerCase());
}

/**
 * Normalise a type name as written (lower-cased words joined by one space).
 * `quoted` keeps `"char"` (the one-byte type) apart from `char` (bpchar).
 * @example normaliseType('double precision', [], 0) // → { name: 'float8', modifiers: [], arrayDims: 0 }
 */
export function normaliseType(written: string, modifiers: readonly number[], arrayDims: number, quoted = false): TypeRef {
  const key = written.trim().replace(/\s+/g, ' ').toLowerCase();
  if (quoted) return { name: key, modifiers, arrayDims };
  let name = TYPNAMES[key];
  if (name === undefined && key.startsWith('_')) return { name: key.slice(1), modifiers, arrayDims: arrayDims + 1 };
  if (name === undefined) name = key;
  // float(p): p ≤ 24 is real, as in PostgreSQL.
  if (key === 'float' && modifiers.length > 0) {
    return { name: modifiers[0]! <= 24 ? 'float4' : 'float8', modifiers: [], arrayDims };
  }
  if (name === 'bpchar' && modifiers.length === 0 && key !== 'bpchar') return { name, modifiers: [1], arrayDims };
  return { name, modifiers, arrayDims };
}

/**
 * One node-sql-parser cast target → TypeRef. The rewriter replaced every cast target it could
 * parse by `varchar(TYPE_PLACEHOLDER_BASE + k)`; those come back as types[k].
 */
export function transformType(t: NspNode, types: readonly TypeRef[] = []): TypeRef {
  if (t === null || typeof t !== 'object' || typeof t.dataType !== 'string') {
    throw new SqlError(SQLSTATE.FeatureNotSupported, 'type syntax not supported');
  }
  if (String(t.dataType).toUpperCase() === 'VARCHAR' && typeof t.length === 'number' && t.length >= TYPE_PLACEHOLDER_BASE) {
    const placed = types[t.length - TYPE_PLACEHOLDER_BASE];
    if (placed !== undefined) return placed;
  }
  const suffix: string[] = Array.isArray(t.suffix) ? t.suffix.filter((s: unknown) => typeof s === 'string') : [];
  const written = [t.dataType, ...suffix].join(' ');
  const mods: number[] = [];
  if (typeof t.length === 'number') mods.push(t.length);
  if (typeof t.scale === 'number') mods.push(t.scale);
  const dims = typeof t.array?.dimension === 'number' ? t.array.dimension : 0;
  return normaliseType(written, mods, dims, t.quoted === '"');
}
