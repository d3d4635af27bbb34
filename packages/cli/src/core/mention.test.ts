import { describe, expect, it } from 'vitest';
import { mentions } from './mention.js';

describe('mentions', () => {
  it.each([
    ['alice: ping', true],
    ['hey @Alice!', true],
    ['thanks ALICE.', true],
    ['ｈｉ ａｌｉｃｅ', true],
    ['malice aforethought', false],
    ['alice_bot says hi', false],
    ['alices', false],
    ['nothing here', false],
  ])('%j -> %s', (text, expected) => {
    expect(mentions(text, 'alice')).toBe(expected);
  });

  it('treats regex characters in a nick literally', () => {
    expect(mentions('hi a.b', 'a.b')).toBe(true);
    expect(mentions('hi axb', 'a.b')).toBe(false);
  });
});
