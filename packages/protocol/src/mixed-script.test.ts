import { describe, expect, it } from 'vitest';
import { isHighlyRestrictive, resolvedScripts } from './mixed-script.js';
import { SCRIPT_CODES } from './scripts.js';

describe('resolvedScripts', () => {
  it('gives ASCII text the same answer by its fast path as the general one would', () => {
    expect([...resolvedScripts('Bob-42')!]).toEqual(['Latn']);
    expect(resolvedScripts('42_-')).toBeUndefined();
    expect(resolvedScripts('')).toBeUndefined();
  });

  it('intersects the scripts of the letters, ignoring digits and punctuation', () => {
    expect([...resolvedScripts('alice_2')!]).toEqual(['Latn']);
    expect(resolvedScripts('42')).toBeUndefined();
    expect(resolvedScripts('\u0430lice')!.size).toBe(0);
  });
});

describe('isHighlyRestrictive', () => {
  it.each(['alice', 'zoë', 'Мария', 'σοφια', '李雷', 'ひらがな漢字', 'li雷', 'kim김민', 'ᏣᎳᎩ', 'bob_2'])(
    'accepts %j',
    (name) => {
      expect(isHighlyRestrictive(name)).toBe(true);
    },
  );

  it.each([
    '\u0430lice', // Cyrillic + Latin
    '\u03B1lice', // Greek + Latin
    'a\u13DEice', // Cherokee + Latin
    'Мар\u0438\u03B1', // Cyrillic + Greek
    'ali\u0570e', // Armenian + Latin
  ])('refuses %j', (name) => {
    expect(isHighlyRestrictive(name)).toBe(false);
  });
});

describe('SCRIPT_CODES', () => {
  it('names each script once, by a code the engine knows', () => {
    expect(new Set(SCRIPT_CODES).size).toBe(SCRIPT_CODES.length);
    const unknown = SCRIPT_CODES.filter((code) => {
      try {
        new RegExp(`\\p{scx=${code}}`, 'u');
        return false;
      } catch {
        return true;
      }
    });
    // A Node whose ICU predates Unicode 17 lacks its four new scripts, and skips them as a browser would.
    expect(unknown.filter((code) => !['Berf', 'Sidt', 'Tayo', 'Tols'].includes(code))).toEqual([]);
  });
});
