/**
 * Rows → DataRow cells and columns → RowDescription fields, per column format code (0 text,
 * 1 binary), using the types/ codecs and the session TimeZone.
 */
import type { ResultColumn } from '../engine/index.js';
import { encodeBinary } from '../types/binary-codec.js';
import { baseTypeOf, typeLen, typeOid } from '../types/sql-type.js';
import { formatText, type TextCodecOptions } from '../types/text-codec.js';
import type { Row } from '../types/value.js';
import { FormatCode, type Cell, type FieldDescription } from './codec/index.js';

export function describeColumns(columns: readonly ResultColumn[], formats: readonly number[]): FieldDescription[] {
  return columns.map((c, i) => ({
    name: c.name, tableOid: c.tableOid, columnAttnum: c.columnAttnum,
    // A domain column is described by its base type, as PostgreSQL's printtup does.
    typeOid: typeOid(baseTypeOf(c.type)), typeLen: typeLen(c.type), typeMod: c.type.typmod, format: formats[i] ?? FormatCode.Text,
  }));
}

export function encodeRow(row: Row, columns: readonly ResultColumn[], formats: readonly number[], opts: TextCodecOptions): Cell[] {
  const cells: Cell[] = new Array(row.length);
  for (let i = 0; i < row.length; i++) {
    const v = row[i]!;
    const type = columns[i]!.type;
    if (v === null) cells[i] = null;
    else if (formats[i] === FormatCode.Binary) cells[i] = encodeBinary(v, type);
    else cells[i] = formatText(v, type, opts);
  }
  return cells;
}
