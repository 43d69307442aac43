/**
 * The SQL type system's vocabulary: the types this server stores and returns, with the
 * PostgreSQL OIDs, lengths and names clients see in RowDescription and pg_catalog.
 */
import { intervalTypmodSuffix } from './interval-typmod.js';
import { numericTypmodPrecision, numericTypmodScale } from './numeric-typmod.js';
import type { DomainInfo, UserTypeInfo } from './user-type.js';

/** Scalar type ids, named as in pg_type.typname. */
export type ScalarTypeId =
  | 'bool' | 'int2' | 'int4' | 'int8' | 'float4' | 'float8' | 'numeric'
  | 'text' | 'varchar' | 'bpchar' | 'name' | 'char'
  | 'date' | 'time' | 'timestamp' | 'timestamptz' | 'interval'
  | 'bytea' | 'json' | 'jsonb' | 'jsonpath' | 'uuid' | 'oid' | 'regclass' | 'regtype' | 'regproc'
  | 'xid8' | 'pg_snapshot' | 'unknown' | 'void' | 'enum';

/**
 * A SQL type. `array` marks a one-dimensional array of `id` (PostgreSQL arrays of any
 * dimension share one OID; we store and return one dimension). `typmod` is PostgreSQL's
 * (-1 = none; varchar(n) → n+4; numeric(p,s) → ((p<<16)|s)+4).
 */
export interface SqlType {
  readonly id: ScalarTypeId;
  readonly array: boolean;
  readonly typmod: number;
  /**
   * With `array` on int2/oid: PostgreSQL's int2vector/oidvector (pg_index.indkey, indclass),
   * arrays in every respect except their OID, their text form `1 2` and 0-based subscripts.
   */
  readonly vector?: boolean;
  /**
   * Present on an anonymous composite (`record`, OID 2249): ROW(…), a multi-column
   * set-returning function used as a value. Such types use id `void` (never stored) so
   * storage's per-id codecs stay exhaustive; `fields` is what marks them.
   */
  readonly fields?: readonly RecordField[];
  /**
   * The element type is a user-defined type: a composite (id `void`, with `fields`) or an
   * enum (id `enum`, values are sort positions). See types/user-type.ts.
   */
  readonly udt?: UserTypeInfo;
  /** This whole type is a domain over the type the other fields describe. */
  readonly domain?: DomainInfo;
}

/** One field of a record type; `(value).name` selects it. */
export interface RecordField {
  readonly name: string;
  readonly type: SqlType;
}

/** pg_type OIDs of `record` and `record[]`. */
export const RECORD_OID = 2249;
export const RECORD_ARRAY_OID = 2287;
const RECORD_LABEL = 'record';

/** The anonymous record type with these fields. */
export function recordType(fields: readonly RecordField[]): SqlType {
  return Object.freeze({ id: 'void', array: false, typmod: -1, fields });
}

/** OIDs of the vector types (int2vector, oidvector) by element type. */
const VECTOR_OIDS: Partial<Record<ScalarTypeId, number>> = { int2: 22, oid: 30 };
const VECTOR_NAMES: Partial<Record<ScalarTypeId, string>> = { int2: 'int2vector', oid: 'oidvector' };

/** int2vector (`element` int2) or oidvector (`element` oid). */
export function vectorType(element: 'int2' | 'oid'): SqlType {
  return Object.freeze({ id: element, array: true, typmod: -1, vector: true });
}

export interface TypeInfo {
  readonly oid: number;
  readonly arrayOid: number;
  /** pg_type.typlen: fixed byte width, or -1 for variable length, -2 for C strings. */
  readonly typlen: number;
  /** pg_type.typcategory, used for implicit-cast preferences. */
  readonly category: 'B' | 'N' | 'S' | 'D' | 'U' | 'A' | 'T' | 'X' | 'Z' | 'P' | 'E' | 'C';
}

