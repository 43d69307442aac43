/**
 * The start-up half of a connection: checks the role, runs trust or SCRAM-SHA-256
 * authentication, checks the database, then opens the session and reports its parameters.
 */
import { SqlError, SQLSTATE } from '../common/sql-error.js';
import type { Database, Session } from '../engine/index.js';
import { BufferReader, writeAuthenticationOk, writeAuthenticationSASL, writeAuthenticationSASLContinue,
  writeAuthenticationSASLFinal, writeBackendKeyData, writeParameterStatus, type BufferWriter } from './codec/index.js';
import { SCRAM_MECHANISM, ScramExchange, type ScramVerifier } from './auth/scram-sha-256.js';
import { readStartup, type StartupRequest } from './startup-options.js';

/** Who may connect, to what. */
export interface AuthConfig {
  readonly user: string;
  readonly database: string;
  /** Set when a password is configured: SCRAM-SHA-256 is then required. */
  readonly verifier?: ScramVerifier;
}

/** Alias names accepted besides the configured ones (tools default to them). */
const ALIAS_ROLE = 'postgres';
const ALIAS_DATABASE = 'postgres';

const fatal = (code: SqlError['code'], message: string) => new SqlError(code, message, { severity: 'FATAL' });

/** Authentication in progress for one connection. */
export class Authenticator {
  readonly request: StartupRequest;
  private scram: ScramExchange | undefined;

  constructor(params: ReadonlyMap<string, string>, private readonly config: AuthConfig) {
    this.request = readStartup(params);
    const user = this.request.user;
    if (user !== config.user && user !== ALIAS_ROLE) throw fatal(SQLSTATE.InvalidAuthorizationSpecification, `role "${user}" does not exist`);
  }

  /** Writes the first auth request; returns true if authentication is already complete. */
  begin(w: BufferWriter): boolean {
    if (!this.config.verifier) return true;
    writeAuthenticationSASL(w, [SCRAM_MECHANISM]);
    return false;
  }

  /** Handles a 'p' message; returns true when authentication succeeded. */
  step(data: Buffer, w: BufferWriter): boolean {
    const r = new BufferReader(data);
    if (!this.scram) {
      const mechanism = r.cstring();
      if (mechanism !== SCRAM_MECHANISM) throw fatal(SQLSTATE.ProtocolViolation, 'client selected an invalid SASL authentication mechanism');
      const len = r.int32();
      this.scram = new ScramExchange(this.config.verifier!);
      const serverFirst = this.scram.start(r.bytes(len).toString('utf8'));
      if (!serverFirst) throw fatal(SQLSTATE.ProtocolViolation, 'malformed SCRAM message');
      writeAuthenticationSASLContinue(w, serverFirst);
      return false;
    }
    const result = this.scram.finish(r.rest().toString('utf8'));
    if (!result.ok) throw fatal(SQLSTATE.InvalidPassword, `password authentication failed for user "${this.request.user}"`);
    writeAuthenticationSASLFinal(w, result.serverFinal);
    return true;
  }

  /** AuthenticationOk, database check, session with startup settings, ParameterStatus, BackendKeyData. */
  open(db: Database, w: BufferWriter, pid: number, secret: number): Session {
    writeAuthenticationOk(w);
    const { database, user, settings } = this.request;
    if (database !== this.config.database && database !== ALIAS_DATABASE) {
      throw fatal(SQLSTATE.InvalidCatalogName, `database "${database}" does not exist`);
    }
    const session = db.createSession(user);
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
