/**
 * pg_type facts PostgreSQL 15.18 reports for the types this server has (and their arrays):
 * storage, alignment and the I/O functions (regproc OIDs and names), copied from its catalog
 * so drivers that test e.g. `typinput = 'array_in'::regproc` see the same answers.
 */

/** One pg_type row's fixed facts; the I/O functions are [oid, name] pairs (0 / '-' = none). */
export interface PgTypeFacts {
  readonly oid: number;
  readonly typname: string;
  readonly typlen: number;
  readonly typbyval: boolean;
  readonly typtype: string;
  readonly typcategory: string;
  readonly typispreferred: boolean;
  readonly typdelim: string;
  readonly typelem: number;
  readonly typarray: number;
  readonly typinput: readonly [number, string];
  readonly typoutput: readonly [number, string];
  readonly typreceive: readonly [number, string];
  readonly typsend: readonly [number, string];
  readonly typmodin: readonly [number, string];
  readonly typmodout: readonly [number, string];
  readonly typalign: string;
  readonly typstorage: string;
  readonly typcollation: number;
  readonly typsubscript: readonly [number, string];
}

type Row = [number, string, number, boolean, string, string, boolean, string, number, number,
  number, string, number, string, number, string, number, string, number, string, number, string,
  string, string, number, number, string];

