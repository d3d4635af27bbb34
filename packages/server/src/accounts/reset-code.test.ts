import { describe, expect, it } from 'vitest';
import { newResetCode, resetCodeHash } from './reset-code.js';

describe('reset codes', () => {
  it('are five groups of four unambiguous characters, different each time', () => {
    const codes = Array.from({ length: 50 }, () => newResetCode().code);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('match as typed in any case, with or without dashes and spaces, O and I read as 0 and 1', () => {
    const { code, hash } = newResetCode();
    expect(resetCodeHash(code)).toBe(hash);
    expect(resetCodeHash(` ${code.toLowerCase().replace(/-/g, ' ')} `)).toBe(hash);
    expect(resetCodeHash('0000-1111-2222-3333-4444')).toBe(resetCodeHash('oooo-iiii-2222-3333-4444'));
    expect(resetCodeHash(code.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')))).not.toBe(hash);
  });
});
