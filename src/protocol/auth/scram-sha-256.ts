/**
 * Server side of SASL SCRAM-SHA-256 (RFC 5802 / RFC 7677) as PostgreSQL runs it: the client's
 * user name in client-first is ignored (the startup packet's counts). Over TLS the server also
 * offers SCRAM-SHA-256-PLUS with `tls-server-end-point` channel binding; a client that says
 * "y" (I could bind, but you did not offer it) while it was offered is refused, as that means
 * someone in the middle removed -PLUS from the list.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export const SCRAM_MECHANISM = 'SCRAM-SHA-256';
export const SCRAM_PLUS_MECHANISM = 'SCRAM-SHA-256-PLUS';
const CHANNEL_BINDING_TYPE = 'tls-server-end-point';
/** PostgreSQL's default scram_iterations. */
const ITERATIONS = 4096;
const SALT_BYTES = 16;
const NONCE_BYTES = 18;
const KEY_BYTES = 32;

/** The stored verifier for one password (PostgreSQL keeps the same in pg_authid). */
export interface ScramVerifier {
  readonly salt: Buffer;
  readonly iterations: number;
  readonly storedKey: Buffer;
  readonly serverKey: Buffer;
}

const hmac = (key: Buffer, data: string) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/** RFC 3454 table C.1.2 (non-ASCII spaces → U+0020) and B.1 (mapped to nothing). */
const NON_ASCII_SPACE = /[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g;
const MAPPED_TO_NOTHING = /[\u00AD\u034F\u1806\u180B\u180C\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g;

/**
 * SASLprep's mapping and NFKC steps (what libpq and pg apply client-side). The prohibition
 * checks are skipped: PostgreSQL then uses the raw password, and so do clients.
 */
export const saslPrep = (password: string): string =>
  password.replace(NON_ASCII_SPACE, ' ').replace(MAPPED_TO_NOTHING, '').normalize('NFKC');

export function makeVerifier(password: string, salt: Buffer = randomBytes(SALT_BYTES), iterations = ITERATIONS): ScramVerifier {
  const salted = pbkdf2Sync(saslPrep(password), salt, iterations, KEY_BYTES, 'sha256');
  return { salt, iterations, storedKey: sha256(hmac(salted, 'Client Key')), serverKey: hmac(salted, 'Server Key') };
}

/** A fresh random salt for `makeVerifier` (the server makes one at start and gives it to every engine thread). */
export const makeScramSalt = (): Buffer => randomBytes(SALT_BYTES);

/**
 * The verifier a role that does not exist appears to have, as PostgreSQL's scram_mock_salt()
 * does: the salt is derived from the role name and a secret of this server start, so the same
 * unknown name always gets the same salt (as a real role would) and names cannot be told apart
 * by it; the iterations are the real ones. Its keys are random, so no proof ever matches.
 */
export function mockVerifier(role: string, mockNonce: Uint8Array): ScramVerifier {
  const salt = createHash('sha256').update(role).update(mockNonce).digest().subarray(0, SALT_BYTES);
  return { salt, iterations: ITERATIONS, storedKey: randomBytes(KEY_BYTES), serverKey: randomBytes(KEY_BYTES) };
}

export type ScramResult = { readonly ok: true; readonly serverFinal: string } | { readonly ok: false; readonly reason: string };
export type ScramStart = { readonly ok: true; readonly serverFirst: string } | { readonly ok: false; readonly reason: string };

/** The mechanisms to advertise: -PLUS first when channel binding data exists (TLS). */
export const scramMechanisms = (channelBinding: Buffer | undefined): string[] =>
  channelBinding ? [SCRAM_PLUS_MECHANISM, SCRAM_MECHANISM] : [SCRAM_MECHANISM];

/** One exchange: `start(clientFirst)` → server-first; `finish(clientFinal)` → verdict. */
export class ScramExchange {
  private clientFirstBare = '';
  private serverFirst = '';
  private nonce = '';
  private gs2Header = '';
  private bound = false;

  /**
   * @param mechanism the one the client chose (must be among `scramMechanisms(channelBinding)`)
   * @param channelBinding tls-server-end-point data when the connection uses TLS
   */
  constructor(private readonly verifier: ScramVerifier, private readonly mechanism: string, private readonly channelBinding?: Buffer) {}

  /** Returns server-first-message, or why client-first is refused. */
  start(clientFirst: string): ScramStart {
    const m = /^([ny]|p=[^,]*),([^,]*),(.*)$/.exec(clientFirst);
    if (!m) return { ok: false, reason: 'malformed SCRAM message' };
    const flag = m[1]!;
    const plus = this.mechanism === SCRAM_PLUS_MECHANISM;
    if (flag.startsWith('p=')) {
      if (!plus || !this.channelBinding) return { ok: false, reason: 'SCRAM channel binding negotiation error' };
      if (flag !== `p=${CHANNEL_BINDING_TYPE}`) return { ok: false, reason: `unsupported SCRAM channel-binding type "${flag.slice(2)}"` };
      this.bound = true;
    } else if (plus) {
      return { ok: false, reason: 'channel binding is required by SCRAM-SHA-256-PLUS' };
    } else if (flag === 'y' && this.channelBinding) {
      return { ok: false, reason: 'SCRAM channel binding negotiation error' };
    }
    this.gs2Header = `${flag},${m[2]},`;
    this.clientFirstBare = m[3]!;
    const clientNonce = /(?:^|,)r=([^,]+)/.exec(this.clientFirstBare)?.[1];
    if (!clientNonce) return { ok: false, reason: 'malformed SCRAM message' };
    this.nonce = clientNonce + randomBytes(NONCE_BYTES).toString('base64');
    this.serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString('base64')},i=${this.verifier.iterations}`;
    return { ok: true, serverFirst: this.serverFirst };
  }

  finish(clientFinal: string): ScramResult {
    const proofAt = clientFinal.lastIndexOf(',p=');
    if (proofAt < 0) return { ok: false, reason: 'malformed SCRAM message' };
    const withoutProof = clientFinal.slice(0, proofAt);
    const attrs = new Map(withoutProof.split(',').map((kv) => [kv.slice(0, 1), kv.slice(2)] as const));
    const binding = Buffer.concat([Buffer.from(this.gs2Header), this.bound ? this.channelBinding! : Buffer.alloc(0)]);
    if (attrs.get('c') !== binding.toString('base64')) return { ok: false, reason: 'invalid channel binding' };
    if (attrs.get('r') !== this.nonce) return { ok: false, reason: 'invalid nonce' };
    const proof = Buffer.from(clientFinal.slice(proofAt + 3), 'base64');
    if (proof.length !== KEY_BYTES) return { ok: false, reason: 'malformed proof' };
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const signature = hmac(this.verifier.storedKey, authMessage);
    const clientKey = Buffer.alloc(KEY_BYTES);
    for (let i = 0; i < KEY_BYTES; i++) clientKey[i] = proof[i]! ^ signature[i]!;
    if (!timingSafeEqual(sha256(clientKey), this.verifier.storedKey)) return { ok: false, reason: 'wrong password' };
    return { ok: true, serverFinal: `v=${hmac(this.verifier.serverKey, authMessage).toString('base64')}` };
  }
}
