/**
 * PostgreSQL 15's built-in btree and hash operator classes, by name, as a partition key may
 * name them: which access method has which class, and which column types each accepts (the
 * type itself, or one binary-coercible to it: varchar to text, int4 / reg* to oid, any array
 * to array_ops). Only the classes whose order or hash is the type's own are usable here; user
 * operator classes (CREATE OPERATOR CLASS) do not exist in this server, so a key naming one is
 * refused rather than partitioned by another class's hash or order.
 */
import type { SqlType } from '../types/sql-type.js';

type AccessMethod = 'btree' | 'hash';

/** The input types a class accepts; `undefined` for PostgreSQL classes of types this server lacks. */
const TEXT = ['text', 'varchar'];
/** int4, oid and the reg* types are binary-coercible to one another. */
const OID = ['oid', 'int4', 'regclass', 'regtype', 'regproc'];
const ACCEPTS: Readonly<Record<string, readonly string[] | 'array' | undefined>> = {
  bool_ops: ['bool'], int2_ops: ['int2'], int4_ops: OID, int8_ops: ['int8'],
  float4_ops: ['float4'], float8_ops: ['float8'], numeric_ops: ['numeric'],
  text_ops: TEXT, varchar_ops: TEXT, text_pattern_ops: TEXT, varchar_pattern_ops: TEXT,
  bpchar_ops: ['bpchar'], bpchar_pattern_ops: ['bpchar'], name_ops: ['name'], char_ops: ['char'],
  date_ops: ['date'], time_ops: ['time'], timestamp_ops: ['timestamp'], timestamptz_ops: ['timestamptz'],
  interval_ops: ['interval'], bytea_ops: ['bytea'], jsonb_ops: ['jsonb'], uuid_ops: ['uuid'], oid_ops: OID,
  array_ops: 'array',
};

/** Classes PostgreSQL 15 has for only one of the two methods (the rest of ACCEPTS' names, and these, exist for both). */
const BTREE_ONLY = new Set(['bit_ops', 'varbit_ops', 'money_ops', 'tsquery_ops', 'tsvector_ops', 'record_image_ops']);
const HASH_ONLY = new Set(['xid_ops', 'cid_ops', 'aclitem_ops']);
const BOTH_UNSUPPORTED_TYPES = new Set([
  'inet_ops', 'cidr_ops', 'macaddr_ops', 'macaddr8_ops', 'enum_ops', 'range_ops', 'multirange_ops', 'record_ops',
  'oidvector_ops', 'pg_lsn_ops', 'tid_ops', 'timetz_ops', 'xid8_ops',
]);

/** Types with no default class for either method (PostgreSQL's json, which has no equality). */
const NO_DEFAULT = new Set(['json']);

export type OpclassProblem =
  | { readonly kind: 'missing' }
  | { readonly kind: 'wrong-type' }
  | { readonly kind: 'no-default' }
  /** A class PostgreSQL would accept whose order this server does not implement for the type. */
  | { readonly kind: 'unsupported' };

/** What is wrong with keying `type` by `opclass` (or by the type's default class) under `method`; undefined when nothing is. */
export function opclassProblem(method: AccessMethod, type: SqlType, opclass: string | undefined): OpclassProblem | undefined {
  if (opclass === undefined) return NO_DEFAULT.has(type.id) && !type.array ? { kind: 'no-default' } : undefined;
  const exists = (opclass in ACCEPTS) || BOTH_UNSUPPORTED_TYPES.has(opclass)
    || (method === 'btree' ? BTREE_ONLY : HASH_ONLY).has(opclass);
  if (!exists) return { kind: 'missing' };
  const accepts = ACCEPTS[opclass];
  if (accepts === 'array') return type.array ? undefined : { kind: 'wrong-type' };
  if (accepts === undefined || type.array || !accepts.includes(type.id)) return { kind: 'wrong-type' };
  // oid's order is unsigned, int4's signed (their hashes agree): a btree class of the other would order keys differently here.
  const signed = (id: string) => id === 'int4';
  if (method === 'btree' && signed(type.id) !== signed(opclass.slice(0, -'_ops'.length))) return { kind: 'unsupported' };
  return undefined;
}

/** The default operator class's name for a key type (pg_get_partkeydef shows a class only when another was chosen). */
export function defaultOpclass(type: SqlType): string {
  if (type.array) return 'array_ops';
  if (type.id === 'varchar') return 'text_ops';
  return `${type.id}_ops`;
}
