/**
 * `tls-server-end-point` channel-binding data (RFC 5929 §4.1): the hash of the server's DER
 * certificate, with the hash function of the certificate's signature algorithm, except that
 * MD5 and SHA-1 are replaced by SHA-256. Node 20's X509Certificate does not expose the
 * signature algorithm, so the certificate's outer DER structure is read here:
 * Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm SEQUENCE { OID, … }, signature }.
 */
import { createHash, X509Certificate } from 'node:crypto';

const TAG_SEQUENCE = 0x30;
const TAG_OID = 0x06;
const LONG_LENGTH_FLAG = 0x80;

/** Signature algorithm OIDs (dotted) → the hash tls-server-end-point uses. */
const HASH_BY_SIGNATURE_OID: Readonly<Record<string, string>> = {
  '1.2.840.113549.1.1.4': 'sha256', // md5WithRSAEncryption (MD5 → SHA-256 per RFC 5929)
  '1.2.840.113549.1.1.5': 'sha256', // sha1WithRSAEncryption
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.113549.1.1.14': 'sha224',
  '1.2.840.10045.4.1': 'sha256', // ecdsa-with-SHA1
  '1.2.840.10045.4.3.1': 'sha224',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

interface Element { readonly tag: number; readonly start: number; readonly end: number }

/** Reads the DER element header at `at`; `start` is where its content begins. */
function element(der: Buffer, at: number): Element {
  const tag = der[at]!;
  let len = der[at + 1]!;
  let start = at + 2;
  if (len & LONG_LENGTH_FLAG) {
    const bytes = len & ~LONG_LENGTH_FLAG;
    len = 0;
    for (let i = 0; i < bytes; i++) len = len * 256 + der[start + i]!;
    start += bytes;
  }
  if (start + len > der.length) throw new Error('truncated DER');
  return { tag, start, end: start + len };
}

function oidToString(bytes: Buffer): string {
  const parts = [Math.floor(bytes[0]! / 40), bytes[0]! % 40];
  let v = 0;
  for (const b of bytes.subarray(1)) {
    v = v * 128 + (b & 0x7f);
    if (!(b & 0x80)) { parts.push(v); v = 0; }
  }
  return parts.join('.');
}

/** The certificate's signature algorithm OID, dotted. */
export function signatureAlgorithmOid(der: Buffer): string {
  const cert = element(der, 0);
  const tbs = element(der, cert.start);
  const algorithm = element(der, tbs.end);
  const oid = element(der, algorithm.start);
  if (cert.tag !== TAG_SEQUENCE || algorithm.tag !== TAG_SEQUENCE || oid.tag !== TAG_OID) throw new Error('not an X.509 certificate');
  return oidToString(der.subarray(oid.start, oid.end));
}

/**
 * The channel-binding data for the first certificate in `certPem`, or undefined when its
 * signature algorithm has no single hash (Ed25519, RSA-PSS): libpq fails such a binding too,
 * so -PLUS is then simply not offered.
 */
export function tlsServerEndPoint(certPem: string | Buffer): Buffer | undefined {
  try {
    const der = new X509Certificate(certPem).raw;
    const hash = HASH_BY_SIGNATURE_OID[signatureAlgorithmOid(der)];
    return hash ? createHash(hash).update(der).digest() : undefined;
  } catch {
    return undefined;
  }
}
