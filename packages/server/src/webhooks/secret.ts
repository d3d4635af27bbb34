import { randomBytes, timingSafeEqual } from 'node:crypto';
import { hashToken } from '../accounts/tokens.js';

/** A new webhook secret (256 random bits, URL-safe) and the hash the store keeps instead of it. */
export function newWebhookSecret(): { secret: string; hash: string } {
  const secret = randomBytes(32).toString('base64url');
  return { secret, hash: hashToken(secret) };
}

/** Compared against when the webhook does not exist, so an unknown id costs what a wrong secret costs. */
const STAND_IN = Buffer.from(hashToken('no such webhook'), 'hex');

/**
 * Whether `secret` is the one whose hash is `hash` (undefined: no such webhook). Always hashes and
 * compares in constant time, so the answer's timing tells nothing about how close a guess was, nor
 * (beyond the store's own lookup) whether the webhook exists.
 */
export function secretMatches(secret: string, hash: string | undefined): boolean {
  const given = Buffer.from(hashToken(secret), 'hex');
  const stored = hash === undefined ? undefined : Buffer.from(hash, 'hex');
  const wanted = stored?.length === given.length ? stored : STAND_IN;
  return timingSafeEqual(given, wanted) && wanted !== STAND_IN;
}
