import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits.js';
import { textProblem } from './message-text.js';

describe('textProblem', () => {
  it('accepts text with something in it, up to the byte limit', () => {
    expect(textProblem('build **412** passed')).toBeUndefined();
    expect(textProblem('é'.repeat(LIMITS.maxTextBytes / 2))).toBeUndefined();
  });

  it('refuses blank text and text over the limit in UTF-8 bytes', () => {
    expect(textProblem(' \n\t')).toBe('empty');
    expect(textProblem('é'.repeat(LIMITS.maxTextBytes / 2 + 1))).toBe('too_long');
  });
});
