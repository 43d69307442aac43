/**
 * The start-up half of a connection: checks TLS (with --require-tls, and for cleartext
 * passwords) and the role, runs trust, SCRAM-SHA-256(-PLUS), md5 or cleartext password
 * authentication, checks the database, then opens the session and reports its parameters.
 * With a password configured, a role that does not exist goes through the same exchange as one
 * that does and fails the same way (PostgreSQL's mock authentication), so a client cannot learn
 * which role names exist.
 */
import { randomBytes } from 'node:crypto';
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Database, Session, SessionControl } from '../engine/index.js';
import { BufferReader, writeAuthenticationCleartext, writeAuthenticationMD5, writeAuthenticationOk, writeAuthenticationSASL,
  writeAuthenticationSASLContinue, writeAuthenticationSASLFinal, writeBackendKeyData, writeParameterStatus,
  type BufferWriter } from './codec/index.js';
import type { Credentials } from './auth/credentials.js';
import { constantTimeEqual, makeMd5Salt, verifyMd5Password } from './auth/md5-password.js';
import { mockVerifier, ScramExchange, scramMechanisms } from './auth/scram-sha-256.js';
import { readStartup, type StartupRequest } from './startup-options.js';

/** Who may connect, to what. */
export interface AuthConfig {
  readonly user: string;
  readonly database: string;
  /** Set when a password is configured: its method is then required. */
  readonly credentials?: Credentials;
  /** Refuse connections that did not negotiate TLS. */
  readonly requireTls?: boolean;
  /** With the `password` method, accept connections that did not negotiate TLS. */
  readonly allowCleartextPassword?: boolean;
  /**
   * A secret of this server start from which unknown roles' SCRAM salts are derived
   * (PostgreSQL's mock_auth_nonce); random per Authenticator when unset.
   */
  readonly mockNonce?: Uint8Array;
}

/** What the transport tells authentication. */
export interface ConnectionLink {
  readonly encrypted: boolean;
  /** tls-server-end-point data when encrypted and the certificate allows it (enables -PLUS). */
  readonly channelBinding?: Buffer;
  readonly remoteAddress?: string;
}

/** Alias names accepted besides the configured ones (tools default to them). */
const ALIAS_ROLE = 'postgres';
const ALIAS_DATABASE = 'postgres';

const fatal = (code: SqlError['code'], message: string, more: { hint?: string } = {}) =>
  new SqlError(code, message, { severity: 'FATAL', ...more });

/** Bytes of the password an unknown role is checked against (never matches a real answer's hash). */
const MOCK_PASSWORD_BYTES = 24;

/** Authentication in progress for one connection. */
export class Authenticator {
  readonly request: StartupRequest;
  private scram: ScramExchange | undefined;
  private md5Salt: Buffer | undefined;
  /** The role does not exist: the exchange runs as for one that does, and fails at its end. */
  private readonly unknownRole: boolean;

  constructor(params: ReadonlyMap<string, string>, private readonly config: AuthConfig, private readonly link: ConnectionLink) {
    this.request = readStartup(params);
    const { user, database } = this.request;
    if (config.requireTls && !link.encrypted) {
      // PostgreSQL's wording when no hostssl line matches a plain-text connection.
      throw fatal(SQLSTATE.InvalidAuthorizationSpecification,
        `no pg_hba.conf entry for host "${link.remoteAddress ?? 'unknown'}", user "${user}", database "${database}", no encryption`);
    }
    if (config.credentials?.method === 'password' && !link.encrypted && !config.allowCleartextPassword) {
      // Refused before the client is asked for the password, so it never crosses the network in clear.
      throw fatal(SQLSTATE.InvalidAuthorizationSpecification, 'cleartext password authentication requires an encrypted connection', {
        hint: 'Connect with sslmode=require (the server needs --tls-cert and --tls-key), or start the server with --allow-cleartext-password.',
      });
    }
    this.unknownRole = user !== config.user && user !== ALIAS_ROLE;
    // Under trust nothing is secret: PostgreSQL names the missing role, and so do we.
    if (this.unknownRole && !config.credentials) throw fatal(SQLSTATE.InvalidAuthorizationSpecification, `role "${user}" does not exist`);
  }

  /** Writes the first auth request; returns true if authentication is already complete. */
  begin(w: BufferWriter): boolean {
    const credentials = this.config.credentials;
    if (!credentials) return true;
    switch (credentials.method) {
      case 'scram-sha-256': writeAuthenticationSASL(w, scramMechanisms(this.link.channelBinding)); break;
      case 'md5': writeAuthenticationMD5(w, (this.md5Salt = makeMd5Salt())); break;
      case 'password': writeAuthenticationCleartext(w); break;
    }
    return false;
  }

  /** Handles a 'p' message; returns true when authentication succeeded. */
  step(data: Buffer, w: BufferWriter): boolean {
    const credentials = this.config.credentials!;
    const r = new BufferReader(data);
    if (credentials.method !== 'scram-sha-256') {
      const response = r.cstring();
      // An unknown role is checked against a random password: the same work, a certain failure.
      const password = this.unknownRole ? randomBytes(MOCK_PASSWORD_BYTES).toString('base64') : credentials.password;
      const ok = credentials.method === 'md5'
        ? verifyMd5Password(response, password, this.request.user, this.md5Salt!)
        : constantTimeEqual(response, password);
      if (!ok || this.unknownRole) throw this.authFailed();
      return true;
    }
    if (!this.scram) {
      const mechanism = r.cstring();
      if (!scramMechanisms(this.link.channelBinding).includes(mechanism)) {
        throw fatal(SQLSTATE.ProtocolViolation, 'client selected an invalid SASL authentication mechanism');
      }
      const len = r.int32();
      const verifier = this.unknownRole
        ? mockVerifier(this.request.user, this.config.mockNonce ?? randomBytes(MOCK_PASSWORD_BYTES))
        : credentials.scram!;
      this.scram = new ScramExchange(verifier, mechanism, this.link.channelBinding);
      const started = this.scram.start(r.bytes(len).toString('utf8'));
      if (!started.ok) throw fatal(SQLSTATE.ProtocolViolation, started.reason);
      writeAuthenticationSASLContinue(w, started.serverFirst);
      return false;
    }
    const result = this.scram.finish(r.rest().toString('utf8'));
    if (!result.ok || this.unknownRole) throw this.authFailed();
    writeAuthenticationSASLFinal(w, result.serverFinal);
    return true;
  }

  private authFailed(): SqlError {
    return fatal(SQLSTATE.InvalidPassword, `password authentication failed for user "${this.request.user}"`);
  }

  /** AuthenticationOk, database check, session with startup settings, ParameterStatus, BackendKeyData. */
  open(db: Database, w: BufferWriter, pid: number, secret: number, control?: SessionControl): Session {
    writeAuthenticationOk(w);
    const { database, user, settings } = this.request;
    if (database !== this.config.database && database !== ALIAS_DATABASE) {
      throw fatal(SQLSTATE.InvalidCatalogName, `database "${database}" does not exist`);
    }
    const session = db.createSession(user, control, pid);
    for (const [name, value] of settings) {
      try {
        session.settings.setStartup(name, value);
      } catch (err) {
        // PostgreSQL ends the connection on a bad startup setting (after AuthenticationOk).
        if (err instanceof SqlError) throw err.with({ severity: 'FATAL' });
        throw err;
      }
    }
    for (const { name, value } of session.settings.reported()) writeParameterStatus(w, name, value);
    writeBackendKeyData(w, pid, secret);
    return session;
  }
}
