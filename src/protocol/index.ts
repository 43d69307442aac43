/**
 * The wire layer's public surface: the server, the credentials maker for password
 * authentication and the TLS settings maker.
 */
export { WireServer, type WireServerOptions } from './server.js';
export { makeVerifier } from './auth/scram-sha-256.js';
export { makeCredentials, type AuthMethod, type Credentials } from './auth/credentials.js';
export { makeServerTls, type ServerTls } from './tls/server-tls.js';
export type { AuthConfig } from './connection-auth.js';
