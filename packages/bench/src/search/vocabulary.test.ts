import { indexTokens } from 'aurora-protocol';
import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.js';
import { makeVocabulary } from './vocabulary.js';

describe('makeVocabulary', () => {
  const words = makeVocabulary(5000, seededRandom(20));

  it('is the same for the same seed', () => {
    expect(makeVocabulary(5000, seededRandom(20))).toEqual(words);
    expect(makeVocabulary(5000, seededRandom(21))).not.toEqual(words);
  });

  it('has distinct words, each one search token as the shared tokenizer folds it', () => {
    expect(new Set(words).size).toBe(5000);
    for (const word of words) expect(indexTokens(word)).toEqual([word]);
  });

  it('makes frequent words short and rare ones long', () => {
    const meanLength = (slice: string[]) => slice.reduce((sum, word) => sum + word.length, 0) / slice.length;
    expect(meanLength(words.slice(0, 30))).toBeLessThan(4.5);
    expect(meanLength(words.slice(2500))).toBeGreaterThan(8);
  });

  it("leaves out the load generator's words", () => {
    for (const word of ['the', 'fox', 'tea', 'dog']) expect(words).not.toContain(word);
  });
});
