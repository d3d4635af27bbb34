import { describe, expect, it } from 'vitest';
import { createId } from './ids.js';

describe('createId', () => {
  it('makes distinct ids of the documented shape past the refills of its randomness pool', () => {
    const ids = Array.from({ length: 5000 }, () => createId('m'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^m_[0-9a-z]+$/);
    expect(new Set(ids.map((id) => id.slice(-8))).size).toBe(ids.length);
  });
});
