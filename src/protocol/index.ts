/**
 * The wire layer's public surface: the server, and the SCRAM verifier maker for configuring
 * password authentication.
 */
export { WireServer, type WireServerOptions } from './server.js';
export { makeVerifier } from './auth/scram-sha-256.js';
export type { AuthConfig } from './connection-auth.js';
