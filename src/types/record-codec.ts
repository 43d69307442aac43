/**
 * Anonymous records (`record`, OID 2249) in PostgreSQL's text and binary forms.
 * Text (record_out): `(1,"a b",,"")` — NULL is nothing, a field is quoted when empty or when
 * it holds `"` `\` `(` `)` `,` or whitespace, and inside quotes `"` and `\` are doubled.
 * Binary (record_send): field count, then per field its type OID, length (-1 = NULL), bytes.
 */
import { typeOid } from './sql-type.js';
import type { RecordValue, Value } from './value.js';

const NEEDS_QUOTES = /[",\\()\s]/;
const INT32_BYTES = 4;

/** The text form, given a formatter for one non-null field. */
export function formatRecordText(record: RecordValue, formatField: (value: Value, index: number) => string): string {
  const parts = record.values.map((value, i) => {
    if (value === null) return '';
    const text = formatField(value, i);
    if (text !== '' && !NEEDS_QUOTES.test(text)) return text;
    return `"${text.replace(/["\\]/g, (c) => c + c)}"`;
  });
  return `(${parts.join(',')})`;
}

/** The binary form, given an encoder for one non-null field. */
export function encodeRecordBinary(record: RecordValue, encodeField: (value: Value, index: number) => Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  const count = Buffer.alloc(INT32_BYTES);
  count.writeInt32BE(record.values.length);
  parts.push(count);
  record.values.forEach((value, i) => {
    const header = Buffer.alloc(2 * INT32_BYTES);
    header.writeUInt32BE(typeOid(record.types[i]!), 0);
    if (value === null) {
      header.writeInt32BE(-1, INT32_BYTES);
      parts.push(header);
      return;
    }
    const data = encodeField(value, i);
    header.writeInt32BE(data.length, INT32_BYTES);
    parts.push(header, data);
  });
  return Buffer.concat(parts);
}
