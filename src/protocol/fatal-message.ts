/**
 * One ErrorResponse as bytes, for a side that holds a client socket but no Connection: the main
 * thread telling the clients of an engine thread that died why they are being disconnected.
 */
import type { SqlError } from '../common/sql-error.js';
import { BufferWriter, writeErrorResponse } from './codec/index.js';
import { errorFields } from './error-fields.js';

export function encodeErrorResponse(error: SqlError): Uint8Array {
  const w = new BufferWriter();
  writeErrorResponse(w, errorFields(error));
  return w.flush();
}
