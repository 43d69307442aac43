/**
 * Backend (server → client) message encoders. Each writes one complete frame into a
 * BufferWriter, so a batch of DataRows becomes one socket write.
 */
import { BufferWriter } from './buffer-writer.js';
import { AuthCode, BackendCode, ErrorField, NULL_LENGTH, TransactionStatusCode } from './message-codes.js';

/** One RowDescription field. */
export interface FieldDescription {
  readonly name: string;
  readonly tableOid: number;
  readonly columnAttnum: number;
  readonly typeOid: number;
  readonly typeLen: number;
  readonly typeMod: number;
  readonly format: number;
}

/** ErrorResponse / NoticeResponse fields; `severity` is both S and V (we do not localise). */
export interface ErrorFields {
  readonly severity: string;
  readonly code: string;
  readonly message: string;
  readonly detail?: string;
  readonly hint?: string;
  readonly position?: number;
  readonly schema?: string;
  readonly table?: string;
  readonly column?: string;
  readonly dataType?: string;
  readonly constraint?: string;
  readonly where?: string;
  readonly routine?: string;
}

export type TransactionStatus = keyof typeof TransactionStatusCode;

/** A DataRow cell: text (UTF-8 encoded here), bytes (binary format) or NULL. */
export type Cell = string | Uint8Array | null;

function empty(w: BufferWriter, code: number): BufferWriter {
  return w.startFrame(code).endFrame();
}

function auth(w: BufferWriter, code: number, payload?: Uint8Array): BufferWriter {
  w.startFrame(BackendCode.Authentication).int32(code);
  if (payload) w.bytes(payload);
  return w.endFrame();
}

export const writeAuthenticationOk = (w: BufferWriter) => auth(w, AuthCode.Ok);
export const writeAuthenticationCleartext = (w: BufferWriter) => auth(w, AuthCode.CleartextPassword);
export const writeAuthenticationMD5 = (w: BufferWriter, salt: Uint8Array) => auth(w, AuthCode.MD5Password, salt);

/** AuthenticationSASL: the mechanism names, each NUL-terminated, then an empty one. */
export function writeAuthenticationSASL(w: BufferWriter, mechanisms: readonly string[]): BufferWriter {
  w.startFrame(BackendCode.Authentication).int32(AuthCode.SASL);
  for (const m of mechanisms) w.cstring(m);
  return w.byte(0).endFrame();
}
export const writeAuthenticationSASLContinue = (w: BufferWriter, data: string) => auth(w, AuthCode.SASLContinue, Buffer.from(data));
export const writeAuthenticationSASLFinal = (w: BufferWriter, data: string) => auth(w, AuthCode.SASLFinal, Buffer.from(data));

export function writeParameterStatus(w: BufferWriter, name: string, value: string): BufferWriter {
  return w.startFrame(BackendCode.ParameterStatus).cstring(name).cstring(value).endFrame();
}

export function writeBackendKeyData(w: BufferWriter, pid: number, secret: number): BufferWriter {
  return w.startFrame(BackendCode.BackendKeyData).int32(pid).int32(secret).endFrame();
}

export function writeReadyForQuery(w: BufferWriter, status: TransactionStatus): BufferWriter {
  return w.startFrame(BackendCode.ReadyForQuery).byte(TransactionStatusCode[status]).endFrame();
}

export function writeRowDescription(w: BufferWriter, fields: readonly FieldDescription[]): BufferWriter {
  w.startFrame(BackendCode.RowDescription).int16(fields.length);
  for (const f of fields) {
    w.cstring(f.name).int32(f.tableOid).int16(f.columnAttnum).int32(f.typeOid)
      .int16(f.typeLen).int32(f.typeMod).int16(f.format);
  }
  return w.endFrame();
}

/** DataRow: lengths are UTF-8 byte lengths (not JS string lengths). */
export function writeDataRow(w: BufferWriter, cells: readonly Cell[]): BufferWriter {
  w.startFrame(BackendCode.DataRow).int16(cells.length);
  for (const cell of cells) {
    if (cell === null) w.int32(NULL_LENGTH);
    else if (typeof cell === 'string') w.lengthPrefixedString(cell);
    else w.int32(cell.length).bytes(cell);
  }
  return w.endFrame();
}

export function writeCommandComplete(w: BufferWriter, tag: string): BufferWriter {
  return w.startFrame(BackendCode.CommandComplete).cstring(tag).endFrame();
}

function writeFields(w: BufferWriter, code: number, f: ErrorFields): BufferWriter {
  w.startFrame(code);
  const field = (type: number, value: string | number | undefined) => {
    if (value !== undefined) w.byte(type).cstring(String(value));
  };
  field(ErrorField.Severity, f.severity);
  field(ErrorField.SeverityNonLocalized, f.severity);
  field(ErrorField.Code, f.code);
  field(ErrorField.Message, f.message);
  field(ErrorField.Detail, f.detail);
  field(ErrorField.Hint, f.hint);
  field(ErrorField.Position, f.position);
  field(ErrorField.Where, f.where);
  field(ErrorField.Schema, f.schema);
  field(ErrorField.Table, f.table);
  field(ErrorField.Column, f.column);
  field(ErrorField.DataType, f.dataType);
  field(ErrorField.Constraint, f.constraint);
  field(ErrorField.Routine, f.routine);
  return w.byte(0).endFrame();
}

export const writeErrorResponse = (w: BufferWriter, f: ErrorFields) => writeFields(w, BackendCode.ErrorResponse, f);
export const writeNoticeResponse = (w: BufferWriter, f: ErrorFields) => writeFields(w, BackendCode.NoticeResponse, f);

export const writeEmptyQueryResponse = (w: BufferWriter) => empty(w, BackendCode.EmptyQueryResponse);
export const writeParseComplete = (w: BufferWriter) => empty(w, BackendCode.ParseComplete);
export const writeBindComplete = (w: BufferWriter) => empty(w, BackendCode.BindComplete);
export const writeCloseComplete = (w: BufferWriter) => empty(w, BackendCode.CloseComplete);
export const writeNoData = (w: BufferWriter) => empty(w, BackendCode.NoData);
export const writePortalSuspended = (w: BufferWriter) => empty(w, BackendCode.PortalSuspended);
export const writeCopyDone = (w: BufferWriter) => empty(w, BackendCode.CopyDone);

export function writeParameterDescription(w: BufferWriter, typeOids: readonly number[]): BufferWriter {
  w.startFrame(BackendCode.ParameterDescription).int16(typeOids.length);
  for (const oid of typeOids) w.int32(oid | 0);
  return w.endFrame();
}

function copyResponse(w: BufferWriter, code: number, format: number, columnFormats: readonly number[]): BufferWriter {
  w.startFrame(code).byte(format).int16(columnFormats.length);
  for (const f of columnFormats) w.int16(f);
  return w.endFrame();
}

export const writeCopyInResponse = (w: BufferWriter, format: number, columnFormats: readonly number[]) =>
  copyResponse(w, BackendCode.CopyInResponse, format, columnFormats);
export const writeCopyOutResponse = (w: BufferWriter, format: number, columnFormats: readonly number[]) =>
  copyResponse(w, BackendCode.CopyOutResponse, format, columnFormats);

export function writeCopyData(w: BufferWriter, data: Uint8Array): BufferWriter {
  return w.startFrame(BackendCode.CopyData).bytes(data).endFrame();
}
