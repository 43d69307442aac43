/**
 * The wire layer's public surface: the connection host an engine thread serves clients with, the
 * stream type it speaks through, the credentials maker for password authentication and the TLS
 * settings maker.
 */
export { ConnectionHost, type ConnectionHostOptions, type ConnectionKeys } from './connection-host.js';
export type { Connection } from './connection.js';
export type { ClientStream } from './client-stream.js';
export type { ConnectionEvents, ConnectionIdentity } from './connection-events.js';
export { makeScramSalt, makeVerifier } from './auth/scram-sha-256.js';
export { makeCredentials, type AuthMethod, type Credentials } from './auth/credentials.js';
export { makeServerTls, type ServerTls } from './tls/server-tls.js';
export type { AuthConfig } from './connection-auth.js';
export { encodeErrorResponse } from './fatal-message.js';
