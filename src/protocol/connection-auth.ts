/**
 * The start-up half of a connection: checks TLS (with --require-tls) and the role, runs trust,
 * SCRAM-SHA-256(-PLUS), md5 or cleartext password authentication, checks the database, then
 * opens the session and reports its parameters.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Database, Session, SessionControl } from '../engine/index.js';
import { BufferReader, writeAuthenticationCleartext, writeAuthenticationMD5, writeAuthenticationOk, writeAuthenticationSASL,
  writeAuthenticationSASLContinue, writeAuthenticationSASLFinal, writeBackendKeyData, writeParameterStatus,
  type BufferWriter } from './codec/index.js';
import type { Credentials } from './auth/credentials.js';
import { constantTimeEqual, makeMd5Salt, verifyMd5Password } from './auth/md5-password.js';
import { ScramExchange, scramMechanisms } from './auth/scram-sha-256.js';
import { readStartup, type StartupRequest } from './startup-options.js';

/** Who may connect, to what. */
export interface AuthConfig {
  readonly user: string;
  readonly database: string;
  /** Set when a password is configured: its method is then required. */
  readonly credentials?: Credentials;
  /** Refuse connections that did not negotiate TLS. */
  readonly requireTls?: boolean;
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

const fatal = (code: SqlError['code'], message: string) => new SqlError(code, message, { severity: 'FATAL' });

/** Authentication in progress for one connection. */
export class Authenticator {
  readonly request: StartupRequest;
  private scram: ScramExchange | undefined;
  private md5Salt: Buffer | undefined;

  constructor(params: ReadonlyMap<string, string>, private readonly config: AuthConfig, private readonly link: ConnectionLink) {
    this.request = readStartup(params);
    const { user, database } = this.request;
    if (config.requireTls && !link.encrypted) {
      // PostgreSQL's wording when no hostssl line matches a plain-text connection.
      throw fatal(SQLSTATE.InvalidAuthorizationSpecification,
        `no pg_hba.conf entry for host "${link.remoteAddress ?? 'unknown'}", user "${user}", database "${database}", no encryption`);
    }
    if (user !== config.user && user !== ALIAS_ROLE) throw fatal(SQLSTATE.InvalidAuthorizationSpecification, `role "${user}" does not exist`);
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
      const ok = credentials.method === 'md5'
        ? verifyMd5Password(response, credentials.password, this.request.user, this.md5Salt!)
        : constantTimeEqual(response, credentials.password);
      if (!ok) throw this.authFailed();
      return true;
    }
    if (!this.scram) {
      const mechanism = r.cstring();
      if (!scramMechanisms(this.link.channelBinding).includes(mechanism)) {
        throw fatal(SQLSTATE.ProtocolViolation, 'client selected an invalid SASL authentication mechanism');
      }
      const len = r.int32();
      this.scram = new ScramExchange(credentials.scram!, mechanism, this.link.channelBinding);
      const started = this.scram.start(r.bytes(len).toString('utf8'));
      if (!started.ok) throw fatal(SQLSTATE.ProtocolViolation, started.reason);
      writeAuthenticationSASLContinue(w, started.serverFirst);
      return false;
    }
    const result = this.scram.finish(r.rest().toString('utf8'));
    if (!result.ok) throw this.authFailed();
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
