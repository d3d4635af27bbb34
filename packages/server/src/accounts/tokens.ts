import { createHash, randomBytes } from 'node:crypto';

/** A new session token (256 random bits) and the hash the server keeps instead of it. */
export function newSessionToken(): { token: string; hash: string } {
  const token = `aur_${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token) };
}

/** The stored form of a token: the server never keeps tokens themselves. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
