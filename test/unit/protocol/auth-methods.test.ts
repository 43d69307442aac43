/**
 * Password methods checked against node-postgres's client-side implementations (an independent
 * oracle): the md5 response, the SCRAM exchange with and without tls-server-end-point channel
 * binding (and the downgrade refusals), and the certificate hash's choice of hash function for
 * certificates made by the openssl binary.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { md5PasswordResponse, verifyMd5Password } from '../../../src/protocol/auth/md5-password.js';
import { makeVerifier, SCRAM_MECHANISM, SCRAM_PLUS_MECHANISM, ScramExchange, scramMechanisms } from '../../../src/protocol/auth/scram-sha-256.js';
import { tlsServerEndPoint } from '../../../src/protocol/tls/certificate-hash.js';

interface PgSession { mechanism: string; response: string }
const require = createRequire(import.meta.url);
const pgUtils = require('pg/lib/crypto/utils') as { postgresMd5PasswordHash(user: string, password: string, salt: Buffer): Promise<string> };
const pgSasl = require('pg/lib/crypto/sasl') as {
  startSession(mechanisms: string[], stream?: object): PgSession;
  continueSession(session: PgSession, password: string, serverData: string, stream?: object): Promise<void>;
  finalizeSession(session: PgSession, serverData: string): void;
};
const pgCert = require('pg/lib/crypto/cert-signatures') as { signatureAlgorithmHashFromCertificate(der: Buffer): string };

/** openssl req -x509 with the given key options; returns the PEM certificate. */
function makeCert(keyArgs: readonly string[]): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'thanosql-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', ...keyArgs, '-nodes', '-keyout', join(dir, 'k.pem'), '-out', join(dir, 'c.pem'),
      '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    return readFileSync(join(dir, 'c.pem'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('md5 response matches node-postgres and verifies', async () => {
  const salt = Buffer.from([1, 2, 250, 255]);
  const expected = await pgUtils.postgresMd5PasswordHash('thanosql', 'secret', salt);
  assert.equal(md5PasswordResponse('secret', 'thanosql', salt), expected);
  assert.ok(verifyMd5Password(expected, 'secret', 'thanosql', salt));
  assert.ok(!verifyMd5Password(expected, 'secret', 'postgres', salt));
  assert.ok(!verifyMd5Password('md5', 'secret', 'thanosql', salt));
});

test('tls-server-end-point uses the signature hash (SHA-256 for SHA-1, none for Ed25519)', () => {
  const cases: [string[], string][] = [
    [['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'], 'sha256'],
    [['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:secp384r1', '-sha384'], 'sha384'],
    [['-newkey', 'rsa:1024', '-sha512'], 'sha512'],
    [['-newkey', 'rsa:1024', '-sha1'], 'sha256'],
  ];
  for (const [args, hash] of cases) {
    const pem = makeCert(args);
    const der = new X509Certificate(pem).raw;
    const pgHash = pgCert.signatureAlgorithmHashFromCertificate(der);
    assert.equal(pgHash === 'SHA-1' ? 'sha256' : pgHash.replace('-', '').toLowerCase(), hash);
    assert.deepEqual(tlsServerEndPoint(pem), createHash(hash).update(der).digest());
  }
  assert.equal(tlsServerEndPoint(makeCert(['-newkey', 'ed25519'])), undefined);
});

/** Runs pg's client against our exchange; returns the failure reason or 'ok'. */
async function pgScram(offered: string[], binding: Buffer | undefined, stream: object | undefined, password = 'pw'): Promise<string> {
  const client = pgSasl.startSession(offered, stream);
  const server = new ScramExchange(makeVerifier('pw', undefined, 16), client.mechanism, binding);
  const first = server.start(client.response);
  if (!first.ok) return first.reason;
  await pgSasl.continueSession(client, password, first.serverFirst, stream);
  const final = server.finish(client.response);
  if (!final.ok) return final.reason;
  pgSasl.finalizeSession(client, final.serverFinal);
  return 'ok';
}

test('SCRAM with node-postgres: plain, channel-bound, wrong password, downgrade refused', async () => {
  const pem = makeCert(['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1']);
  const binding = tlsServerEndPoint(pem)!;
  const tlsStream = { getPeerCertificate: () => ({ raw: new X509Certificate(pem).raw }) };
  const otherStream = { getPeerCertificate: () => ({ raw: new X509Certificate(makeCert(['-newkey', 'rsa:1024'])).raw }) };

  assert.deepEqual(scramMechanisms(undefined), [SCRAM_MECHANISM]);
  assert.deepEqual(scramMechanisms(binding), [SCRAM_PLUS_MECHANISM, SCRAM_MECHANISM]);
  assert.equal(await pgScram(scramMechanisms(undefined), undefined, undefined), 'ok');
  assert.equal(await pgScram(scramMechanisms(binding), binding, tlsStream), 'ok');
  // The client sends 'y' over TLS when the server offers no -PLUS: fine without binding data.
  assert.equal(await pgScram(scramMechanisms(undefined), undefined, tlsStream), 'ok');
  assert.equal(await pgScram(scramMechanisms(undefined), undefined, undefined, 'bad'), 'wrong password');
  // A man in the middle terminating TLS with another certificate: the binding does not match.
  assert.equal(await pgScram(scramMechanisms(binding), binding, otherStream), 'invalid channel binding');
  // -PLUS was offered but stripped on the way: the client's 'y' reveals it.
  assert.equal(await pgScram([SCRAM_MECHANISM], binding, tlsStream), 'SCRAM channel binding negotiation error');
});