/** pg_type facts for each scalar type (OIDs from PostgreSQL 15's pg_type.dat). */
export const TYPE_INFO: Readonly<Record<ScalarTypeId, TypeInfo>> = {
  bool: { oid: 16, arrayOid: 1000, typlen: 1, category: 'B' },
  bytea: { oid: 17, arrayOid: 1001, typlen: -1, category: 'U' },
  char: { oid: 18, arrayOid: 1002, typlen: 1, category: 'Z' },
  name: { oid: 19, arrayOid: 1003, typlen: 64, category: 'S' },
  int8: { oid: 20, arrayOid: 1016, typlen: 8, category: 'N' },
  int2: { oid: 21, arrayOid: 1005, typlen: 2, category: 'N' },
  int4: { oid: 23, arrayOid: 1007, typlen: 4, category: 'N' },
  regproc: { oid: 24, arrayOid: 1008, typlen: 4, category: 'N' },
  text: { oid: 25, arrayOid: 1009, typlen: -1, category: 'S' },
  oid: { oid: 26, arrayOid: 1028, typlen: 4, category: 'N' },
  json: { oid: 114, arrayOid: 199, typlen: -1, category: 'U' },
  float4: { oid: 700, arrayOid: 1021, typlen: 4, category: 'N' },
  float8: { oid: 701, arrayOid: 1022, typlen: 8, category: 'N' },
  unknown: { oid: 705, arrayOid: 0, typlen: -2, category: 'X' },
  bpchar: { oid: 1042, arrayOid: 1014, typlen: -1, category: 'S' },
  varchar: { oid: 1043, arrayOid: 1015, typlen: -1, category: 'S' },
  date: { oid: 1082, arrayOid: 1182, typlen: 4, category: 'D' },
  time: { oid: 1083, arrayOid: 1183, typlen: 8, category: 'D' },
  timestamp: { oid: 1114, arrayOid: 1115, typlen: 8, category: 'D' },
  timestamptz: { oid: 1184, arrayOid: 1185, typlen: 8, category: 'D' },
  interval: { oid: 1186, arrayOid: 1187, typlen: 16, category: 'T' },
  numeric: { oid: 1700, arrayOid: 1231, typlen: -1, category: 'N' },
  regclass: { oid: 2205, arrayOid: 2210, typlen: 4, category: 'N' },
  regtype: { oid: 2206, arrayOid: 2211, typlen: 4, category: 'N' },
  uuid: { oid: 2950, arrayOid: 2951, typlen: 16, category: 'U' },
  jsonb: { oid: 3802, arrayOid: 3807, typlen: -1, category: 'U' },
  jsonpath: { oid: 4072, arrayOid: 4073, typlen: -1, category: 'U' },
  xid8: { oid: 5069, arrayOid: 271, typlen: 8, category: 'U' },
  pg_snapshot: { oid: 5038, arrayOid: 5039, typlen: -1, category: 'U' },
  void: { oid: 2278, arrayOid: 0, typlen: 4, category: 'P' },
  // Every enum has its own OIDs (SqlType.udt); these are anyenum's, for a type without one.
  enum: { oid: 3500, arrayOid: 0, typlen: 4, category: 'E' },
};

/** A type value; prefer these shared instances to building literals. */
export function sqlType(id: ScalarTypeId, opts: { array?: boolean; typmod?: number } = {}): SqlType {
  return Object.freeze({ id, array: opts.array ?? false, typmod: opts.typmod ?? -1 });
}

export const T = {
  bool: sqlType('bool'), int2: sqlType('int2'), int4: sqlType('int4'), int8: sqlType('int8'),
  float4: sqlType('float4'), float8: sqlType('float8'), numeric: sqlType('numeric'),
  text: sqlType('text'), varchar: sqlType('varchar'), name: sqlType('name'),
  date: sqlType('date'), timestamp: sqlType('timestamp'), timestamptz: sqlType('timestamptz'),
  interval: sqlType('interval'), bytea: sqlType('bytea'), json: sqlType('json'), jsonb: sqlType('jsonb'),
  jsonpath: sqlType('jsonpath'),
  uuid: sqlType('uuid'), oid: sqlType('oid'), unknown: sqlType('unknown'), xid8: sqlType('xid8'),
  pgSnapshot: sqlType('pg_snapshot'),
  /** real[]: the embedding column type. */
  float4Array: sqlType('float4', { array: true }),
  textArray: sqlType('text', { array: true }),
} as const;

