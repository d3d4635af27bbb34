import { describe, expect, it } from 'vitest';
import { NAME_PALETTE, nameColour, nameColourIndex } from './name-colour.js';

describe('nameColourIndex', () => {
  // Pinned: the web client pins the same values, so a change on either side is noticed.
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
    for (const spelling of ['Alice', 'ALICE', 'ａｌｉｃｅ'])
      expect(nameColour(spelling)).toBe(nameColour('alice'));
  });

  it('stays inside the palette for any name', () => {
    expect(NAME_PALETTE).toHaveLength(12);
    for (const nick of ['李雷', 'Мария', 'Zoë', '_', 'x'.repeat(32)])
      expect(NAME_PALETTE).toContain(nameColour(nick));
  });
});