const ROWS: readonly Row[] = [
  [16, 'bool', 1, true, 'b', 'B', true, ',', 0, 1000, 1242, 'boolin', 1243, 'boolout', 2436, 'boolrecv', 2437, 'boolsend', 0, '-', 0, '-', 'c', 'p', 0, 0, '-'],
  [17, 'bytea', -1, false, 'b', 'U', false, ',', 0, 1001, 1244, 'byteain', 31, 'byteaout', 2412, 'bytearecv', 2413, 'byteasend', 0, '-', 0, '-', 'i', 'x', 0, 0, '-'],
  [18, 'char', 1, true, 'b', 'Z', false, ',', 0, 1002, 1245, 'charin', 33, 'charout', 2434, 'charrecv', 2435, 'charsend', 0, '-', 0, '-', 'c', 'p', 0, 0, '-'],
  [19, 'name', 64, false, 'b', 'S', false, ',', 18, 1003, 34, 'namein', 35, 'nameout', 2422, 'namerecv', 2423, 'namesend', 0, '-', 0, '-', 'c', 'p', 950, 6180, 'raw_array_subscript_handler'],
  [20, 'int8', 8, true, 'b', 'N', false, ',', 0, 1016, 460, 'int8in', 461, 'int8out', 2408, 'int8recv', 2409, 'int8send', 0, '-', 0, '-', 'd', 'p', 0, 0, '-'],
  [21, 'int2', 2, true, 'b', 'N', false, ',', 0, 1005, 38, 'int2in', 39, 'int2out', 2404, 'int2recv', 2405, 'int2send', 0, '-', 0, '-', 's', 'p', 0, 0, '-'],
  [23, 'int4', 4, true, 'b', 'N', false, ',', 0, 1007, 42, 'int4in', 43, 'int4out', 2406, 'int4recv', 2407, 'int4send', 0, '-', 0, '-', 'i', 'p', 0, 0, '-'],
  [24, 'regproc', 4, true, 'b', 'N', false, ',', 0, 1008, 44, 'regprocin', 45, 'regprocout', 2444, 'regprocrecv', 2445, 'regprocsend', 0, '-', 0, '-', 'i', 'p', 0, 0, '-'],
  [25, 'text', -1, false, 'b', 'S', true, ',', 0, 1009, 46, 'textin', 47, 'textout', 2414, 'textrecv', 2415, 'textsend', 0, '-', 0, '-', 'i', 'x', 100, 0, '-'],
  [26, 'oid', 4, true, 'b', 'N', true, ',', 0, 1028, 1798, 'oidin', 1799, 'oidout', 2418, 'oidrecv', 2419, 'oidsend', 0, '-', 0, '-', 'i', 'p', 0, 0, '-'],
  [114, 'json', -1, false, 'b', 'U', false, ',', 0, 199, 321, 'json_in', 322, 'json_out', 323, 'json_recv', 324, 'json_send', 0, '-', 0, '-', 'i', 'x', 0, 0, '-'],
  [199, '_json', -1, false, 'b', 'A', false, ',', 114, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [700, 'float4', 4, true, 'b', 'N', false, ',', 0, 1021, 200, 'float4in', 201, 'float4out', 2424, 'float4recv', 2425, 'float4send', 0, '-', 0, '-', 'i', 'p', 0, 0, '-'],
  [701, 'float8', 8, true, 'b', 'N', true, ',', 0, 1022, 214, 'float8in', 215, 'float8out', 2426, 'float8recv', 2427, 'float8send', 0, '-', 0, '-', 'd', 'p', 0, 0, '-'],
  [705, 'unknown', -2, false, 'p', 'X', false, ',', 0, 0, 109, 'unknownin', 110, 'unknownout', 2416, 'unknownrecv', 2417, 'unknownsend', 0, '-', 0, '-', 'c', 'p', 0, 0, '-'],
  [1000, '_bool', -1, false, 'b', 'A', false, ',', 16, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [1001, '_bytea', -1, false, 'b', 'A', false, ',', 17, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [1002, '_char', -1, false, 'b', 'A', false, ',', 18, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [1003, '_name', -1, false, 'b', 'A', false, ',', 19, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 950, 6179, 'array_subscript_handler'],
  [1005, '_int2', -1, false, 'b', 'A', false, ',', 21, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [1007, '_int4', -1, false, 'b', 'A', false, ',', 23, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [1008, '_regproc', -1, false, 'b', 'A', false, ',', 24, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [1009, '_text', -1, false, 'b', 'A', false, ',', 25, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 100, 6179, 'array_subscript_handler'],
  [1014, '_bpchar', -1, false, 'b', 'A', false, ',', 1042, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 2913, 'bpchartypmodin', 2914, 'bpchartypmodout', 'i', 'x', 100, 6179, 'array_subscript_handler'],
  [1015, '_varchar', -1, false, 'b', 'A', false, ',', 1043, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 2915, 'varchartypmodin', 2916, 'varchartypmodout', 'i', 'x', 100, 6179, 'array_subscript_handler'],
  [1016, '_int8', -1, false, 'b', 'A', false, ',', 20, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'd', 'x', 0, 6179, 'array_subscript_handler'],
  [1021, '_float4', -1, false, 'b', 'A', false, ',', 700, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [1022, '_float8', -1, false, 'b', 'A', false, ',', 701, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'd', 'x', 0, 6179, 'array_subscript_handler'],
  [1028, '_oid', -1, false, 'b', 'A', false, ',', 26, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [1042, 'bpchar', -1, false, 'b', 'S', false, ',', 0, 1014, 1044, 'bpcharin', 1045, 'bpcharout', 2430, 'bpcharrecv', 2431, 'bpcharsend', 2913, 'bpchartypmodin', 2914, 'bpchartypmodout', 'i', 'x', 100, 0, '-'],
  [1043, 'varchar', -1, false, 'b', 'S', false, ',', 0, 1015, 1046, 'varcharin', 1047, 'varcharout', 2432, 'varcharrecv', 2433, 'varcharsend', 2915, 'varchartypmodin', 2916, 'varchartypmodout', 'i', 'x', 100, 0, '-'],
  [1082, 'date', 4, true, 'b', 'D', false, ',', 0, 1182, 1084, 'date_in', 1085, 'date_out', 2468, 'date_recv', 2469, 'date_send', 0, '-', 0, '-', 'i', 'p', 0, 0, '-'],
  [1083, 'time', 8, true, 'b', 'D', false, ',', 0, 1183, 1143, 'time_in', 1144, 'time_out', 2470, 'time_recv', 2471, 'time_send', 2909, 'timetypmodin', 2910, 'timetypmodout', 'd', 'p', 0, 0, '-'],
  [1114, 'timestamp', 8, true, 'b', 'D', false, ',', 0, 1115, 1312, 'timestamp_in', 1313, 'timestamp_out', 2474, 'timestamp_recv', 2475, 'timestamp_send', 2905, 'timestamptypmodin', 2906, 'timestamptypmodout', 'd', 'p', 0, 0, '-'],
  [1115, '_timestamp', -1, false, 'b', 'A', false, ',', 1114, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 2905, 'timestamptypmodin', 2906, 'timestamptypmodout', 'd', 'x', 0, 6179, 'array_subscript_handler'],
  [1182, '_date', -1, false, 'b', 'A', false, ',', 1082, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [1183, '_time', -1, false, 'b', 'A', false, ',', 1083, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 2909, 'timetypmodin', 2910, 'timetypmodout', 'd', 'x', 0, 6179, 'array_subscript_handler'],
  [1184, 'timestamptz', 8, true, 'b', 'D', true, ',', 0, 1185, 1150, 'timestamptz_in', 1151, 'timestamptz_out', 2476, 'timestamptz_recv', 2477, 'timestamptz_send', 2907, 'timestamptztypmodin', 2908, 'timestamptztypmodout', 'd', 'p', 0, 0, '-'],
  [1185, '_timestamptz', -1, false, 'b', 'A', false, ',', 1184, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 2907, 'timestamptztypmodin', 2908, 'timestamptztypmodout', 'd', 'x', 0, 6179, 'array_subscript_handler'],
  [1186, 'interval', 16, false, 'b', 'T', true, ',', 0, 1187, 1160, 'interval_in', 1161, 'interval_out', 2478, 'interval_recv', 2479, 'interval_send', 2903, 'intervaltypmodin', 2904, 'intervaltypmodout', 'd', 'p', 0, 0, '-'],
  [1187, '_interval', -1, false, 'b', 'A', false, ',', 1186, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 2903, 'intervaltypmodin', 2904, 'intervaltypmodout', 'd', 'x', 0, 6179, 'array_subscript_handler'],
  [1231, '_numeric', -1, false, 'b', 'A', false, ',', 1700, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 2917, 'numerictypmodin', 2918, 'numerictypmodout', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [1700, 'numeric', -1, false, 'b', 'N', false, ',', 0, 1231, 1701, 'numeric_in', 1702, 'numeric_out', 2460, 'numeric_recv', 2461, 'numeric_send', 2917, 'numerictypmodin', 2918, 'numerictypmodout', 'i', 'm', 0, 0, '-'],
  [2205, 'regclass', 4, true, 'b', 'N', false, ',', 0, 2210, 2218, 'regclassin', 2219, 'regclassout', 2452, 'regclassrecv', 2453, 'regclasssend', 0, '-', 0, '-', 'i', 'p', 0, 0, '-'],
  [2206, 'regtype', 4, true, 'b', 'N', false, ',', 0, 2211, 2220, 'regtypein', 2221, 'regtypeout', 2454, 'regtyperecv', 2455, 'regtypesend', 0, '-', 0, '-', 'i', 'p', 0, 0, '-'],
  [2210, '_regclass', -1, false, 'b', 'A', false, ',', 2205, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [2211, '_regtype', -1, false, 'b', 'A', false, ',', 2206, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [2278, 'void', 4, true, 'p', 'P', false, ',', 0, 0, 2298, 'void_in', 2299, 'void_out', 3120, 'void_recv', 3121, 'void_send', 0, '-', 0, '-', 'i', 'p', 0, 0, '-'],
  [2950, 'uuid', 16, false, 'b', 'U', false, ',', 0, 2951, 2952, 'uuid_in', 2953, 'uuid_out', 2961, 'uuid_recv', 2962, 'uuid_send', 0, '-', 0, '-', 'c', 'p', 0, 0, '-'],
  [2951, '_uuid', -1, false, 'b', 'A', false, ',', 2950, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [3802, 'jsonb', -1, false, 'b', 'U', false, ',', 0, 3807, 3806, 'jsonb_in', 3804, 'jsonb_out', 3805, 'jsonb_recv', 3803, 'jsonb_send', 0, '-', 0, '-', 'i', 'x', 0, 6098, 'jsonb_subscript_handler'],
  [4072, 'jsonpath', -1, false, 'b', 'U', false, ',', 0, 4073, 4001, 'jsonpath_in', 4003, 'jsonpath_out', 4002, 'jsonpath_recv', 4004, 'jsonpath_send', 0, '-', 0, '-', 'i', 'x', 0, 0, '-'],
  [4073, '_jsonpath', -1, false, 'b', 'A', false, ',', 4072, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
  [5069, 'xid8', 8, true, 'b', 'U', false, ',', 0, 271, 5070, 'xid8in', 5081, 'xid8out', 5082, 'xid8recv', 5083, 'xid8send', 0, '-', 0, '-', 'd', 'p', 0, 0, '-'],
  [5038, 'pg_snapshot', -1, false, 'b', 'U', false, ',', 0, 5039, 5055, 'pg_snapshot_in', 5056, 'pg_snapshot_out', 5057, 'pg_snapshot_recv', 5058, 'pg_snapshot_send', 0, '-', 0, '-', 'd', 'x', 0, 0, '-'],
  [5039, '_pg_snapshot', -1, false, 'b', 'A', false, ',', 5038, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'd', 'x', 0, 6179, 'array_subscript_handler'],
  [271, '_xid8', -1, false, 'b', 'A', false, ',', 5069, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'd', 'x', 0, 6179, 'array_subscript_handler'],
  [3807, '_jsonb', -1, false, 'b', 'A', false, ',', 3802, 0, 750, 'array_in', 751, 'array_out', 2400, 'array_recv', 2401, 'array_send', 0, '-', 0, '-', 'i', 'x', 0, 6179, 'array_subscript_handler'],
];

/** The facts of every type we have, by OID. */
export const PG_TYPE_FACTS: ReadonlyMap<number, PgTypeFacts> = new Map(ROWS.map((r) => [r[0], {
  oid: r[0], typname: r[1], typlen: r[2], typbyval: r[3], typtype: r[4], typcategory: r[5], typispreferred: r[6],
  typdelim: r[7], typelem: r[8], typarray: r[9], typinput: [r[10], r[11]], typoutput: [r[12], r[13]],
  typreceive: [r[14], r[15]], typsend: [r[16], r[17]], typmodin: [r[18], r[19]], typmodout: [r[20], r[21]],
  typalign: r[22], typstorage: r[23], typcollation: r[24], typsubscript: [r[25], r[26]],
}]));
