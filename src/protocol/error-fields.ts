/**
 * SqlError / Notice → ErrorResponse and NoticeResponse fields. Anything that is not a SqlError
 * becomes XX000 and is logged with its stack (it is a bug).
 */
import { toSqlError, SqlError, type Notice } from '../common/sql-error.js';
import type { ErrorFields } from './codec/index.js';

export function errorFields(err: unknown, log: (message: string) => void = console.error): ErrorFields {
  if (!(err instanceof SqlError)) log(`internal error: ${err instanceof Error ? err.stack : String(err)}`);
  const e = toSqlError(err);
  const f = e.fields;
  return {
    severity: e.severity, code: e.code, message: e.message, detail: f.detail, hint: f.hint,
    position: f.position, schema: f.schema, table: f.table, column: f.column, constraint: f.constraint,
    where: f.where, routine: f.routine,
  };
}

export function noticeFields(n: Notice): ErrorFields {
  return { severity: n.severity, code: n.code, message: n.message, detail: n.detail, hint: n.hint };
}
