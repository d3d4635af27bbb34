import { randomBytes } from 'node:crypto';

/** Makes unique ids: a prefix, the time, and randomness, so they sort roughly by creation. */
export type IdFactory = (prefix: string) => string;

/** The default id factory: `m_` + base36 time + 8 random base32 characters. */
export const createId: IdFactory = (prefix) => {
  const random = randomBytes(5).readUIntBE(0, 5).toString(36).padStart(8, '0');
  return `${prefix}_${Date.now().toString(36)}${random}`;
};

/** A deterministic id factory for tests: `prefix_1`, `prefix_2`, ... */
export function sequentialIds(): IdFactory {
  let next = 0;
  return (prefix) => `${prefix}_${++next}`;
}
