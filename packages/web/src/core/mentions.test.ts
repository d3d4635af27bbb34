import { describe, expect, it } from 'vitest';
import { mentions } from './mentions.js';

describe('mentions', () => {
  it('finds a name as a whole word, in any case', () => {
    expect(mentions('hey Alice, look', 'alice')).toBe(true);
    expect(mentions('ALICE: ping', 'alice')).toBe(true);
    expect(mentions('@alice ping', 'alice')).toBe(true);
  });

  it('ignores names inside other words', () => {
    expect(mentions('malice aforethought', 'alice')).toBe(false);
    expect(mentions('alicex', 'alice')).toBe(false);
  });
});
