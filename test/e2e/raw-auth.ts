/**
 * Test helper: one login attempt spoken byte by byte (StartupMessage, then whatever the server
 * asks for: a SCRAM exchange with a made-up proof, an md5 answer or a cleartext password, all
 * wrong on purpose), recording every message the server sent, so tests can compare what a
 * client learns for an unknown role and for a wrong password. `localAddress` picks the client
 * address (any 127.x.y.z reaches a server on 127.0.0.1 on Linux).
 */
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { serialize } from 'pg-protocol';

export interface RawMessage {
  readonly type: string;
  readonly body: Buffer;
}

export interface RawAttempt {
  /** Every message the server sent, in order. */
  readonly messages: readonly RawMessage[];
  /** The ErrorResponse's fields by code letter (S, V, C, M, H …), if one came. */
  readonly error?: Readonly<Record<string, string>>;
  /** SCRAM server-first-message, if the exchange got that far. */
  readonly serverFirst?: string;
  /** From connect to the server closing the connection. */
  readonly ms: number;
}

const AUTH_OK = 0;
const AUTH_CLEARTEXT = 3;
const AUTH_MD5 = 5;
const AUTH_SASL = 10;
const AUTH_SASL_CONTINUE = 11;
const PROOF_BYTES = 32;

/** The fields of an ErrorResponse body: code letter → text. */
export function errorResponseFields(body: Buffer): Record<string, string> {
  const fields: Record<string, string> = {};
  let at = 0;
  while (at < body.length && body[at] !== 0) {
    const end = body.indexOf(0, at + 1);
    fields[String.fromCharCode(body[at]!)] = body.subarray(at + 1, end).toString('utf8');
    at = end + 1;
  }
  return fields;
}

/** Logs in as `user` with a wrong credential, whatever the method; resolves when the server closes. */
export function rawLoginAttempt(port: number, user: string, options: { localAddress?: string } = {}): Promise<RawAttempt> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1', ...(options.localAddress ? { localAddress: options.localAddress } : {}) });
    const messages: RawMessage[] = [];
    let error: Record<string, string> | undefined;
    let serverFirst: string | undefined;
    let pending = Buffer.alloc(0);
    const clientNonce = randomBytes(18).toString('base64');
    const answer = (msg: RawMessage): void => {
      if (msg.type === 'E') error = errorResponseFields(msg.body);
      if (msg.type !== 'R') return;
      const code = msg.body.readInt32BE(0);
      if (code === AUTH_SASL) socket.write(serialize.sendSASLInitialResponseMessage('SCRAM-SHA-256', `n,,n=*,r=${clientNonce}`));
      else if (code === AUTH_SASL_CONTINUE) {
        serverFirst = msg.body.subarray(4).toString('utf8');
        const nonce = /r=([^,]+)/.exec(serverFirst)![1]!;
        socket.write(serialize.sendSCRAMClientFinalMessage(`c=biws,r=${nonce},p=${randomBytes(PROOF_BYTES).toString('base64')}`));
      } else if (code === AUTH_MD5) socket.write(serialize.password(`md5${randomBytes(16).toString('hex')}`));
      else if (code === AUTH_CLEARTEXT) socket.write(serialize.password('not the password'));
      else if (code === AUTH_OK) socket.destroy(new Error('a wrong credential was accepted'));
    };
    socket.on('connect', () => socket.write(serialize.startup({ user, database: 'thanosql' })));
    socket.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 5 && pending.length >= 1 + pending.readInt32BE(1)) {
        const length = pending.readInt32BE(1);
        const msg = { type: String.fromCharCode(pending[0]!), body: pending.subarray(5, 1 + length) };
        pending = pending.subarray(1 + length);
        messages.push(msg);
        answer(msg);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve({
      messages, ms: Date.now() - started, ...(error ? { error } : {}), ...(serverFirst ? { serverFirst } : {}),
    }));
  });
}
