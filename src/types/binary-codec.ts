/**
 * Values ↔ PostgreSQL binary format (format code 1 in Bind/RowDescription): network byte order,
 * dates and timestamps relative to 2000-01-01 (integer_datetimes = on), numeric in base-10000
 * digits, jsonb with a version byte, one-dimensional arrays with PG's array header.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { isPlainShape, MAX_ARRAY_DIMS, shapeOf, tooManyDims, withShape } from './array-shape.js';
import { decodeNumericBinary, encodeNumericBinary } from './numeric-codec.js';
import { elementTypeOf, TYPE_INFO, typeOid, type SqlType } from './sql-type.js';
import { parseText } from './text-codec.js';
import { decodeSnapshotBinary, encodeSnapshotBinary } from './pg-snapshot-codec.js';
import { encodeRecordBinary, recordFieldTypes, withTypeFields } from './record-codec.js';
import { enumLabelOf, enumValueOf } from './user-type.js';
import { MICROS_PER_DAY, RecordValue, type Interval, type Value } from './value.js';
import { Decimal } from 'decimal.js';

/** Days from 1970-01-01 (our epoch) to 2000-01-01 (PostgreSQL's binary epoch). */
const PG_EPOCH_DAYS = 10957;
const PG_EPOCH_MICROS = PG_EPOCH_DAYS * MICROS_PER_DAY;
/** PostgreSQL's binary ±infinity for dates (int32) and timestamps (int64). */
const DATE_NOBEGIN = -0x80000000;
const DATE_NOEND = 0x7fffffff;
const TIMESTAMP_NOBEGIN = -(2n ** 63n);
const TIMESTAMP_NOEND = 2n ** 63n - 1n;
const JSONB_VERSION = 1;
const UUID_BYTES = 16;
/** ndim, hasnull, element OID; then a (length, lower bound) pair per dimension. */
const ARRAY_FIXED_BYTES = 12;
const ARRAY_DIM_BYTES = 8;

function buf(size: number): Buffer {
  return Buffer.alloc(size);
}

