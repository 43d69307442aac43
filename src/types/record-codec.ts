/**
 * Anonymous records (`record`, OID 2249) in PostgreSQL's text and binary forms.
 * Text (record_out): `(1,"a b",,"")` — NULL is nothing, a field is quoted when empty or when
 * it holds `"` `\` `(` `)` `,` or whitespace, and inside quotes `"` and `\` are doubled.
 * Binary (record_send): field count, then per field its type OID, length (-1 = NULL), bytes.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import { typeOid, type SqlType } from './sql-type.js';
import { RecordValue, type Value } from './value.js';

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

/**
 * Splits a record literal (record_in) into field texts, null for an empty unquoted field:
 * `(1,"a b",,"")` → ['1', 'a b', null, '']. Quotes group, `""` inside quotes and a backslash
 * anywhere escape the next character. 22P02 `malformed record literal` with PostgreSQL's DETAIL.
 */
export function parseRecordText(text: string, fieldCount: number): (string | null)[] {
  const bad = (detail: string) => new SqlError(SQLSTATE.InvalidTextRepresentation, `malformed record literal: "${text}"`, { detail });
  let i = 0;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (text[i] !== '(') throw bad('Missing left parenthesis.');
  i++;
  const fields: (string | null)[] = [];
  for (let f = 0; f < fieldCount; f++) {
    if (f > 0) {
      if (text[i] !== ',') throw bad(text[i] === ')' ? 'Too few columns.' : 'Unexpected end of input.');
      i++;
    }
    if (text[i] === ',' || text[i] === ')') {
      fields.push(null);
      continue;
    }
    let value = '';
    let inQuotes = false;
    for (;;) {
      const c = text[i];
      if (c === undefined) throw bad('Unexpected end of input.');
      if (!inQuotes && (c === ',' || c === ')')) break;
      i++;
      if (c === '\\') {
        if (i >= text.length) throw bad('Unexpected end of input.');
        value += text[i++];
      } else if (c === '"') {
        if (inQuotes && text[i] === '"') value += text[i++];
        else inQuotes = !inQuotes;
      } else value += c;
    }
    fields.push(value);
  }
  if (text[i] !== ')') throw bad(text[i] === ',' ? 'Too many columns.' : 'Unexpected end of input.');
  i++;
  while (i < text.length && /\s/.test(text[i]!)) i++;
  if (i < text.length) throw bad('Junk after right parenthesis.');
  return fields;
}

/**
 * A stored composite value read with its type's current fields: attributes added since it was
 * written are NULL (ALTER TYPE … ADD ATTRIBUTE rewrites nothing, as in PostgreSQL).
 */
export function withTypeFields(record: RecordValue, type: SqlType): RecordValue {
  const count = type.fields && !type.array ? type.fields.length : record.values.length;
  if (record.values.length >= count) return record;
  return new RecordValue([...record.values, ...Array<Value>(count - record.values.length).fill(null)], record.types);
}

/** The field types of a record value: the static type's when it has them (stored values carry none). */
export function recordFieldTypes(record: RecordValue, type: SqlType): readonly SqlType[] {
  return type.fields && !type.array ? type.fields.map((f) => f.type) : record.types;
}

/** The binary form, given an encoder for one non-null field. */
export function encodeRecordBinary(record: RecordValue, fieldTypes: readonly SqlType[],
  encodeField: (value: Value, index: number) => Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  const count = Buffer.alloc(INT32_BYTES);
  count.writeInt32BE(record.values.length);
  parts.push(count);
  record.values.forEach((value, i) => {
    const header = Buffer.alloc(2 * INT32_BYTES);
    header.writeUInt32BE(typeOid(fieldTypes[i]!), 0);
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
