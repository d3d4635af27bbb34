import { randomBytes } from 'node:crypto';
import { hashToken } from './tokens.js';

/** Crockford's base 32: no I, L, O or U, so a code read aloud or off paper is not mistyped. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Characters of a code: 100 random bits, far past guessing within the log-in throttle. */
const LENGTH = 20;

/** A new one-time reset code, grouped by four for reading (`K7QW-9XHP-…`), and the hash to keep. */
export function newResetCode(): { code: string; hash: string } {
  const bytes = randomBytes(LENGTH);
  const characters = [...bytes].map((byte) => ALPHABET[byte % ALPHABET.length]!).join('');
  const code = characters.match(/.{4}/g)!.join('-');
  return { code, hash: resetCodeHash(code) };
}

/**
 * The stored form of a code as typed: case, spaces and dashes do not matter, and the letters people
 * confuse with digits (O, I, L) count as those digits.
 */
export function resetCodeHash(typed: string): string {
  const normalized = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return hashToken(`reset:${normalized}`);
}
