import { randomFillSync } from 'node:crypto';

/** Makes unique ids: a prefix, the time, and randomness, so they sort roughly by creation. */
export type IdFactory = (prefix: string) => string;

const RANDOM_CHARS = 8;
const ALPHABET = '0123456789abcdefghijklmnopqrstuv';
// Randomness is drawn 4 KiB at a time, one byte per character (its low 5 bits): one call into the
// CSPRNG per 512 ids instead of one per id, which was a tenth of the store's time per message.
const pool = Buffer.allocUnsafe(RANDOM_CHARS * 512);
let poolOffset = pool.length;
// Number#toString(36) is slow; the time part only changes once a millisecond.
let lastMs = -1;
let lastTime = '';

function randomChars(): string {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  let chars = '';
  for (let end = poolOffset + RANDOM_CHARS; poolOffset < end; poolOffset++)
    chars += ALPHABET[pool[poolOffset]! & 31];
  return chars;
}

/** The default id factory: `m_` + base36 time + 8 random base32 characters (40 bits). */
export const createId: IdFactory = (prefix) => {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastTime = now.toString(36);
  }
  return `${prefix}_${lastTime}${randomChars()}`;
};

/** A deterministic id factory for tests: `prefix_1`, `prefix_2`, ... */
export function sequentialIds(): IdFactory {
  let next = 0;
  return (prefix) => `${prefix}_${++next}`;
}
