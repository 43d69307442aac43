/**
 * PostgreSQL's MD5 password method: the server sends a random 4-byte salt, the client answers
 * `"md5" + md5hex(md5hex(password + user) + salt)`. Weak (the inner hash is a password
 * equivalent) but still what some older drivers and tools expect.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const MD5_SALT_BYTES = 4;

const md5hex = (data: Buffer | string) => createHash('md5').update(data).digest('hex');

export const makeMd5Salt = (): Buffer => randomBytes(MD5_SALT_BYTES);

/** The PasswordMessage a client sends for `password`, `user` and `salt`. */
export function md5PasswordResponse(password: string, user: string, salt: Uint8Array): string {
  return 'md5' + md5hex(Buffer.concat([Buffer.from(md5hex(password + user)), salt]));
}

/** True when `response` (the PasswordMessage text) proves knowledge of `password`. */
export function verifyMd5Password(response: string, password: string, user: string, salt: Uint8Array): boolean {
  return constantTimeEqual(response, md5PasswordResponse(password, user, salt));
}

/** String comparison whose time does not depend on where the strings differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
