/**
 * The type of a DECLAREd variable, as written: `record` (takes the shape of what is assigned),
 * `var%TYPE` (another variable's), `tab.col%TYPE`, `tab%ROWTYPE`, or any SQL type name —
 * resolved by the SQL engine itself (`SELECT NULL::type`), so every type it knows works.
 */
import { SqlError, SQLSTATE } from '../../common/sql-error.js';
import { recordType, type SqlType } from '../../types/sql-type.js';
import type { PlScope } from './plpgsql-scope.js';
import { preparedFor, type PlHost } from './plpgsql-sql.js';

/** An anonymous record not assigned yet: no fields known. */
export const UNASSIGNED_RECORD: SqlType = recordType([]);

function columnsOf(host: PlHost, sql: string): readonly { name: string; type: SqlType }[] {
  return preparedFor(host, { sql, values: [], types: [] }).columns ?? [];
}

export function resolveDeclaredType(host: PlHost, written: string, scope: PlScope): { type: SqlType; anyRecord: boolean } {
  const text = written.trim();
  const lower = text.toLowerCase();
  if (lower === 'record') return { type: UNASSIGNED_RECORD, anyRecord: true };
  const percent = /^(.*?)\s*%\s*(type|rowtype)$/i.exec(text);
  if (percent) {
    const base = percent[1]!;
    if (percent[2]!.toLowerCase() === 'rowtype') return { type: rowType(host, base), anyRecord: false };
    const variable = scope.lookup(base.toLowerCase());
    if (variable) return { type: variable.type, anyRecord: variable.anyRecord };
    const dot = base.lastIndexOf('.');
    if (dot < 0) throw new SqlError(SQLSTATE.UndefinedObject, `variable "${base}" does not exist`);
    const column = columnsOf(host, `SELECT ${base.slice(dot + 1)} FROM ${base.slice(0, dot)} LIMIT 0`)[0];
    return { type: column!.type, anyRecord: false };
  }
  try {
    return { type: columnsOf(host, `SELECT NULL::${text}`)[0]!.type, anyRecord: false };
  } catch (err) {
    // A table's name is its row type too (`r my_table;`), which the SQL engine's casts may not know.
    if (!(err instanceof SqlError) || err.code !== SQLSTATE.UndefinedObject) throw err;
    try {
      return { type: rowType(host, text), anyRecord: false };
    } catch {
      throw err;
    }
  }
}

/** The row type of a table: its columns as record fields. */
function rowType(host: PlHost, table: string): SqlType {
  const columns = columnsOf(host, `SELECT * FROM ${table} LIMIT 0`);
  return recordType(columns.map((c) => ({ name: c.name, type: c.type })));
}
