/**
 * The configured password in the forms each authentication method needs: the SCRAM verifier
 * (computed once; PBKDF2 is slow on purpose) and the password itself for md5 (whose stored
 * hash depends on the role name) and cleartext.
 */
import { makeVerifier, type ScramVerifier } from './scram-sha-256.js';

/** PostgreSQL's pg_hba.conf method names. */
export type AuthMethod = 'scram-sha-256' | 'md5' | 'password';

export interface Credentials {
  readonly method: AuthMethod;
  readonly password: string;
  /** Present for `scram-sha-256`. */
  readonly scram?: ScramVerifier;
}

/**
 * @param scramSalt the SCRAM salt; the server makes one per start and gives it to every engine
 *   thread, so a client sees the same salt whichever thread serves it (as with a stored verifier)
 * @example
 * const credentials = makeCredentials('secret', 'md5');
 */
export function makeCredentials(password: string, method: AuthMethod = 'scram-sha-256', scramSalt?: Buffer): Credentials {
  return method === 'scram-sha-256' ? { method, password, scram: makeVerifier(password, scramSalt) } : { method, password };
}
