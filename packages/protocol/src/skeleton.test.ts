import { describe, expect, it } from 'vitest';
import { canonicalName } from './names.js';
import { CONFUSABLES_UNICODE_VERSION, nameSkeleton, skeleton } from './skeleton.js';

describe('skeleton (UTS #39)', () => {
  it('maps look-alikes to one prototype, over the whole confusables data', () => {
    expect(skeleton('\u0251')).toBe('a'); // LATIN SMALL LETTER ALPHA
    expect(skeleton('m')).toBe('rn');
    expect(skeleton('1')).toBe(skeleton('l'));
    expect(skeleton('I')).toBe(skeleton('l'));
    expect(skeleton('\u13AA')).toBe('A'); // CHEROKEE LETTER GO
    expect(skeleton('\u1D0F')).toBe('o'); // LATIN LETTER SMALL CAPITAL O
    expect(skeleton('\u{1D41A}')).toBe('a'); // MATHEMATICAL BOLD SMALL A
  });

  it('states the Unicode version of its data', () => {
    expect(CONFUSABLES_UNICODE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('nameSkeleton', () => {
  it.each([
    ['alice', '\u0251lice'], // Latin alpha, the example
    ['alice', '\u0430lice'], // Cyrillic а
    ['alice', 'a\u13DEice'], // Cherokee Ꮮ
    ['alice', '\u{1D41A}lice'], // mathematical bold a
    ['Alice', 'AIice'], // capital I for l
    ['alice', 'a1ice'],
    ['modern', 'rnodern'],
    ['bob', 'b0b'],
    ['HAT', '\u0397\u0391\u03A4'], // all-Greek capitals
    ['Alice', 'alice'],
    ['alice', 'ａｌｉｃｅ'],
  ])('%j and %j look alike', (a, b) => {
    expect(nameSkeleton(a)).toBe(nameSkeleton(b));
  });

  it.each([
    ['alice', 'alicia'],
    ['bob', 'bobby'],
    ['李雷', '李电'],
  ])('%j and %j do not', (a, b) => {
    expect(nameSkeleton(a)).not.toBe(nameSkeleton(b));
  });

  it('leaves case to canonicalName where the skeletons of the cases differ', () => {
    expect(nameSkeleton('ALICE')).not.toBe(nameSkeleton('alice')); // I looks like l
    expect(canonicalName('ALICE')).toBe(canonicalName('alice'));
  });
});
