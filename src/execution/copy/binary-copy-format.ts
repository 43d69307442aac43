/**
 * PostgreSQL's binary COPY file format (the `PGCOPY` signature, flags, header extension, then
 * per tuple an int16 field count and int32-length-prefixed binary values, -1 for NULL, and an
 * int16 -1 trailer), written here for COPY TO STDOUT (FORMAT binary).
 */
import type { SqlType } from '../../types/sql-type.js';
import { encodeBinary } from '../../types/binary-codec.js';
import type { Row } from '../../types/value.js';

/** `PGCOPY\n\377\r\n\0`: the 11-byte signature every binary COPY stream starts with. */
export const BINARY_COPY_SIGNATURE = Uint8Array.of(0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00);
/** Signature, int32 flags (bit 16 = OIDs included), int32 header-extension length. */
export const BINARY_COPY_HEADER_BYTES = BINARY_COPY_SIGNATURE.length + 4 + 4;
/** Flag bit 16: every tuple carries an OID (pre-12 `WITH OIDS`), which PostgreSQL 12+ refuses. */
export const BINARY_COPY_OIDS_FLAG = 1 << 16;
/** Field count -1 ends the data. */
export const BINARY_COPY_TRAILER = -1;
const NULL_LENGTH = -1;

/** The header we write: signature, no flags, no extension. */
export function binaryCopyHeader(): Uint8Array {
  const b = Buffer.alloc(BINARY_COPY_HEADER_BYTES);
  b.set(BINARY_COPY_SIGNATURE, 0);
  return b;
}

/** The 2-byte file trailer. */
export function binaryCopyTrailer(): Uint8Array {
  const b = Buffer.alloc(2);
  b.writeInt16BE(BINARY_COPY_TRAILER);
  return b;
}

/** One tuple: field count, then each value as length + binary bytes (length -1 for NULL). */
export function binaryCopyTuple(row: Row, types: readonly SqlType[]): Uint8Array {
  const fields = row.map((v, i) => (v === null ? null : encodeBinary(v, types[i]!)));
  const size = 2 + fields.reduce((n, f) => n + 4 + (f?.length ?? 0), 0);
  const b = Buffer.alloc(size);
  let at = b.writeInt16BE(fields.length, 0);
  for (const f of fields) {
    at = b.writeInt32BE(f === null ? NULL_LENGTH : f.length, at);
    if (f) { b.set(f, at); at += f.length; }
  }
  return b;
}
