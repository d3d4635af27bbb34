import { describe, expect, it } from 'vitest';
import { fnv1a32, NAME_PALETTE, nameColour, nameColourIndex } from './name-colour.js';

describe('fnv1a32', () => {
  it('matches the published FNV-1a test vectors', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
});

describe('nameColourIndex', () => {
  // Pinned: people know each other by colour, so a change of hash or palette must be deliberate.
  it.each([
    ['alice', 11],
    ['bob', 8],
    ['carol', 2],
    ['dave', 7],
    ['eve', 9],
  ])('gives %s the palette entry %i', (nick, index) => {
    expect(nameColourIndex(nick)).toBe(index);
  });

  it('gives every spelling of one person the same colour', () => {
    expect(nameColourIndex('Alice')).toBe(nameColourIndex('alice'));
    expect(nameColourIndex('ALICE')).toBe(nameColourIndex('alice'));
    expect(nameColourIndex('ａｌｉｃｅ')).toBe(nameColourIndex('alice'));
  });

  it('always lands inside the twelve-colour palette', () => {
    expect(NAME_PALETTE).toHaveLength(12);
    for (const nick of ['李雷', 'Мария', 'Zoë', '_', 'x'.repeat(32)]) {
      expect(nameColourIndex(nick)).toBeGreaterThanOrEqual(0);
      expect(nameColourIndex(nick)).toBeLessThan(12);
    }
  });

  it('maps names to the shared hex colours', () => {
    expect(nameColour('alice')).toBe('#8fa35b');
    expect(nameColour('bob')).toBe('#c678dd');
    expect(nameColour('carol')).toBe('#c8ae3c');
  });
});
