/**
 * What the server needs to offer TLS: a secure context built once from the PEM certificate and
 * key, and the certificate's channel-binding hash for SCRAM-SHA-256-PLUS.
 */
import { createSecureContext, type SecureContext } from 'node:tls';
import { tlsServerEndPoint } from './certificate-hash.js';

export interface ServerTls {
  readonly context: SecureContext;
  /** `tls-server-end-point` data; undefined disables SCRAM-SHA-256-PLUS. */
  readonly endPoint?: Buffer;
}

/**
 * Throws (at start-up, not per connection) if the key does not match the certificate.
 * @example
 * const tls = makeServerTls(readFileSync('server.crt'), readFileSync('server.key'));
 */
export function makeServerTls(certPem: string | Buffer, keyPem: string | Buffer): ServerTls {
  const context = createSecureContext({ cert: certPem, key: keyPem });
  const endPoint = tlsServerEndPoint(certPem);
  return endPoint ? { context, endPoint } : { context };
}