/** The OID a client sees for this type (RowDescription, ParameterDescription). */
export function typeOid(type: SqlType): number {
  if (type.domain) return type.domain.oid;
  if (type.udt) return type.array ? type.udt.arrayOid : type.udt.oid;
  if (type.fields) return type.array ? RECORD_ARRAY_OID : RECORD_OID;
  const info = TYPE_INFO[type.id];
  if (type.vector) return VECTOR_OIDS[type.id] ?? info.arrayOid;
  return type.array ? info.arrayOid : info.oid;
}

/** The RowDescription typlen for this type. */
export function typeLen(type: SqlType): number {
  return type.array || type.fields ? -1 : TYPE_INFO[type.id].typlen;
}

const BY_OID = new Map<number, SqlType>();
for (const [id, info] of Object.entries(TYPE_INFO) as [ScalarTypeId, TypeInfo][]) {
  BY_OID.set(info.oid, sqlType(id));
  if (info.arrayOid) BY_OID.set(info.arrayOid, sqlType(id, { array: true }));
}
BY_OID.set(VECTOR_OIDS.int2!, vectorType('int2'));
BY_OID.set(VECTOR_OIDS.oid!, vectorType('oid'));

/** The type for a client-supplied OID, or undefined for OIDs we do not know. */
export function typeFromOid(oid: number): SqlType | undefined {
  return BY_OID.get(oid);
}

/** PostgreSQL's display name (format_type), e.g. `real[]`, `character varying(20)`. */
export function formatTypeName(type: SqlType): string {
  if (type.vector && VECTOR_NAMES[type.id]) return VECTOR_NAMES[type.id]!;
  if (type.domain) return type.domain.name;
  if (type.udt) return `${type.udt.name}${type.array ? '[]' : ''}`;
  if (type.fields) return `${RECORD_LABEL}${type.array ? '[]' : ''}`;
  const base = DISPLAY_NAMES[type.id] ?? type.id;
  let mod = '';
  if (type.typmod >= 0) {
    if (type.id === 'varchar' || type.id === 'bpchar') mod = `(${type.typmod - 4})`;
    else if (type.id === 'numeric') {
      mod = `(${numericTypmodPrecision(type.typmod)},${numericTypmodScale(type.typmod)})`;
    } else if (type.id === 'interval') mod = intervalTypmodSuffix(type.typmod);
    else if (PRECISION_TYPES[type.id]) return `${PRECISION_TYPES[type.id]}(${type.typmod})${base.slice(PRECISION_TYPES[type.id]!.length)}${type.array ? '[]' : ''}`;
  }
  return `${base}${mod}${type.array ? '[]' : ''}`;
}

/** Types whose precision goes after the first word: `timestamp(2) with time zone`. */
const PRECISION_TYPES: Partial<Record<ScalarTypeId, string>> = { timestamp: 'timestamp', timestamptz: 'timestamp', time: 'time' };

const DISPLAY_NAMES: Partial<Record<ScalarTypeId, string>> = {
  bool: 'boolean', int2: 'smallint', int4: 'integer', int8: 'bigint', float4: 'real',
  float8: 'double precision', varchar: 'character varying', bpchar: 'character',
  timestamp: 'timestamp without time zone', timestamptz: 'timestamp with time zone',
  time: 'time without time zone', char: '"char"',
};

export function sameType(a: SqlType, b: SqlType): boolean {
  return a.id === b.id && a.array === b.array && userTypeOid(a) === userTypeOid(b);
}

/** The OID of the user type (domain, composite, enum) a type is, or 0 for built-in types. */
export function userTypeOid(type: SqlType): number {
  return type.domain?.oid ?? type.udt?.oid ?? 0;
}

/** The type without its domain (PostgreSQL's getBaseType): what operators and functions see. */
export function baseTypeOf(type: SqlType): SqlType {
  if (!type.domain) return type;
  const { domain: _domain, ...base } = type;
  return base;
}

/**
 * The element type of an array type, keeping a user element type (enum, composite) and the
 * typmod. A domain over an array type is first reduced to its base array.
 */
export function elementTypeOf(type: SqlType): SqlType {
  const { domain: _domain, vector: _vector, ...rest } = type;
  return { ...rest, array: false };
}

/** The array type whose elements are `element` (a domain element becomes its base type). */
export function arrayTypeOf(element: SqlType): SqlType {
  const { domain: _domain, vector: _vector, ...rest } = element;
  return { ...rest, array: true, typmod: -1 };
}
