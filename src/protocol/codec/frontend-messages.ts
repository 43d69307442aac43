/**
 * Frontend (client → server) messages as a discriminated union, and their decoding from
 * frames. Decoding is total: any byte sequence yields a message or a 08P01 SqlError.
 */
import { BufferReader, protocolViolation } from './buffer-reader.js';
import {
  CANCEL_REQUEST_CODE, FrontendCode, GSSENC_REQUEST_CODE, NULL_LENGTH, PROTOCOL_VERSION_3,
  SSL_REQUEST_CODE, TargetCode,
} from './message-codes.js';
import type { Frame } from './frame-reader.js';

export type StartupPhaseMessage =
  | { readonly kind: 'SSLRequest' }
  | { readonly kind: 'GSSENCRequest' }
  | { readonly kind: 'CancelRequest'; readonly pid: number; readonly secret: number }
  | { readonly kind: 'Startup'; readonly version: number; readonly params: ReadonlyMap<string, string> };

export type DescribeTarget = 'statement' | 'portal';

export type FrontendMessage =
  | { readonly kind: 'Query'; readonly sql: string }
  | { readonly kind: 'Parse'; readonly name: string; readonly sql: string; readonly paramTypes: readonly number[] }
  | {
      readonly kind: 'Bind';
      readonly portal: string;
      readonly statement: string;
      /** Per-parameter format codes as sent: [] = all text, [f] = all f, else one per parameter. */
      readonly paramFormats: readonly number[];
      /** null = SQL NULL. */
      readonly params: readonly (Buffer | null)[];
      readonly resultFormats: readonly number[];
    }
  | { readonly kind: 'Describe'; readonly target: DescribeTarget; readonly name: string }
  | { readonly kind: 'Execute'; readonly portal: string; readonly maxRows: number }
  | { readonly kind: 'Close'; readonly target: DescribeTarget; readonly name: string }
  | { readonly kind: 'Sync' }
  | { readonly kind: 'Flush' }
  | { readonly kind: 'Terminate' }
  | { readonly kind: 'CopyData'; readonly data: Buffer }
  | { readonly kind: 'CopyDone' }
  | { readonly kind: 'CopyFail'; readonly message: string }
  /** PasswordMessage, SASLInitialResponse or SASLResponse: the auth state interprets `data`. */
  | { readonly kind: 'Password'; readonly data: Buffer };

/** Decodes an untyped startup-phase frame. */
export function decodeStartupFrame(body: Buffer): StartupPhaseMessage {
  const r = new BufferReader(body);
  const code = r.int32();
  switch (code) {
    case SSL_REQUEST_CODE: return { kind: 'SSLRequest' };
    case GSSENC_REQUEST_CODE: return { kind: 'GSSENCRequest' };
    case CANCEL_REQUEST_CODE: {
      const pid = r.int32();
      const secret = r.int32();
      return { kind: 'CancelRequest', pid, secret };
    }
  }
  if (code >> 16 !== PROTOCOL_VERSION_3 >> 16) {
    throw protocolViolation(`unsupported frontend protocol ${code >> 16}.${code & 0xffff}: server supports 3.0 to 3.0`);
  }
  const params = new Map<string, string>();
  for (;;) {
    if (r.remaining === 0) throw protocolViolation('invalid startup packet layout: expected terminator as last byte');
    const name = r.cstring();
    if (name === '') break;
    params.set(name, r.cstring());
  }
  return { kind: 'Startup', version: code, params };
}

function target(byte: number): DescribeTarget {
  if (byte === TargetCode.Statement) return 'statement';
  if (byte === TargetCode.Portal) return 'portal';
  throw protocolViolation(`invalid DESCRIBE/CLOSE message subtype ${byte}`);
}

function int16List(r: BufferReader): number[] {
  const n = r.int16();
  if (n < 0) throw protocolViolation('invalid message format: negative count');
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(r.int16());
  return out;
}

/** Decodes one typed frame. */
export function decodeFrontendFrame(frame: Frame): FrontendMessage {
  const r = new BufferReader(frame.body);
  let msg: FrontendMessage;
  switch (frame.code) {
    case FrontendCode.Query: msg = { kind: 'Query', sql: r.cstring() }; break;
    case FrontendCode.Parse: {
      const name = r.cstring();
      const sql = r.cstring();
      const n = r.int16();
      if (n < 0) throw protocolViolation('invalid message format: negative count');
      const paramTypes: number[] = [];
      for (let i = 0; i < n; i++) paramTypes.push(r.int32() >>> 0);
      msg = { kind: 'Parse', name, sql, paramTypes };
      break;
    }
    case FrontendCode.Bind: {
      const portal = r.cstring();
      const statement = r.cstring();
      const paramFormats = int16List(r);
      const n = r.int16();
      if (n < 0) throw protocolViolation('invalid message format: negative count');
      const params: (Buffer | null)[] = [];
      for (let i = 0; i < n; i++) {
        const len = r.int32();
        if (len === NULL_LENGTH) params.push(null);
        else if (len < 0) throw protocolViolation(`invalid parameter length ${len}`);
        else params.push(r.bytes(len));
      }
      const resultFormats = int16List(r);
      if (paramFormats.length > 1 && paramFormats.length !== params.length) {
        throw protocolViolation(`bind message has ${paramFormats.length} parameter formats but ${params.length} parameters`);
      }
      msg = { kind: 'Bind', portal, statement, paramFormats, params, resultFormats };
      break;
    }
    case FrontendCode.Describe: { const t = target(r.byte()); msg = { kind: 'Describe', target: t, name: r.cstring() }; break; }
    case FrontendCode.Close: { const t = target(r.byte()); msg = { kind: 'Close', target: t, name: r.cstring() }; break; }
    case FrontendCode.Execute: { const portal = r.cstring(); msg = { kind: 'Execute', portal, maxRows: r.int32() }; break; }
    case FrontendCode.Sync: msg = { kind: 'Sync' }; break;
    case FrontendCode.Flush: msg = { kind: 'Flush' }; break;
    case FrontendCode.Terminate: msg = { kind: 'Terminate' }; break;
    case FrontendCode.CopyData: msg = { kind: 'CopyData', data: r.rest() }; break;
    case FrontendCode.CopyDone: msg = { kind: 'CopyDone' }; break;
    case FrontendCode.CopyFail: msg = { kind: 'CopyFail', message: r.cstring() }; break;
    case FrontendCode.Password: msg = { kind: 'Password', data: r.rest() }; break;
    default:
      throw protocolViolation(`invalid frontend message type ${frame.code ?? 'none'}`);
  }
  r.end();
  return msg;
}

/** The format code for parameter/column `i` given Bind's format list (0, 1 or n codes). */
export function formatAt(formats: readonly number[], i: number): number {
  if (formats.length === 0) return 0;
  if (formats.length === 1) return formats[0]!;
  return formats[i] ?? 0;
}
