import { describe, expect, it } from 'vitest';
import { isHighlyRestrictive, resolvedScripts } from './mixed-script.js';

describe('resolvedScripts', () => {
  it('intersects the scripts of the letters, ignoring digits and punctuation', () => {
    expect([...resolvedScripts('alice_2')!]).toEqual(['Latin']);
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
