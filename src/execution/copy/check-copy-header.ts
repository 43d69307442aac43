/**
 * COPY FROM … (HEADER MATCH): the header line must hold exactly the copied columns' names, in
 * the order COPY lists them (PostgreSQL 15 compares the raw fields; a null field never matches).
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import type { CopyRecord } from './csv-reader.js';

/** 22P04 for a header that does not name `columns`; `nullText` is the NULL string, shown in the message. */
export function checkCopyHeader(record: CopyRecord, columns: readonly string[], nullText: string, table: string): void {
  const where = `COPY ${table}, line ${record.line}`;
  const fields = record.fields;
  if (fields.length !== columns.length) {
    throw new SqlError(SQLSTATE.BadCopyFileFormat, `wrong number of fields in header line: got ${fields.length}, expected ${columns.length}`, { where });
  }
  columns.forEach((expected, i) => {
    const got = fields[i]!;
    if (got === expected) return;
    const shown = got === null ? `null value ("${nullText}")` : `"${got}"`;
    throw new SqlError(SQLSTATE.BadCopyFileFormat, `column name mismatch in header line field ${i + 1}: got ${shown}, expected "${expected}"`, { where });
  });
}
