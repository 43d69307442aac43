/**
 * Names of the built-in PostgreSQL type OIDs a result column may carry, so a difference in
 * values can be reported by type ("different values of type interval"). Unknown OIDs are
 * reported by number (user-defined types get OIDs of their own).
 */

const NAMES: ReadonlyMap<number, string> = new Map([
  [16, 'boolean'], [17, 'bytea'], [18, 'char'], [19, 'name'], [20, 'bigint'], [21, 'smallint'], [22, 'int2vector'], [23, 'integer'],
  [24, 'regproc'], [25, 'text'], [26, 'oid'], [30, 'oidvector'], [1006, 'int2vector[]'], [1013, 'oidvector[]'], [114, 'json'], [142, 'xml'], [600, 'point'], [601, 'lseg'], [602, 'path'],
  [603, 'box'], [604, 'polygon'], [628, 'line'], [700, 'real'], [701, 'double precision'], [705, 'unknown'],
  [718, 'circle'], [790, 'money'], [829, 'macaddr'], [869, 'inet'], [650, 'cidr'], [1042, 'character'],
  [1043, 'character varying'], [1082, 'date'], [1083, 'time'], [1114, 'timestamp'], [1184, 'timestamptz'],
  [1186, 'interval'], [1266, 'timetz'], [1560, 'bit'], [1562, 'bit varying'], [1700, 'numeric'], [2205, 'regclass'],
  [2206, 'regtype'], [2249, 'record'], [2950, 'uuid'], [3614, 'tsvector'], [3615, 'tsquery'], [3802, 'jsonb'],
  [4072, 'jsonpath'], [3904, 'int4range'], [3906, 'numrange'], [3908, 'tsrange'], [3910, 'tstzrange'],
  [3912, 'daterange'], [3926, 'int8range'],
  [1000, 'boolean[]'], [1005, 'smallint[]'], [1007, 'integer[]'], [1016, 'bigint[]'], [1009, 'text[]'],
  [1014, 'character[]'], [1015, 'character varying[]'], [1021, 'real[]'], [1022, 'double precision[]'],
  [1231, 'numeric[]'], [1182, 'date[]'], [1115, 'timestamp[]'], [1185, 'timestamptz[]'], [1187, 'interval[]'],
  [199, 'json[]'], [3807, 'jsonb[]'], [1003, 'name[]'], [1028, 'oid[]'], [2287, 'record[]'], [1001, 'bytea[]'],
]);

/** `numeric`, `integer[]`, or `oid 16384` for an OID not listed. */
export function typeName(oid: number | undefined): string {
  if (oid === undefined) return 'unknown';
  return NAMES.get(oid) ?? `oid ${oid}`;
}