function view(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function badBinary(type: SqlType): SqlError {
  return new SqlError(SQLSTATE.InvalidBinaryRepresentation, `incorrect binary data format for type ${type.id}`);
}

/** Encodes a non-null value in binary format. */
export function encodeBinary(value: Value, type: SqlType): Uint8Array {
  if (value === null) throw new SqlError(SQLSTATE.InternalError, 'encodeBinary called with NULL');
  if (value instanceof RecordValue) {
    const fieldTypes = recordFieldTypes(value, type);
    return encodeRecordBinary(withTypeFields(value, type), fieldTypes, (v, i) => encodeBinary(v, fieldTypes[i]!));
  }
  if (type.array) return encodeArray(value, type);
  switch (type.id) {
    case 'enum': return Buffer.from(enumLabelOf(type.udt!, Number(value)), 'utf8');
    case 'bool': return Uint8Array.of(value ? 1 : 0);
    case 'int2': { const b = buf(2); b.writeInt16BE(Number(value)); return b; }
    case 'int4': { const b = buf(4); b.writeInt32BE(Number(value)); return b; }
    case 'oid': case 'regclass': case 'regtype': case 'regproc': { const b = buf(4); b.writeUInt32BE(Number(value)); return b; }
    case 'int8': { const b = buf(8); b.writeBigInt64BE(BigInt(value as bigint | number)); return b; }
    case 'float4': { const b = buf(4); b.writeFloatBE(Number(value)); return b; }
    case 'float8': { const b = buf(8); b.writeDoubleBE(Number(value)); return b; }
    case 'numeric': return encodeNumericBinary(Decimal.isDecimal(value) ? (value as Decimal) : new Decimal(String(value)), type);
    case 'bytea': return value as Uint8Array;
    case 'date': {
      const days = Number(value);
      const b = buf(4);
      b.writeInt32BE(days === Infinity ? DATE_NOEND : days === -Infinity ? DATE_NOBEGIN : days - PG_EPOCH_DAYS);
      return b;
    }
    case 'time': { const b = buf(8); b.writeBigInt64BE(BigInt(Number(value))); return b; }
    case 'timestamp': case 'timestamptz': {
      const micros = Number(value);
      const b = buf(8);
      b.writeBigInt64BE(micros === Infinity ? TIMESTAMP_NOEND : micros === -Infinity ? TIMESTAMP_NOBEGIN : BigInt(micros - PG_EPOCH_MICROS));
      return b;
    }
    case 'interval': {
      const iv = value as Interval;
      const b = buf(16);
      b.writeBigInt64BE(BigInt(iv.micros), 0); b.writeInt32BE(iv.days, 8); b.writeInt32BE(iv.months, 12);
      return b;
    }
    case 'uuid': return Buffer.from(String(value).replace(/-/g, ''), 'hex');
    case 'xid8': { const b = buf(8); b.writeBigUInt64BE(BigInt(value as bigint)); return b; }
    case 'pg_snapshot': return encodeSnapshotBinary(String(value));
    // jsonb and jsonpath: a version byte (1), then the text.
    case 'jsonb': case 'jsonpath': return Buffer.concat([Uint8Array.of(JSONB_VERSION), Buffer.from(String(value), 'utf8')]);
    default: return Buffer.from(String(value), 'utf8');
  }
}

/** Decodes a binary-format parameter; throws 22P03 on malformed bytes. */
export function decodeBinary(bytes: Uint8Array, type: SqlType): Value {
  if (type.array) return decodeArray(bytes, type);
  const b = view(bytes);
  if (type.id === 'enum') return enumValueOf(type.udt!, b.toString('utf8'));
  const fixed = TYPE_INFO[type.id].typlen;
  if (fixed > 0 && type.id !== 'name' && b.length !== fixed) throw badBinary(type);
  switch (type.id) {
    case 'bool': return b[0] !== 0;
    case 'int2': return b.readInt16BE();
    case 'int4': return b.readInt32BE();
    case 'oid': case 'regclass': case 'regtype': case 'regproc': return b.readUInt32BE();
    case 'int8': return b.readBigInt64BE();
    case 'xid8': return b.readBigUInt64BE();
    case 'pg_snapshot': return decodeSnapshotBinary(b);
    case 'float4': return b.readFloatBE();
    case 'float8': return b.readDoubleBE();
    case 'numeric': return decodeNumericBinary(b);
    case 'bytea': return new Uint8Array(b);
    case 'date': {
      const d = b.readInt32BE();
      return d === DATE_NOEND ? Infinity : d === DATE_NOBEGIN ? -Infinity : d + PG_EPOCH_DAYS;
    }
    case 'time': return Number(b.readBigInt64BE());
    case 'timestamp': case 'timestamptz': {
      const t = b.readBigInt64BE();
      return t === TIMESTAMP_NOEND ? Infinity : t === TIMESTAMP_NOBEGIN ? -Infinity : Number(t) + PG_EPOCH_MICROS;
    }
    case 'interval': return { micros: Number(b.readBigInt64BE(0)), days: b.readInt32BE(8), months: b.readInt32BE(12) };
    case 'uuid': {
      if (b.length !== UUID_BYTES) throw badBinary(type);
      const h = b.toString('hex');
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
    }
    case 'jsonb': case 'jsonpath':
      if (b[0] !== JSONB_VERSION) throw new SqlError(SQLSTATE.InvalidBinaryRepresentation, `unsupported ${type.id} version number ${b[0]}`);
      return parseText(b.toString('utf8', 1), type);
    default: return b.toString('utf8');
  }
}

/** Array: ndim, hasnull, element OID, then (dim, lbound) per dimension, then elements. */
function encodeArray(value: Value, type: SqlType): Uint8Array {
  const elementType = elementTypeOf(type);
  const items: readonly Value[] = value instanceof Float32Array ? Array.from(value) : (value as readonly Value[]);
  const shape = shapeOf(value);
  const ndim = shape.dims.length;
  const parts: Uint8Array[] = [];
  const header = buf(ARRAY_FIXED_BYTES + ARRAY_DIM_BYTES * ndim);
  header.writeInt32BE(ndim, 0);
  header.writeInt32BE(items.some((v) => v === null) ? 1 : 0, 4);
  header.writeInt32BE(typeOid(elementType), 8);
  for (let d = 0; d < ndim; d++) {
    header.writeInt32BE(shape.dims[d]!, ARRAY_FIXED_BYTES + ARRAY_DIM_BYTES * d);
    header.writeInt32BE(shape.lbounds[d]!, ARRAY_FIXED_BYTES + ARRAY_DIM_BYTES * d + 4);
  }
  parts.push(header);
  for (const item of items) {
    const len = buf(4);
    if (item === null) { len.writeInt32BE(-1); parts.push(len); continue; }
    const data = encodeBinary(item, elementType);
    len.writeInt32BE(data.length);
    parts.push(len, data);
  }
  return Buffer.concat(parts);
}

function decodeArray(bytes: Uint8Array, type: SqlType): Value {
  const b = view(bytes);
  const bad = () => badBinary(type);
  if (b.length < ARRAY_FIXED_BYTES) throw bad();
  const ndim = b.readInt32BE(0);
  if (ndim === 0) return type.id === 'float4' ? new Float32Array(0) : [];
  if (ndim < 0) throw new SqlError(SQLSTATE.InvalidBinaryRepresentation, `invalid number of dimensions: ${ndim}`);
  if (ndim > MAX_ARRAY_DIMS) throw tooManyDims(ndim);
  let pos = ARRAY_FIXED_BYTES + ARRAY_DIM_BYTES * ndim;
  if (b.length < pos) throw bad();
  const dims: number[] = [];
  const lbounds: number[] = [];
  for (let d = 0; d < ndim; d++) {
    dims.push(b.readInt32BE(ARRAY_FIXED_BYTES + ARRAY_DIM_BYTES * d));
    lbounds.push(b.readInt32BE(ARRAY_FIXED_BYTES + ARRAY_DIM_BYTES * d + 4));
  }
  if (dims.some((d) => d < 0)) throw bad();
  const count = dims.reduce((x, y) => x * y, 1);
  // Every element takes at least its 4-byte length: a count past that is a malformed message.
  if (count > (b.length - pos) / 4) throw bad();
  const elementType = elementTypeOf(type);
  const items: Value[] = [];
  for (let i = 0; i < count; i++) {
    if (pos + 4 > b.length) throw bad();
    const len = b.readInt32BE(pos);
    pos += 4;
    if (len === -1) { items.push(null); continue; }
    if (len < 0 || pos + len > b.length) throw bad();
    items.push(decodeBinary(b.subarray(pos, pos + len), elementType));
    pos += len;
  }
  if (pos !== b.length) throw bad();
  const shape = { dims, lbounds };
  if (!isPlainShape(shape)) return withShape(items, shape);
  if (type.id === 'float4' && items.every((v) => v !== null)) return Float32Array.from(items as number[]);
  return items;
}
